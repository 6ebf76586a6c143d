package nlp

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"", "哈哈哈哈哈", "2333333前方高能", "ＡＷＳＬ！！", "[doge][doge]", "[", "]", "[[]]", "\xff\xfe好看",
	"\u200d", "👨\u200d👩\u200d👧", "🇨🇳🇨🇳🇨🇳", "不太好", "太不好了!!!", "up主up主", "  \t\n ", "a b a b",
	"哈x哈x哈", "好好 好好", "10000", "233233233", "hahaha", "。。。。", strings.Repeat("好看", 100),
}

// Normalising is idempotent and never grows a text without bound.
func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n.Text) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", s, n.Text)
		}
		if again := Normalize(n.Text); again.Text != n.Text {
			t.Fatalf("Normalize not idempotent: %q → %q → %q", s, n.Text, again.Text)
		}
		if n.Repeats < 0 || n.Exclaims < 0 {
			t.Fatalf("Normalize(%q) counts %d, %d", s, n.Repeats, n.Exclaims)
		}
	})
}

// Analyze never panics, keeps valence in [-1, 1], labels by the threshold
// and returns no empty or separator-only tokens.
func FuzzAnalyze(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	a := loadTestModel(f).NewAnalyzer()
	f.Fuzz(func(t *testing.T, s string) {
		r := a.Analyze(s)
		if math.IsNaN(r.Valence) || r.Valence < -1 || r.Valence > 1 {
			t.Fatalf("Analyze(%q) valence %v", s, r.Valence)
		}
		if r.Label != LabelOf(r.Valence) {
			t.Fatalf("Analyze(%q) label %q for valence %v", s, r.Label, r.Valence)
		}
		for _, tok := range r.Tokens {
			if strings.TrimSpace(tok) == "" {
				t.Fatalf("Analyze(%q) has an empty token in %q", s, r.Tokens)
			}
			sep := true
			for _, c := range tok {
				if !isSeparator(c) {
					sep = false
				}
			}
			if _, kaomoji := a.m.lex.terms[tok]; sep && !kaomoji {
				t.Fatalf("Analyze(%q) has separator token %q", s, tok)
			}
		}
	})
}
