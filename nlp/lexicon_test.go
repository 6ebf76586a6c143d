package nlp

import (
	"errors"
	"strings"
	"testing"

	"github.com/danmakuscope/danmakuscope/lexicons"
)

// minimalFiles returns valid contents of the lexicon files, in
// lexicons.Files order, with file name replaced by content.
func minimalFiles(name, content string) [][]byte {
	valid := map[string]string{
		lexicons.Sentiment: "term\tvalence\temotion\tweight\tnote\n好看\t0.7\tlike\t\t\n",
		lexicons.Slang:     "term\tvalence\temotion\tweight\tnote\nawsl\t0.8\tlike\t\t\n",
		lexicons.Emoji:     "term\tvalence\temotion\tweight\tnote\n😂\t0.5\tjoy\t\t\n(^_^)\t0.4\tjoy\t\tkaomoji\n",
		lexicons.Markers:   "term\trole\tweight\tnote\n但是\tcontrast\t1.5\t\n吗\tquestion\t\t\n",
		lexicons.Negators:  "# negators\n不\n",
		lexicons.Degree:    "term\tweight\n很\t1.3\n",
		lexicons.Dict:      "泪目\n233\t5000\n",
		lexicons.Stopwords: "的\n",
	}
	if name != "" {
		valid[name] = content
	}
	var out [][]byte
	for _, f := range lexicons.Files() {
		out = append(out, []byte(valid[f]))
	}
	return out
}

func TestParseLexiconsBuiltin(t *testing.T) {
	data, err := readLexicons(lexicons.FS)
	if err != nil {
		t.Fatal(err)
	}
	lx, err := parseLexicons(data)
	if err != nil {
		t.Fatalf("built-in lexicons: %v", err)
	}
	scored := 0
	for _, info := range lx.terms {
		if info.flags&termSent != 0 {
			scored++
		}
	}
	if scored < 5000 {
		t.Errorf("%d scored terms, want at least 5000", scored)
	}
	// The sizes the lexicon promises (README): general terms, danmaku slang,
	// emoji and emotes, negators, degree adverbs; and the contrast words.
	perFile := map[string]int{}
	for _, where := range lx.origin {
		file, _, _ := strings.Cut(where, ":")
		perFile[file]++
	}
	var negators, degrees, contrasts int
	for _, info := range lx.terms {
		if info.flags&termNeg != 0 {
			negators++
		}
		if info.flags&termDegree != 0 {
			degrees++
		}
		if info.role == roleContrast {
			contrasts++
		}
	}
	for _, c := range []struct {
		what     string
		got, min int
	}{
		{lexicons.Sentiment + " terms", perFile[lexicons.Sentiment], 4000},
		{lexicons.Slang + " terms", perFile[lexicons.Slang], 500},
		{lexicons.Emoji + " terms", perFile[lexicons.Emoji], 300},
		{"negators", negators, 60},
		{"degree adverbs", degrees, 150},
		{"contrast conjunctions", contrasts, 5},
	} {
		if c.got < c.min {
			t.Errorf("%d %s, want at least %d", c.got, c.what, c.min)
		}
	}
	for _, w := range []string{"但是", "不过", "可是"} {
		if lx.terms[w].role != roleContrast {
			t.Errorf("%s is not a contrast conjunction", w)
		}
	}
	for term, want := range map[string]uint8{"好看": termSent, "不": termNeg, "非常": termDegree, "好": termSent | termDegree, "了": termFiller} {
		if got := lx.terms[term].flags; got != want {
			t.Errorf("flags of %q = %b, want %b", term, got, want)
		}
	}
	if !lx.stop["弹幕"] {
		t.Errorf("stop list lacks 弹幕")
	}
}

