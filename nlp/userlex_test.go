package nlp

import (
	"errors"
	"math"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/danmakuscope/danmakuscope/lexicons"
)

// builtinData reads the embedded lexicon files.
func builtinData(t *testing.T) [][]byte {
	t.Helper()
	data, err := readLexicons(lexicons.FS)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestUserLexiconFormats(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String("狗粮好评\n巨好看\n")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		lex     UserLexicon
		format  LexiconFormat
		entries int
		skipped int
		want    map[string]float64 // term → valence
		emotion map[string]Emotion
	}{
		{"tsv", UserLexicon{Name: "mine.tsv", Data: []byte("term\tvalence\temotion\tweight\tnote\n神中神\t0.9\tlike\t\t\n好看\t-0.2\tdisgust\t\tmy override\n")},
			FormatTSV, 2, 0, map[string]float64{"神中神": 0.9, "好看": -0.2}, map[string]Emotion{"好看": Disgust}},
		{"positive list by name", UserLexicon{Name: "ntusd-positive.txt", Data: []byte("稳如老狗\r\n绝佳体验\r\n\r\n绝佳体验\r\n")},
			FormatPositive, 2, 1, map[string]float64{"稳如老狗": ListValence, "绝佳体验": ListValence}, nil},
		{"negative list by name", UserLexicon{Name: "负面评价词语.txt", Data: []byte("\xef\xbb\xbf糟糕体验\n哈哈\n")},
			FormatNegative, 2, 0, map[string]float64{"糟糕体验": -ListValence, "哈哈哈": -ListValence}, nil},
		{"explicit list format", UserLexicon{Name: "words.txt", Format: FormatPositive, Data: []byte("好评如潮了\n")},
			FormatPositive, 1, 0, map[string]float64{"好评如潮了": ListValence}, nil},
		{"GBK list", UserLexicon{Name: "pos.txt", Data: []byte(gbk)},
			FormatPositive, 2, 0, map[string]float64{"狗粮好评": ListValence}, nil},
		{"score", UserLexicon{Name: "BosonNLP_sentiment_score.txt", Data: []byte("最尼玛 -6.5\n好评 3.25\n^_^ 1.0\n两个 词 2\n中性 0\n")},
			FormatScore, 3, 2, map[string]float64{"最尼玛": -1, "好评": 0.5, "^_^": 1 / 6.5}, nil},
		{"score within [-1, 1]", UserLexicon{Name: "s.txt", Data: []byte("有点东西\t0.4\n没东西\t-0.3\n")},
			FormatScore, 2, 0, map[string]float64{"有点东西": 0.4, "没东西": -0.3}, nil},
		{"dutir with the spreadsheet's header", UserLexicon{Name: "情感词汇本体.csv", Data: []byte("词语,词性种类,词义数,词义序号,情感分类,强度,极性,辅助情感分类,强度,极性\n欢欣鼓舞,idiom,1,1,PA,9,1,,,\n惶惶不可终日,idiom,1,1,NI,7,2,,,\n不以为然,idiom,1,1,NN,3,3,,,\n欢欣鼓舞,idiom,2,2,PH,5,1,,,\n")},
			FormatDUTIR, 3, 1, map[string]float64{"欢欣鼓舞": 1, "惶惶不可终日": -7.0 / 9, "不以为然": 0}, map[string]Emotion{"欢欣鼓舞": Joy, "惶惶不可终日": Fear, "不以为然": Disgust}},
		{"dutir four columns", UserLexicon{Name: "d.csv", Data: []byte("开怀,乐,5,1\n愤懑,NA,7,2\n惊呆了吧,surprise,3,0\n")},
			FormatDUTIR, 3, 0, map[string]float64{"开怀": 5.0 / 9, "愤懑": -7.0 / 9}, map[string]Emotion{"愤懑": Anger, "惊呆了吧": Surprise}},
		{"negator is not overridden", UserLexicon{Name: "n.txt", Format: FormatNegative, Data: []byte("不\n没有\n差点意思啊\n")},
			FormatNegative, 1, 2, map[string]float64{"差点意思啊": -ListValence}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lx, infos, err := parseAll(builtinData(t), []UserLexicon{tt.lex})
			if err != nil {
				t.Fatal(err)
			}
			info := infos[0]
			if info.Format != tt.format || info.Entries != tt.entries || info.Skipped != tt.skipped {
				t.Errorf("info = %+v, want format %s, %d entries, %d skipped", info, tt.format, tt.entries, tt.skipped)
			}
			if len(info.SHA256) != 64 || len(info.SkipExamples) != min(tt.skipped, maxSkipExamples) {
				t.Errorf("sha256 %q, skip examples %q", info.SHA256, info.SkipExamples)
			}
			for term, v := range tt.want {
				got, ok := lx.terms[term]
				if !ok || got.flags&termSent == 0 || math.Abs(got.valence-v) > 1e-9 {
					t.Errorf("%s = %+v (found %v), want valence %v", term, got, ok, v)
				}
			}
			for term, e := range tt.emotion {
				if got := lx.terms[term].emotion; got != e {
					t.Errorf("emotion of %s = %s, want %s", term, got, e)
				}
			}
		})
	}
}

