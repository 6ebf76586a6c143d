package stats

import (
	"cmp"
	"slices"

	"gonum.org/v1/gonum/floats"
)

// Keywords returns every keyword term of the video ranked by TF-IDF: term
// frequency (occurrences over all keyword occurrences) times the term's IDF.
// Ties rank by higher count, then by term, so the order is total.
func (a *Accumulator) Keywords() []Keyword {
	if len(a.kw) == 0 {
		return nil
	}
	kws := make([]Keyword, 0, len(a.kw))
	for term, tc := range a.kw {
		kws = append(kws, Keyword{Term: term, Count: tc.count, DocFreq: tc.docs})
	}
	// Sort by term first so that the vectors below are in a fixed order.
	slices.SortFunc(kws, func(x, y Keyword) int { return cmp.Compare(x.Term, y.Term) })
	tf := make([]float64, len(kws))
	idf := make([]float64, len(kws))
	for i, k := range kws {
		tf[i] = float64(k.Count)
		idf[i] = a.terms.IDF(k.Term)
	}
	floats.Scale(1/float64(a.kwTokens), tf)
	floats.Mul(tf, idf)
	for i := range kws {
		kws[i].TFIDF = tf[i]
	}
	slices.SortFunc(kws, func(x, y Keyword) int {
		if c := cmp.Compare(y.TFIDF, x.TFIDF); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Count, x.Count); c != 0 {
			return c
		}
		return cmp.Compare(x.Term, y.Term)
	})
	for i := range kws {
		kws[i].Rank = i + 1
	}
	return kws
}
