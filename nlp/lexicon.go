package nlp

import (
	"bytes"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/danmakuscope/danmakuscope/lexicons"
)

// isEmotion reports whether s is allowed in the emotion column of
// sentiment.tsv: one of the seven DUTIR-style categories 乐 好 哀 怒 惧 恶 惊.
func isEmotion(s string) bool {
	switch s {
	case "joy", "like", "sorrow", "anger", "fear", "disgust", "surprise":
		return true
	}
	return false
}

// Header lines of the TSV files.
const (
	sentimentHeader = "term\tvalence\temotion\tweight\tnote"
	degreeHeader    = "term\tweight"
)

// Limits of the numeric columns.
const (
	maxTermWeight   = 10
	maxDegreeWeight = 3
	maxDictFreq     = 1e9
	defaultDictFreq = 2000
)

// term flags.
const (
	termSent   uint8 = 1 << iota // scored: valence is set
	termDegree                   // degree adverb: degree is set
	termNeg                      // negator
	termFiller                   // particle skipped inside a decomposed token
)

// termInfo is what the scorer knows about one token.
type termInfo struct {
	flags   uint8
	valence float64 // valence × weight
	degree  float64
	emotion string
}

// dictEntry is a term to add to the segmenter.
type dictEntry struct {
	term string
	freq float64
}

// lexicon is the parsed content of the lexicon files.
type lexicon struct {
	terms map[string]termInfo
	// dict lists every multi-character term to add to the segmenter, in
	// file order; freq is 0 when dict.txt gives none (defaultDictFreq).
	dict []dictEntry
	// stop holds our stop-word additions.
	stop map[string]bool
	// memes holds the dictionary and scored terms, for keyword decisions.
	memes map[string]bool
	// dictTerms holds the danmaku dictionary's terms: the only single characters
	// besides nouns that count as keywords (草, 典, 寄…).
	dictTerms map[string]bool
	// particles holds the terms that are one character and a particle
	// (哭了), joined after cutting instead of being added to gse.
	particles map[string]bool
	// mixed maps a first rune to the mixed-script terms starting with it,
	// longest first.
	mixed map[rune][]string
	// maxRunes is the longest term in runes, bounding decomposition.
	maxRunes int
}

// fillers lists the particles that may end or pad a token the scorer
// decomposes (太好了 = 太 + 好 + 了). They carry no score.
const fillers = "了 的 啊 呀 啦 哦 哇 耶 死了"

// readLexicons reads the lexicon files from fsys, in [lexicons.Files] order.
func readLexicons(fsys fs.FS) ([][]byte, error) {
	names := lexicons.Files()
	data := make([][]byte, len(names))
	for i, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read lexicon %s: %w", name, err)
		}
		data[i] = b
	}
	return data, nil
}

// parseLexicons parses the files read by readLexicons.
func parseLexicons(data [][]byte) (*lexicon, error) {
	lx := &lexicon{
		terms:     make(map[string]termInfo, 1024),
		stop:      make(map[string]bool, 256),
		memes:     make(map[string]bool, 1024),
		dictTerms: make(map[string]bool, 256),
		mixed:     make(map[rune][]string),
		particles: make(map[string]bool),
	}
	names := lexicons.Files()
	parsers := []func(string, []byte) error{lx.parseSentiment, lx.parseNegators, lx.parseDegree, lx.parseDict, lx.parseStopwords}
	for i, parse := range parsers {
		if err := parse(names[i], data[i]); err != nil {
			return nil, err
		}
	}
	for _, f := range strings.Fields(fillers) {
		if _, ok := lx.terms[f]; !ok {
			lx.terms[f] = termInfo{flags: termFiller}
		}
	}
	for _, cands := range lx.mixed {
		sort.Slice(cands, func(i, j int) bool { return len(cands[i]) > len(cands[j]) })
	}
	return lx, nil
}

// eachLine calls fn for each line of data that is not blank or a comment,
// after checking encoding and line endings.
func eachLine(file string, data []byte, fn func(line int, text string) error) error {
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		return lexErr(file, 1, "byte order mark; save as UTF-8 without BOM")
	}
	line := 0
	for len(data) > 0 {
		line++
		var raw []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			raw, data = data[:i], data[i+1:]
		} else {
			raw, data = data, nil
		}
		if !utf8.Valid(raw) {
			return lexErr(file, line, "invalid UTF-8")
		}
		text := string(raw)
		if strings.HasSuffix(text, "\r") {
			return lexErr(file, line, "CRLF line ending; use LF")
		}
		if strings.TrimSpace(text) == "" || text[0] == '#' {
			continue
		}
		if err := fn(line, text); err != nil {
			return err
		}
	}
	return nil
}

// checkTerm checks that term is usable as a lexicon key: normalised, one
// piece for the segmenter (no separators), not empty.
func checkTerm(file string, line int, term string) error {
	if term == "" {
		return lexErr(file, line, "empty term")
	}
	if n := Normalize(term).Text; n != term {
		return lexErr(file, line, "term %q is not normalised (it normalises to %q)", term, n)
	}
	spans := splitSpans(term, nil, nil)
	for _, sp := range spans {
		if sp.kind == spanSep {
			return lexErr(file, line, "term %q contains a separator %q", term, term[sp.start:sp.end])
		}
		if (sp.kind == spanEmote || sp.kind == spanEmoji) && len(spans) > 1 {
			return lexErr(file, line, "term %q mixes an emote or emoji with other text", term)
		}
	}
	return nil
}

// addTerm records a new term for segmentation and mixed-script matching.
func (lx *lexicon) addTerm(term string, freq float64) {
	n := utf8.RuneCountInString(term)
	if n > lx.maxRunes {
		lx.maxRunes = n
	}
	if n > 1 && term[0] != '[' {
		lx.dict = append(lx.dict, dictEntry{term, freq})
	}
	if particleTerm(term) {
		lx.particles[term] = true
	}
	if spans := splitSpans(term, nil, nil); len(spans) > 1 {
		first, _ := utf8.DecodeRuneInString(term)
		for _, c := range lx.mixed[first] {
			if c == term {
				return
			}
		}
		lx.mixed[first] = append(lx.mixed[first], term)
	}
}

// dupCheck remembers the line of each term of one file.
type dupCheck map[string]int

func (d dupCheck) check(file string, line int, term string) error {
	if prev, ok := d[term]; ok {
		return lexErr(file, line, "duplicate term %q (first on line %d)", term, prev)
	}
	d[term] = line
	return nil
}
