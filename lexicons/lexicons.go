// Package lexicons holds danmakuscope's built-in lexicons and its danmaku
// segmentation dictionary, embedded in the binary.
//
// The files are plain UTF-8 text in the strict formats documented in this
// package's README.md; package nlp parses them. The data is our own, written
// for danmaku: it is not copied or derived from a published lexicon.
package lexicons

import "embed"

// Names of the embedded files.
const (
	// Sentiment is the scored lexicon: term, valence, emotion, weight, note.
	Sentiment = "sentiment.tsv"
	// Negators lists negation words, one per line.
	Negators = "negators.txt"
	// Degree lists degree adverbs with their weights.
	Degree = "degree.tsv"
	// Dict is the danmaku segmentation dictionary: terms that must segment
	// as one token, with an optional frequency.
	Dict = "dict.txt"
	// Stopwords lists our additions to gse's stop list, used only for
	// keyword extraction.
	Stopwords = "stopwords.txt"
)

// FS holds the embedded lexicon files, named by the constants above.
//
//go:embed sentiment.tsv negators.txt degree.tsv dict.txt stopwords.txt
var FS embed.FS

// Files returns the names of the embedded lexicon files in a fixed order,
// the order in which digests are computed.
func Files() []string {
	return []string{Sentiment, Negators, Degree, Dict, Stopwords}
}
