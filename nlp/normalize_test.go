package nlp

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		text     string
		repeats  int
		exclaims int
	}{
		{"empty", "", "", 0, 0},
		{"plain", "今天天气不错", "今天天气不错", 0, 0},
		{"full-width latin and digits", "ＡＷＳＬ１２３", "awsl123", 0, 0},
		{"full-width punctuation", "好！？", "好!?", 0, 1},
		{"ideographic space", "前方\u3000高能", "前方 高能", 0, 0},
		{"case folding", "YYDS XSWL", "yyds xswl", 0, 0},
		{"trim and collapse whitespace", "  好看 \t\n 好听  ", "好看 好听", 0, 0},
		{"zero-width and controls dropped", "好\u200b看\u0007", "好看", 0, 0},
		{"variation selector and skin tone dropped", "❤\ufe0f👍\U0001F3FB", "❤👍", 0, 0},
		{"laughter 5", "哈哈哈哈哈", "哈哈哈", 2, 0},
		{"laughter 2", "哈哈", "哈哈哈", 0, 0},
		{"laughter 7", "哈哈哈哈哈哈哈", "哈哈哈", 4, 0},
		{"laughter 3 unchanged", "哈哈哈", "哈哈哈", 0, 0},
		{"233 long", "2333333", "233", 4, 0},
		{"233 short", "23333", "233", 2, 0},
		{"233 unchanged", "233", "233", 0, 0},
		{"666", "666666", "666", 3, 0},
		{"888", "8888", "888", 1, 0},
		{"ordinary number kept", "10000", "10000", 0, 0},
		{"year kept", "2024年", "2024年", 0, 0},
		{"english word kept", "banana", "banana", 0, 0},
		{"digit meme repeated", "233233233", "233", 2, 0},
		{"a a a", "啊啊啊啊", "啊啊啊", 1, 0},
		{"hhh", "hhhhh", "hhh", 2, 0},
		{"HHH folded", "HHHHHH", "hhh", 3, 0},
		{"exclamations", "!!!!!!", "!!!", 0, 6},
		{"full-width questions", "？？？？", "???", 0, 0},
		{"mixed exclamations", "好看！！！!!", "好看!!!", 0, 5},
		{"meme repeated", "前方高能前方高能前方高能", "前方高能", 2, 0},
		{"latin meme repeated", "awslawslawsl", "awsl", 2, 0},
		{"meme with spaces", "加油 加油 加油", "加油", 2, 0},
		{"repeated 666 with spaces", "666 666 666666", "666", 5, 0},
		{"two-letter latin keeps two", "hahahaha", "haha", 2, 0},
		{"emote repeated", "[doge][doge][doge]", "[doge]", 2, 0},
		{"emoji run", "😂😂😂😂😂", "😂", 4, 0},
		{"emoji pair with selectors", "❤️❤️", "❤", 1, 0},
		{"reduplication 谢谢", "谢谢", "谢谢", 0, 0},
		{"reduplication 妈妈", "妈妈", "妈妈", 0, 0},
		{"reduplication 看看", "看看", "看看", 0, 0},
		{"reduplication 哥哥", "哥哥", "哥哥", 0, 0},
		{"reduplication in text", "谢谢哥哥帮我看看", "谢谢哥哥帮我看看", 0, 0},
		{"ellipsis", "……", "……", 0, 0},
		{"long dots", "。。。。。。", "。。。", 0, 0},
		{"meme then text", "哈哈哈哈哈哈笑死我了", "哈哈哈笑死我了", 3, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got.Text != tt.text || got.Repeats != tt.repeats || got.Exclaims != tt.exclaims {
				t.Errorf("Normalize(%q) = {%q, %d, %d}, want {%q, %d, %d}",
					tt.in, got.Text, got.Repeats, got.Exclaims, tt.text, tt.repeats, tt.exclaims)
			}
		})
	}
}

// The laughter forms must share one normalised text (and so one cache
// entry and one token kind).
func TestNormalizeOneForm(t *testing.T) {
	groups := [][]string{
		{"哈哈", "哈哈哈", "哈哈哈哈哈", "哈哈哈哈哈哈哈"},
		{"233", "2333", "23333", "2333333"},
		{"666", "6666", "666666"},
		{"hhh", "hhhh", "hhhhh", "HHHHH"},
		{"前方高能", "前方高能前方高能", "前方高能前方高能前方高能"},
	}
	for _, g := range groups {
		want := Normalize(g[0]).Text
		for _, s := range g[1:] {
			if got := Normalize(s).Text; got != want {
				t.Errorf("Normalize(%q) = %q, want %q like %q", s, got, want, g[0])
			}
		}
	}
}

// Normalising twice changes nothing.
func TestNormalizeIdempotent(t *testing.T) {
	for _, s := range []string{"哈哈哈哈哈", "ＡＢＣ  ＤＥＦ", "2333333前方高能前方高能", "awslawsl!!!!", "hahaha", "我 我 我 我"} {
		once := Normalize(s).Text
		if twice := Normalize(once).Text; twice != once {
			t.Errorf("Normalize(Normalize(%q)) = %q, want %q", s, twice, once)
		}
	}
}
