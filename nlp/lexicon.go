package nlp

import (
	"bytes"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/danmakuscope/danmakuscope/lexicons"
)

// Header lines of the TSV files.
const (
	sentimentHeader = "term\tvalence\temotion\tweight\tnote"
	degreeHeader    = "term\tweight"
	markersHeader   = "term\trole\tweight\tnote"
)

// Limits of the numeric columns.
const (
	maxTermWeight   = 10
	maxDegreeWeight = 3
	maxMarkerWeight = 3
	maxDictFreq     = 1e9
	defaultDictFreq = 2000
)

// term flags.
const (
	termSent   uint8 = 1 << iota // scored: valence or emotion is set
	termDegree                   // degree adverb: degree is set
	termNeg                      // negator
	termFiller                   // particle skipped inside a decomposed token
	termMarker                   // has a role from markers.tsv
)

// role is what a marker does to its clause or text (markers.tsv).
type role uint8

const (
	roleNone       role = iota
	roleContrast        // 但是: starts a clause of weight w
	roleConcession      // 虽然: its clause weighs w
	roleRhetorical      // 难道: inverts its clause
	roleQuestion        // 吗: clause-final question particle
	roleAffirm          // 不是 in a question: negates nothing
	roleIrony           // 呵呵: positive words in the text are sarcasm
	roleIronyOpen       // 真是 … 呢
	roleIronyClose      // 呢
	roleLaughter        // 哈哈哈: the text laughs, so 呵呵 in it is laughter too
	roleComplement      // 死了 after a scored word: multiplies it by w (可爱死了)
)

// parseRole maps the role column of markers.tsv.
func parseRole(s string) (role, bool) {
	switch s {
	case "contrast":
		return roleContrast, true
	case "concession":
		return roleConcession, true
	case "rhetorical":
		return roleRhetorical, true
	case "question":
		return roleQuestion, true
	case "affirm":
		return roleAffirm, true
	case "irony":
		return roleIrony, true
	case "irony-open":
		return roleIronyOpen, true
	case "irony-close":
		return roleIronyClose, true
	case "laughter":
		return roleLaughter, true
	case "complement":
		return roleComplement, true
	}
	return roleNone, false
}

// termInfo is what the scorer knows about one token.
type termInfo struct {
	flags   uint8
	emotion Emotion
	role    role
	valence float64 // valence × weight
	emoStr  float64 // emotion strength × weight: |valence| or emotionOnlyStrength
	degree  float64
	roleW   float64 // weight of a contrast, concession or complement marker
}

// dictEntry is a term to add to the segmenter.
type dictEntry struct {
	term string
	freq float64
}

// lexicon is the parsed content of the lexicon files.
type lexicon struct {
	terms map[string]termInfo
	// origin records where each scored term was defined ("file:line"), to
	// name both places of a duplicate across files.
	origin map[string]string
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
	// mixed maps a first rune to the terms matched literally before
	// segmentation (mixed-script terms such as up主, kaomoji such as
	// (^_^)), longest first.
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

// newLexicon returns an empty lexicon.
func newLexicon() *lexicon {
	return &lexicon{
		terms:     make(map[string]termInfo, 8192),
		origin:    make(map[string]string, 8192),
		stop:      make(map[string]bool, 256),
		memes:     make(map[string]bool, 8192),
		dictTerms: make(map[string]bool, 1024),
		mixed:     make(map[rune][]string),
		particles: make(map[string]bool),
	}
}

// parseLexicons parses the files read by readLexicons.
func parseLexicons(data [][]byte) (*lexicon, error) {
	lx, _, err := parseAll(data, nil)
	return lx, err
}

// parseAll parses the built-in files, then applies the user lexicons in
// order, each overriding what came before.
func parseAll(data [][]byte, users []UserLexicon) (*lexicon, []LexiconInfo, error) {
	lx, err := parseBuiltin(data)
	if err != nil {
		return nil, nil, err
	}
	var infos []LexiconInfo
	for _, u := range users {
		info, err := lx.applyUser(u)
		if err != nil {
			return nil, nil, err
		}
		infos = append(infos, info)
	}
	lx.finish()
	return lx, infos, nil
}

// parseBuiltin parses the built-in files, in lexicons.Files order.
func parseBuiltin(data [][]byte) (*lexicon, error) {
	lx := newLexicon()
	for i, name := range lexicons.Files() {
		var err error
		switch name {
		case lexicons.Sentiment, lexicons.Slang:
			err = lx.parseSentiment(name, data[i], false)
		case lexicons.Emoji:
			err = lx.parseSentiment(name, data[i], true)
		case lexicons.Negators:
			err = lx.parseNegators(name, data[i])
		case lexicons.Degree:
			err = lx.parseDegree(name, data[i])
		case lexicons.Markers:
			err = lx.parseMarkers(name, data[i])
		case lexicons.Dict:
			err = lx.parseDict(name, data[i])
		case lexicons.Stopwords:
			err = lx.parseStopwords(name, data[i])
		default:
			err = lexErr(name, 0, "no parser for this lexicon file")
		}
		if err != nil {
			return nil, err
		}
	}
	return lx, nil
}

// finish adds the fillers and orders the literal-match candidates, after
// all files (built-in and user) are parsed.
func (lx *lexicon) finish() {
	for _, f := range strings.Fields(fillers) {
		if _, ok := lx.terms[f]; !ok {
			lx.terms[f] = termInfo{flags: termFiller}
		}
	}
	for _, cands := range lx.mixed {
		sort.Slice(cands, func(i, j int) bool {
			if len(cands[i]) != len(cands[j]) {
				return len(cands[i]) > len(cands[j])
			}
			return cands[i] < cands[j]
		})
	}
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
// piece for the segmenter (no separators), not empty. With symbols, a term
// may also be a kaomoji: symbols and letters without whitespace, matched
// literally before segmentation.
func checkTerm(file string, line int, term string, symbols bool) error {
	if term == "" {
		return lexErr(file, line, "empty term")
	}
	if n := Normalize(term).Text; n != term {
		return lexErr(file, line, "term %q is not normalised (it normalises to %q)", term, n)
	}
	spans := splitSpans(term, nil, nil)
	for _, sp := range spans {
		if sp.kind == spanSep {
			if symbols && isKaomoji(term) {
				return nil
			}
			return lexErr(file, line, "term %q contains a separator %q", term, term[sp.start:sp.end])
		}
		if (sp.kind == spanEmote || sp.kind == spanEmoji) && len(spans) > 1 {
			return lexErr(file, line, "term %q mixes an emote or emoji with other text", term)
		}
	}
	return nil
}

// isKaomoji reports whether term, which holds a separator, may be a
// kaomoji: at least two runes, no whitespace, not only punctuation of one
// kind, no emote brackets.
func isKaomoji(term string) bool {
	if utf8.RuneCountInString(term) < 2 || strings.HasPrefix(term, "[") {
		return false
	}
	first, _ := utf8.DecodeRuneInString(term)
	same := true
	for _, r := range term {
		if unicode.IsSpace(r) {
			return false
		}
		same = same && r == first
	}
	return !same
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
	if spans := splitSpans(term, nil, nil); len(spans) > 1 || (len(spans) == 1 && spans[0].kind == spanSep) {
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
