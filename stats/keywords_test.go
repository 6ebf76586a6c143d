package stats

import (
	"math"
	"testing"
)

func TestKeywords(t *testing.T) {
	a := NewAccumulator(Options{}, fakeTerms{"好看": 2, "泪目": 8})
	addRows(t, a, []row{
		{tokens: []string{"好看", "好看", "的"}}, // twice in one danmaku: count 2, docs 1
		{tokens: []string{"好看", "泪目"}},
		{tokens: []string{"泪目", "了", "弹幕"}},
		{tokens: []string{"弹幕"}},
		{tokens: nil},
	})
	kws := a.Keywords()
	// Keyword occurrences: 好看 3, 泪目 2, 弹幕 2 → 7 in all.
	want := map[string]Keyword{
		"泪目": {Count: 2, DocFreq: 2, TFIDF: 2.0 / 7 * 8, Rank: 1},
		"好看": {Count: 3, DocFreq: 2, TFIDF: 3.0 / 7 * 2, Rank: 3},
		"弹幕": {Count: 2, DocFreq: 2, TFIDF: 2.0 / 7 * 5, Rank: 2},
	}
	if len(kws) != len(want) {
		t.Fatalf("got %d keywords %+v, want %d", len(kws), kws, len(want))
	}
	for i, k := range kws {
		w, ok := want[k.Term]
		if !ok {
			t.Errorf("unexpected keyword %q", k.Term)
			continue
		}
		if k.Count != w.Count || k.DocFreq != w.DocFreq || math.Abs(k.TFIDF-w.TFIDF) > 1e-12 || k.Rank != w.Rank || k.Rank != i+1 {
			t.Errorf("%s = %+v, want %+v", k.Term, k, w)
		}
	}
}

func TestKeywordTiesAreOrdered(t *testing.T) {
	a := NewAccumulator(Options{}, fakeTerms{})
	addRows(t, a, []row{{tokens: []string{"乙乙", "甲甲", "丙丙", "丙丙"}}})
	kws := a.Keywords()
	got := []string{kws[0].Term, kws[1].Term, kws[2].Term}
	// 丙丙 has the higher count; 乙乙 and 甲甲 tie and order by term.
	want := []string{"丙丙", "乙乙", "甲甲"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %v, want %v", got, want)
		}
	}
}

// Terms must survive the release of the record they came from.
func TestKeywordsOutliveRecords(t *testing.T) {
	a := NewAccumulator(Options{}, fakeTerms{})
	for i := 0; i < 3; i++ {
		addRows(t, a, []row{{tokens: []string{"弹幕", "好看"}}})
	}
	for _, k := range a.Keywords() {
		if k.Term != "弹幕" && k.Term != "好看" {
			t.Fatalf("term corrupted after release: %q", k.Term)
		}
		if k.Count != 3 {
			t.Errorf("%s count %d, want 3", k.Term, k.Count)
		}
	}
}
