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
	// Sentiment is the general scored lexicon: term, valence, emotion,
	// weight, note.
	Sentiment = "sentiment.tsv"
	// Slang is the scored lexicon of danmaku and internet slang, in the
	// format of Sentiment, with the meanings the terms have in danmaku.
	Slang = "slang.tsv"
	// Emoji is the scored lexicon of emoji, kaomoji and bracketed Bilibili
	// emotes, in the format of Sentiment.
	Emoji = "emoji.tsv"
	// Negators lists negation words, one per line.
	Negators = "negators.txt"
	// Degree lists degree adverbs with their weights.
	Degree = "degree.tsv"
	// Markers lists the words that change how a clause or a text is read:
	// contrast and concession conjunctions, rhetorical-question and irony
	// markers.
	Markers = "markers.tsv"
	// Dict is the danmaku segmentation dictionary: terms that must segment
	// as one token, with an optional frequency.
	Dict = "dict.txt"
	// Stopwords lists our additions to gse's stop list, used only for
	// keyword extraction.
	Stopwords = "stopwords.txt"
)

// FS holds the embedded lexicon files, named by the constants above.
//
//go:embed sentiment.tsv slang.tsv emoji.tsv negators.txt degree.tsv markers.tsv dict.txt stopwords.txt
var FS embed.FS

// Files returns the names of the embedded lexicon files in a fixed order,
// the order in which they are parsed and digested.
func Files() []string {
	return []string{Sentiment, Slang, Emoji, Negators, Degree, Markers, Dict, Stopwords}
}

// Scored returns the names of the files in the format of Sentiment.
func Scored() []string {
	return []string{Sentiment, Slang, Emoji}
}
