package nlp

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/go-ego/gse"

	"github.com/danmakuscope/danmakuscope/lexicons"
)

// Options configure [Load]. The zero value is usable.
type Options struct {
	// NoHMM segments with the dictionary only (gse Cut(text, false)). By
	// default gse's HMM joins characters of unknown words.
	NoHMM bool
	// Lexicons are user lexicons applied after the built-in ones, in
	// order: each adds terms and overrides the valence and emotion of
	// terms that came before it.
	Lexicons []UserLexicon
}

// Model holds the process-wide heavy resources: one gse segmenter (gse's
// embedded simplified-Chinese dictionary "zh_s" plus every term of our
// lexicons and danmaku dictionary), the lexicons, the stop lists and gse's
// IDF table. Load it once per process (it takes about a second and 130 MB);
// it is safe for concurrent use, and each goroutine analyses through its
// own [Analyzer].
type Model struct {
	seg       gse.Segmenter
	hmm       bool
	lex       *lexicon
	user      []LexiconInfo
	idf       map[string]float32
	idfMedian float64
	digest    string
	loadTime  time.Duration
}

// hmmModelOnce guards gse's HMM emission tables, which gse keeps in package
// variables and (re)writes on every segmenter initialisation. Filling them
// once per process keeps a second Load from writing them while another
// Model is cutting.
var hmmModelOnce sync.Once

// Load builds a Model from the built-in lexicons and opt's user lexicons.
// It fails when a user lexicon is malformed (a [*LexiconError] naming the
// file and line), an embedded file is malformed or gse cannot load its
// dictionary.
func Load(opt Options) (*Model, error) {
	start := time.Now()
	data, err := readLexicons(lexicons.FS)
	if err != nil {
		return nil, fmt.Errorf("nlp: load: %w", err)
	}
	m, err := newModel(opt, data)
	if err != nil {
		return nil, fmt.Errorf("nlp: load: %w", err)
	}
	m.loadTime = time.Since(start)
	return m, nil
}

// newModel builds a Model from lexicon file contents in [lexicons.Files]
// order.
func newModel(opt Options, data [][]byte) (*Model, error) {
	lx, infos, err := parseAll(data, opt.Lexicons)
	if err != nil {
		return nil, err
	}
	m := &Model{hmm: !opt.NoHMM, lex: lx, user: infos, digest: digest(data, opt, infos)}
	if m.hmm {
		hmmModelOnce.Do(func() { m.seg.LoadModel() })
	}
	m.seg.SkipLog = true
	m.seg.NotLoadHMM = true // loaded above, once per process
	if err := m.seg.LoadDictEmbed("zh_s"); err != nil {
		return nil, fmt.Errorf("gse dictionary: %w", err)
	}
	if err := m.seg.LoadStopEmbed(); err != nil {
		return nil, fmt.Errorf("gse stop list: %w", err)
	}
	if err := m.addTerms(); err != nil {
		return nil, err
	}
	m.idf, m.idfMedian = parseIDF(gse.ZhIdf)
	return m, nil
}

// addTerms adds our multi-character Han terms to the segmenter with
// AddToken (LoadDict would drop the built-in dictionary). A term gse already
// knows keeps gse's frequency unless dict.txt gives one. gse's
// shortest-path distances (CalcToken) are not recomputed: Cut with or
// without HMM does not use them.
func (m *Model) addTerms() error {
	want := make(map[string]float64, len(m.lex.dict))
	order := make([]string, 0, len(m.lex.dict))
	for _, e := range m.lex.dict {
		prev, seen := want[e.term]
		if !seen {
			order = append(order, e.term)
		}
		if !seen || (prev == 0 && e.freq > 0) {
			want[e.term] = e.freq
		}
	}
	for _, term := range order {
		if !segmentable(term) {
			continue
		}
		freq := want[term]
		gseFreq, _, ok := m.seg.Find(term)
		known := ok && gseFreq > 0
		var err error
		switch {
		case known && freq == 0:
			continue
		case known:
			err = m.seg.ReAddToken(term, freq)
		default:
			if freq == 0 {
				freq = defaultDictFreq
			}
			err = m.seg.AddToken(term, freq)
		}
		if err != nil {
			return fmt.Errorf("add %q to the segmenter: %w", term, err)
		}
	}
	return nil
}

// segmentable reports whether term is added to gse: one text span of at
// least two characters (Latin runs, emotes and emoji never reach gse), and
// not a particle term.
func segmentable(term string) bool {
	spans := splitSpans(term, nil, nil)
	return len(spans) == 1 && spans[0].kind == spanText && utf8.RuneCountInString(term) > 1 && !particleTerm(term)
}

// digest hashes the lexicon files, the options and the user lexicons as
// read (their resolved formats and bytes).
func digest(data [][]byte, opt Options, user []LexiconInfo) string {
	h := sha256.New()
	var n [8]byte
	for i, name := range lexicons.Files() {
		h.Write([]byte(name))
		h.Write([]byte{0})
		binary.BigEndian.PutUint64(n[:], uint64(len(data[i])))
		h.Write(n[:])
		h.Write(data[i])
	}
	fmt.Fprintf(h, "options:nohmm=%t", opt.NoHMM)
	for _, u := range user {
		fmt.Fprintf(h, "\nuser:%s:%s", u.Format, u.SHA256)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// Digest returns "sha256:<hex>" over the built-in lexicon files' bytes, the
// options and the user lexicons' formats and bytes (not their names or
// paths): two Models with the same digest score alike.
func (m *Model) Digest() string { return m.digest }

// Lexicons describes the user lexicons the Model was loaded with, in order.
func (m *Model) Lexicons() []LexiconInfo {
	return append([]LexiconInfo(nil), m.user...)
}

// LoadTime returns how long [Load] took.
func (m *Model) LoadTime() time.Duration { return m.loadTime }

// cut segments a text span with gse.
func (m *Model) cut(s string) []string { return m.seg.Cut(s, m.hmm) }

// NewAnalyzer returns an Analyzer using m, with the default cache capacity
// and allocator. Make one per goroutine.
func (m *Model) NewAnalyzer() *Analyzer {
	return &Analyzer{m: m, cache: newCache(DefaultCacheCap)}
}
