package stats

import (
	"math"
	"reflect"
	"testing"
)

// fakeBackground is a general corpus where every term occurs 10 times in
// a million words.
type fakeBackground struct{ fakeTerms }

func (fakeBackground) BackgroundFreq(string) float64 { return 10 }
func (fakeBackground) BackgroundTotal() float64      { return 1e6 }

// partialOf analyses rows as one video and returns its partial aggregate.
func partialOf(t *testing.T, key string, rows []rrow) *Corpus {
	t.Helper()
	a := NewAccumulator(Options{}, fakeBackground{})
	rec := reactionRecord(t, rows, false)
	defer rec.Release()
	if err := a.Add(rec); err != nil {
		t.Fatal(err)
	}
	c := a.Curves(0)
	kws := a.Keywords()
	return a.Partial(key, "file-xml", c, kws, a.Reactions(c))
}

func repeat(n int, toks ...string) []rrow {
	rows := make([]rrow, n)
	for i := range rows {
		rows[i] = rrow{progress: int64(i) * 1000, tokens: toks, valence: 0.5, label: "pos"}
	}
	return rows
}

// The corpus merge is associative and commutative: any grouping and order
// of the same partials gives the same figures.
func TestCorpusMerge(t *testing.T) {
	a := partialOf(t, "v:a", repeat(30, "好看", "名场面"))
	b := partialOf(t, "v:b", append(repeat(20, "好看"), repeat(20, "无聊")...))
	c := partialOf(t, "v:c", append(repeat(10, "好看"), repeat(5, "名场面")...))
	merge := func(ps ...*Corpus) *Corpus {
		out := &Corpus{}
		for _, p := range ps {
			out.Merge(p)
		}
		return out
	}
	ab := merge(a, b)
	left := merge(ab, c)                     // (a·b)·c
	right := merge(a, merge(b, c))           // a·(b·c)
	shuffled := merge(c, merge(b), merge(a)) // c·b·a
	for name, m := range map[string]*Corpus{"a·(b·c)": right, "c·b·a": shuffled} {
		if !reflect.DeepEqual(m.VideoRows(), left.VideoRows()) || !reflect.DeepEqual(m.Keywords(fakeBackground{}), left.Keywords(fakeBackground{})) ||
			!reflect.DeepEqual(m.Keyness(), left.Keyness()) {
			t.Errorf("%s differs from (a·b)·c", name)
		}
	}
	rows := left.VideoRows()
	if len(rows) != 3 || rows[0].VideoKey != "v:a" || rows[2].Danmaku != 15 || rows[0].TopKeywords[0] == "" {
		t.Errorf("video rows %+v", rows)
	}
	kws := left.Keywords(fakeBackground{})
	byTerm := map[string]CorpusKeyword{}
	for _, k := range kws {
		byTerm[k.Term] = k
	}
	if k := byTerm["好看"]; k.Count != 60 || k.Videos != 3 || k.DocFreq != 60 || k.Rank < 1 || math.IsNaN(k.Keyness) {
		t.Errorf("好看 over the corpus: %+v, want 60 in 3 videos", k)
	}
	if k := byTerm["名场面"]; k.Count != 35 || k.Videos != 2 {
		t.Errorf("名场面 over the corpus: %+v, want 35 in 2 videos", k)
	}
	// 无聊 is key to video b against the others; 好看, shared by all, is not.
	var bKey, bShared VideoKeyness
	for _, k := range left.Keyness() {
		if k.VideoKey == "v:b" && k.Term == "无聊" {
			bKey = k
		}
		if k.VideoKey == "v:b" && k.Term == "好看" {
			bShared = k
		}
	}
	if bKey.Rank != 1 || !(bKey.LogLikelihood > 10) || bKey.OtherCount != 0 || !(bKey.LogRatio > 3) || !(bShared.LogLikelihood < bKey.LogLikelihood) {
		t.Errorf("keyness of v:b: 无聊 %+v, 好看 %+v", bKey, bShared)
	}
	if one := merge(a); one.Keyness() != nil {
		t.Error("keyness of a one-video run, want none")
	}
}