func TestParseLexiconsMinimal(t *testing.T) {
	lx, err := parseLexicons(minimalFiles("", ""))
	if err != nil {
		t.Fatal(err)
	}
	if got := lx.terms["好看"]; got.valence != 0.7 || got.emotion != Like || got.emoStr != 0.7 {
		t.Errorf("好看 = %+v", got)
	}
	if got := lx.terms["很"].degree; got != 1.3 {
		t.Errorf("degree of 很 = %v, want 1.3", got)
	}
	freq := map[string]float64{}
	for _, e := range lx.dict {
		freq[e.term] = e.freq
	}
	if freq["泪目"] != 0 || freq["233"] != 5000 {
		t.Errorf("dict frequencies = %v, want 泪目 0 (default), 233 5000", freq)
	}
}

func TestParseLexiconsWeight(t *testing.T) {
	lx, err := parseLexicons(minimalFiles(lexicons.Sentiment, "term\tvalence\temotion\tweight\tnote\n土\t-0.5\tdisgust\t0.6\tnote\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := lx.terms["土"].valence; got < -0.3001 || got > -0.2999 {
		t.Errorf("valence × weight of 土 = %v, want -0.3", got)
	}
}

func TestParseLexiconsErrors(t *testing.T) {
	const hdr = "term\tvalence\temotion\tweight\tnote\n"
	tests := []struct {
		name    string
		file    string
		content string
		line    int
		detail  string
	}{
		{"no header", lexicons.Sentiment, "好看\t0.7\tlike\t\t\n", 1, "header"},
		{"missing header", lexicons.Sentiment, "# only a comment\n", 0, "no header"},
		{"too few fields", lexicons.Sentiment, hdr + "好看\t0.7\tlike\n", 2, "3 tab-separated fields"},
		{"valence not a number", lexicons.Sentiment, hdr + "好看\tgood\tlike\t\t\n", 2, "valence"},
		{"valence out of range", lexicons.Sentiment, hdr + "# c\n好看\t1.5\tlike\t\t\n", 3, "valence"},
		{"unknown emotion", lexicons.Sentiment, hdr + "好看\t0.7\thappy\t\t\n", 2, "emotion"},
		{"bad weight", lexicons.Sentiment, hdr + "好看\t0.7\tlike\t0\t\n", 2, "weight"},
		{"duplicate", lexicons.Sentiment, hdr + "好看\t0.7\tlike\t\t\n\n好看\t0.6\tlike\t\t\n", 4, "first on line 2"},
		{"not normalised", lexicons.Sentiment, hdr + "哈哈\t0.5\tjoy\t\t\n", 2, "not normalised"},
		{"upper case", lexicons.Sentiment, hdr + "YYDS\t0.9\tlike\t\t\n", 2, "not normalised"},
		{"separator in term", lexicons.Sentiment, hdr + "就这?\t-0.5\tdisgust\t\t\n", 2, "separator"},
		{"space in term", lexicons.Sentiment, hdr + "好 看\t0.5\tlike\t\t\n", 2, "separator"},
		{"empty term", lexicons.Sentiment, hdr + "\t0.5\tlike\t\t\n", 2, "empty term"},
		{"CRLF", lexicons.Sentiment, hdr + "好看\t0.7\tlike\t\t\r\n", 2, "CRLF"},
		{"BOM", lexicons.Sentiment, "\xef\xbb\xbf" + hdr, 1, "byte order mark"},
		{"invalid UTF-8", lexicons.Sentiment, hdr + "好\xff\t0.7\tlike\t\t\n", 2, "UTF-8"},
		{"negator scored", lexicons.Negators, "好看\n", 1, "also a scored term"},
		{"negator duplicate", lexicons.Negators, "不\n没\n不\n", 3, "duplicate"},
		{"degree header", lexicons.Degree, "很\t1.3\n", 1, "header"},
		{"degree weight", lexicons.Degree, "term\tweight\n很\tbig\n", 2, "weight"},
		{"degree too strong", lexicons.Degree, "term\tweight\n很\t5\n", 2, "weight"},
		{"degree negator", lexicons.Degree, "term\tweight\n不\t1.2\n", 2, "also a negator"},
		{"unknown role", lexicons.Markers, "term\trole\tweight\tnote\n死了\tintensifier\t1.5\t\n", 2, "complement"},
		{"complement without weight", lexicons.Markers, "term\trole\tweight\tnote\n死了\tcomplement\t\t\n", 2, "weight"},
		{"question with weight", lexicons.Markers, "term\trole\tweight\tnote\n吗\tquestion\t1.2\t\n", 2, "only contrast, concession and complement"},
		{"dict frequency", lexicons.Dict, "泪目\t-3\n", 1, "frequency"},
		{"dict fields", lexicons.Dict, "泪目\t3\tn\n", 1, "3 tab-separated fields"},
		{"stopword not normalised", lexicons.Stopwords, "的\nＵＰ\n", 2, "not normalised"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseLexicons(minimalFiles(tt.file, tt.content))
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrLexicon) {
				t.Errorf("error %v is not ErrLexicon", err)
			}
			var le *LexiconError
			if !errors.As(err, &le) {
				t.Fatalf("error %v is not a *LexiconError", err)
			}
			if le.File != tt.file || le.Line != tt.line {
				t.Errorf("error at %s:%d, want %s:%d (%v)", le.File, le.Line, tt.file, tt.line, err)
			}
			if !strings.Contains(err.Error(), tt.detail) || !strings.Contains(err.Error(), tt.file) {
				t.Errorf("error %q does not mention %q and the file", err, tt.detail)
			}
		})
	}
}