// Overriding keeps what else the built-in lexicon says of a term: 好 stays a
// degree adverb; a negator stays a negator.
func TestUserLexiconKeepsRoles(t *testing.T) {
	lx, _, err := parseAll(builtinData(t), []UserLexicon{{Name: "u.txt", Format: FormatScore, Data: []byte("好 0.9\n但是 0.5\n")}})
	if err != nil {
		t.Fatal(err)
	}
	good := lx.terms["好"]
	if good.flags&termDegree == 0 || good.valence != 0.9 {
		t.Errorf("好 = %+v, want degree adverb with valence 0.9", good)
	}
	if lx.terms["但是"].role != roleContrast || lx.terms["但是"].flags&termSent != 0 {
		t.Errorf("但是 = %+v, want the contrast conjunction untouched", lx.terms["但是"])
	}
}

// Later user lexicons override earlier ones.
func TestUserLexiconOrder(t *testing.T) {
	a := UserLexicon{Name: "a.txt", Format: FormatPositive, Data: []byte("某某词\n")}
	b := UserLexicon{Name: "b.txt", Format: FormatNegative, Data: []byte("某某词\n")}
	lx, _, err := parseAll(builtinData(t), []UserLexicon{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if v := lx.terms["某某词"].valence; v != -ListValence {
		t.Errorf("valence = %v, want the later file's %v", v, -ListValence)
	}
}

func TestUserLexiconErrors(t *testing.T) {
	tests := []struct {
		name   string
		lex    UserLexicon
		line   int
		detail string
	}{
		{"tsv bad valence", UserLexicon{Name: "u.tsv", Data: []byte("term\tvalence\temotion\tweight\tnote\n好看\tgreat\tlike\t\t\n")}, 2, "valence"},
		{"tsv unnormalised", UserLexicon{Name: "u.tsv", Data: []byte("term\tvalence\temotion\tweight\tnote\nYYDS\t0.9\tlike\t\t\n")}, 2, "not normalised"},
		{"tsv repeat", UserLexicon{Name: "u.tsv", Data: []byte("term\tvalence\temotion\tweight\tnote\n甲乙\t0.9\tlike\t\t\n甲乙\t0.1\tlike\t\t\n")}, 3, "duplicate"},
		{"tsv missing header", UserLexicon{Name: "u.tsv", Format: FormatTSV, Data: []byte("甲乙\t0.9\tlike\t\t\n")}, 1, "header"},
		{"list with two fields", UserLexicon{Name: "pos.txt", Format: FormatPositive, Data: []byte("好评\n中文正面评价词语 3730\n")}, 2, "more than one field"},
		{"score not a number", UserLexicon{Name: "s.txt", Format: FormatScore, Data: []byte("好评 2\n差评 bad\n")}, 2, "not a number"},
		{"score without score", UserLexicon{Name: "s.txt", Format: FormatScore, Data: []byte("好评 2\n差评\n")}, 2, "want a term and a score"},
		{"dutir category", UserLexicon{Name: "d.csv", Format: FormatDUTIR, Data: []byte("开怀,XX,5,1\n")}, 1, "category"},
		{"dutir intensity", UserLexicon{Name: "d.csv", Format: FormatDUTIR, Data: []byte("开怀,PA,5,1\n愤懑,NA,12,2\n")}, 2, "intensity"},
		{"dutir polarity", UserLexicon{Name: "d.csv", Format: FormatDUTIR, Data: []byte("开怀,PA,5,4\n")}, 1, "polarity"},
		{"dutir too few fields", UserLexicon{Name: "d.csv", Format: FormatDUTIR, Data: []byte("开怀,PA\n")}, 1, "fields"},
		{"list polarity unknown", UserLexicon{Name: "words.txt", Data: []byte("好评\n差评\n")}, 0, "positive or negative"},
		{"undetectable", UserLexicon{Name: "x.txt", Data: []byte("a b c\nd e f\n")}, 0, "--lexicon-format"},
		{"empty", UserLexicon{Name: "e.txt", Data: []byte("# nothing\n")}, 0, "empty"},
		{"not text", UserLexicon{Name: "b.txt", Data: []byte{0xff, 0xff, 0xff, 0x81}}, 0, "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := parseAll(builtinData(t), []UserLexicon{tt.lex})
			var le *LexiconError
			if !errors.As(err, &le) || !errors.Is(err, ErrLexicon) {
				t.Fatalf("error %v, want a *LexiconError", err)
			}
			if le.File != tt.lex.Name || le.Line != tt.line || !strings.Contains(err.Error(), tt.detail) {
				t.Errorf("error %q at %s:%d, want %s:%d mentioning %q", err, le.File, le.Line, tt.lex.Name, tt.line, tt.detail)
			}
		})
	}
}

func TestParseLexiconFormat(t *testing.T) {
	for _, s := range []string{"", "auto", "tsv", "positive", "negative", "score", "dutir", "DUTIR"} {
		if _, err := ParseLexiconFormat(s); err != nil {
			t.Errorf("ParseLexiconFormat(%q): %v", s, err)
		}
	}
	if _, err := ParseLexiconFormat("hownet"); err == nil {
		t.Error("ParseLexiconFormat(hownet): no error")
	}
}

// A user lexicon changes scores and the digest; the digest depends on the
// content and format, not the file name.
func TestUserLexiconModel(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a second model")
	}
	u := UserLexicon{Name: "a/pos.txt", Data: []byte("哔哩吧啦\n")}
	m, err := Load(Options{Lexicons: []UserLexicon{u}})
	if err != nil {
		t.Fatal(err)
	}
	r := m.NewAnalyzer().Analyze("这个哔哩吧啦")
	if r.Label != Pos || r.Hits != 1 {
		t.Errorf("with the user lexicon: %+v, want a positive hit", r)
	}
	if base := loadTestModel(t).NewAnalyzer().Analyze("这个哔哩吧啦"); base.Hits != 0 {
		t.Errorf("without the user lexicon: %+v, want no hit", base)
	}
	if m.Digest() == loadTestModel(t).Digest() {
		t.Error("digest ignores the user lexicon")
	}
	data := builtinData(t)
	_, infos, err := parseAll(data, []UserLexicon{{Name: "b/positive-words.txt", Data: u.Data}})
	if err != nil {
		t.Fatal(err)
	}
	if got := digest(data, Options{}, infos); got != m.Digest() {
		t.Errorf("digest depends on the file name: %s vs %s", got, m.Digest())
	}
	if infos := m.Lexicons(); len(infos) != 1 || infos[0].Format != FormatPositive || infos[0].Entries != 1 {
		t.Errorf("Lexicons() = %+v", infos)
	}
}

