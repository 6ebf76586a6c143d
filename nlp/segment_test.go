package nlp

import (
	"bufio"
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/danmakuscope/danmakuscope/lexicons"
)

func TestSegmentSlang(t *testing.T) {
	m := loadTestModel(t)
	tests := []struct {
		text string
		want []string
	}{
		{"泪目", []string{"泪目"}},
		{"爷青回", []string{"爷青回"}},
		{"awsl", []string{"awsl"}},
		{"yyds", []string{"yyds"}},
		{"xswl", []string{"xswl"}},
		{"破防", []string{"破防"}},
		{"绝绝子", []string{"绝绝子"}},
		{"蚌埠住了", []string{"蚌埠住了"}},
		{"泪目了家人们", []string{"泪目", "了", "家人们"}},
		{"爷青回!!!", []string{"爷青回"}},
		{"awsl太可爱了", []string{"awsl", "太", "可爱", "了"}},
		{"xswl哈哈哈哈", []string{"xswl", "哈哈哈"}},
		{"真的蚌埠住了", []string{"真的", "蚌埠住了"}},
		{"这波yyds", []string{"这波", "yyds"}},
		{"我破防了", []string{"我", "破防了"}},
		{"绝绝子好吧", []string{"绝绝子", "好", "吧"}},
		{"2333333前方高能", []string{"233", "前方高能"}},
		{"我直接哭了", []string{"我", "直接", "哭了"}},
		{"绝了", []string{"绝了"}},
		{"真的绝了", []string{"真的", "绝了"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := m.NewAnalyzer().Analyze(tt.text).Tokens
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("tokens of %q = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// lexiconTerms returns every term of the built-in lexicon files.
func lexiconTerms(t *testing.T) []string {
	t.Helper()
	var terms []string
	for _, name := range []string{lexicons.Sentiment, lexicons.Slang, lexicons.Emoji, lexicons.Negators, lexicons.Degree, lexicons.Markers, lexicons.Dict} {
		data, err := lexicons.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		header := strings.HasSuffix(name, ".tsv")
		for sc.Scan() {
			line := sc.Text()
			if line == "" || line[0] == '#' {
				continue
			}
			if header {
				header = false
				continue
			}
			term, _, _ := strings.Cut(line, "\t")
			terms = append(terms, term)
		}
	}
	return terms
}

// Every term of our lexicons and danmaku dictionary, on its own, is one
// token, with and without HMM.
func TestSegmentLexiconTerms(t *testing.T) {
	terms := lexiconTerms(t)
	if len(terms) < 700 {
		t.Fatalf("only %d lexicon terms read", len(terms))
	}
	for _, tc := range []struct {
		name string
		m    *Model
	}{{"hmm", loadTestModel(t)}, {"nohmm", loadNoHMMModel(t)}} {
		t.Run(tc.name, func(t *testing.T) {
			a := tc.m.NewAnalyzer()
			for _, term := range terms {
				if got := a.Analyze(term).Tokens; len(got) != 1 || got[0] != term {
					t.Errorf("tokens of %q = %q, want one token", term, got)
				}
			}
		})
	}
}

func TestSegmentPieces(t *testing.T) {
	m := loadTestModel(t)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"emotes stay whole", "我的天[笑哭][doge]", []string{"我的天", "[笑哭]", "[doge]"}},
		{"unknown emote stays whole", "[吃瓜]好家伙[某个新表情]", []string{"[吃瓜]", "好家伙", "[某个新表情]"}},
		{"bracket that is no emote", "[ 好看", []string{"好看"}},
		{"emoji are tokens", "好看😂👍", []string{"好看", "😂", "👍"}},
		{"emoji zwj sequence", "👨\u200d👩\u200d👧好", []string{"👨\u200d👩\u200d👧", "好"}},
		{"flag", "🇨🇳加油", []string{"🇨🇳", "加油"}},
		{"punctuation and spaces dropped", "好看， 好听。真的！", []string{"好看", "好听", "真的"}},
		{"latin run kept whole", "nba好看", []string{"nba", "好看"}},
		{"digits", "第1集666", []string{"第", "1", "集", "666"}},
		{"mixed-script term", "这个up主真的好厉害", []string{"这个", "up主", "真的", "好", "厉害"}},
		{"mixed term inside latin is not matched", "pickup主页", []string{"pickup", "主页"}},
		{"only punctuation", "？？？", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.NewAnalyzer().Analyze(tt.text).Tokens
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("tokens of %q = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestSegmentBreaks(t *testing.T) {
	m := loadTestModel(t)
	tests := []struct {
		text   string
		breaks []int
	}{
		{"好看", nil},
		{"好看,好听", []int{1}},
		{",好看,,好听!", []int{1}},
		{"好看 好听 真的", []int{1, 2}},
	}
	for _, tt := range tests {
		var sg segmentation
		m.segment(Normalize(tt.text).Text, &sg)
		if len(sg.breaks) == 0 {
			sg.breaks = nil
		}
		if !reflect.DeepEqual(sg.breaks, tt.breaks) {
			t.Errorf("breaks of %q (%q) = %v, want %v", tt.text, sg.tokens, sg.breaks, tt.breaks)
		}
	}
}

func TestSegmentNoHMM(t *testing.T) {
	m := loadNoHMMModel(t)
	// Without HMM an unknown word falls apart into characters; with HMM it
	// may be joined. Dictionary words are the same either way.
	got := m.NewAnalyzer().Analyze("泪目了家人们").Tokens
	want := []string{"泪目", "了", "家人们"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("NoHMM tokens = %q, want %q", got, want)
	}
	if m.Digest() == loadTestModel(t).Digest() {
		t.Errorf("NoHMM model has the default model's digest")
	}
}