func TestDigest(t *testing.T) {
	a := digest(minimalFiles("", ""), Options{}, nil)
	if !strings.HasPrefix(a, "sha256:") || len(a) != len("sha256:")+64 {
		t.Fatalf("digest %q is not sha256:<64 hex>", a)
	}
	if b := digest(minimalFiles("", ""), Options{}, nil); b != a {
		t.Errorf("digest not stable: %q, %q", a, b)
	}
	if b := digest(minimalFiles("", ""), Options{NoHMM: true}, nil); b == a {
		t.Errorf("digest ignores options")
	}
	if b := digest(minimalFiles(lexicons.Stopwords, "的\n了\n"), Options{}, nil); b == a {
		t.Errorf("digest ignores file contents")
	}
	m := loadTestModel(t)
	data, err := readLexicons(lexicons.FS)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m.Digest(), digest(data, Options{}, nil); got != want {
		t.Errorf("Model.Digest() = %q, want %q", got, want)
	}
	if m.LoadTime() <= 0 {
		t.Errorf("LoadTime() = %v", m.LoadTime())
	}
}

// addTerms adds new Han terms with the default or given frequency,
// overrides a known word's frequency only when dict.txt gives one, and
// leaves Latin, emote and particle terms out of gse.
func TestAddTerms(t *testing.T) {
	files := minimalFiles(lexicons.Dict, "泪目\n破防\t9000\n前方\nup主\n")
	files[0] = []byte("term\tvalence\temotion\tweight\tnote\n好看\t0.7\tlike\t\t\n哭了\t0.2\tsorrow\t\t\n[doge]\t0.3\tjoy\t\t\n")
	lx, err := parseLexicons(files)
	if err != nil {
		t.Fatal(err)
	}
	m := &Model{lex: lx}
	m.seg.NotLoadHMM = true
	if err := m.seg.LoadDictStr("破防 3 v\n前方 40 n\n好看 1113 v\n"); err != nil {
		t.Fatal(err)
	}
	if err := m.addTerms(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		term string
		freq float64
	}{
		{"泪目", defaultDictFreq}, // new, no frequency given
		{"破防", 9000},            // known, frequency given: overridden
		{"前方", 40},              // known, no frequency: gse's kept
		{"好看", 1113},            // known scored term: gse's kept
		{"哭了", 0},               // particle term: joined after cutting
		{"up主", 0},              // mixed script: matched before cutting
		{"[doge]", 0},           // emote: never reaches gse
	}
	for _, tt := range tests {
		got, _, _ := m.seg.Find(tt.term)
		if got != tt.freq {
			t.Errorf("gse frequency of %q = %v, want %v", tt.term, got, tt.freq)
		}
	}
}