// FuzzUserLexicon: any bytes in any format give entries or an error, never
// a panic, and entries are usable terms.
func FuzzUserLexicon(f *testing.F) {
	seeds := []string{
		"term\tvalence\temotion\tweight\tnote\n好看\t0.7\tlike\t\t\n",
		"好评\n差评\r\n",
		"最尼玛 -6.7\n好评 3\n",
		"词语,词性种类,词义数,词义序号,情感分类,强度,极性\n开怀,adj,1,1,PA,5,1\n",
		"开怀,乐,5,1\n\"a,b\",PA,3,2\n",
		"(^_^) 1\n[doge] 0.5\n哈哈 1\n",
		"\xef\xbb\xbf\xff\xfe",
	}
	formats := []LexiconFormat{FormatAuto, FormatTSV, FormatPositive, FormatNegative, FormatScore, FormatDUTIR}
	for i, s := range seeds {
		f.Add([]byte(s), uint8(i))
	}
	f.Fuzz(func(t *testing.T, data []byte, format uint8) {
		lx, err := parseLexicons(minimalFiles("", ""))
		if err != nil {
			t.Fatal(err)
		}
		u := UserLexicon{Name: "fuzz-pos.txt", Format: formats[int(format)%len(formats)], Data: data}
		info, err := lx.applyUser(u)
		if err != nil {
			var le *LexiconError
			if !errors.As(err, &le) {
				t.Fatalf("error %v is not a *LexiconError", err)
			}
			return
		}
		if info.Entries < 0 || info.Skipped < 0 || len(info.SHA256) != 64 {
			t.Fatalf("info %+v", info)
		}
		for term, ti := range lx.terms {
			if term == "" || ti.flags == 0 {
				t.Fatalf("unusable entry %q %+v", term, ti)
			}
		}
	})
}
