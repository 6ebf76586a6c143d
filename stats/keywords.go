package stats

import (
	"cmp"
	"slices"

	"gonum.org/v1/gonum/floats"
)

// Keyword kinds.
const (
	KindWord = "word" // one token of the segmenter
	KindMeme = "meme" // a multi-token phrase that recurs verbatim
)

// Keywords returns every keyword term of the video ranked by TF-IDF: term
// frequency (occurrences over all keyword occurrences) times the term's IDF.
// Memes (multi-token phrases that recur verbatim, see MinMemeCount) are
// listed too, as terms of kind KindMeme, with the mean IDF of their words.
// Ties rank by higher count, then by term, so the order is total. When the
// TermInfo is also a Background, each keyword's Keyness against it is set
// (else NaN); a meme's background frequency is taken as that of its rarest
// word, which bounds it from above.
func (a *Accumulator) Keywords() []Keyword {
	if len(a.kw) == 0 {
		return nil
	}
	kws := make([]Keyword, 0, len(a.kw))
	for term, tc := range a.kw {
		kws = append(kws, Keyword{Term: term, Kind: KindWord, Count: tc.count, DocFreq: tc.docs})
	}
	count := func(term string) int64 {
		if tc := a.kw[term]; tc != nil {
			return tc.count
		}
		return 0
	}
	memeWords := map[string][]string{}
	for _, m := range a.react.memes.memes(count) {
		term := joinWords(m.words)
		if a.kw[term] != nil || memeWords[term] != nil {
			continue // the same text as a word, or as a more frequent meme
		}
		memeWords[term] = m.words
		kws = append(kws, Keyword{Term: term, Kind: KindMeme, Count: m.count, DocFreq: m.count})
	}
	// Sort by term first so that the vectors below are in a fixed order.
	slices.SortFunc(kws, func(x, y Keyword) int { return cmp.Compare(x.Term, y.Term) })
	tf := make([]float64, len(kws))
	idf := make([]float64, len(kws))
	for i, k := range kws {
		tf[i] = float64(k.Count)
		idf[i] = a.idf(k.Term, memeWords[k.Term])
	}
	floats.Scale(1/float64(a.kwTokens), tf)
	floats.Mul(tf, idf)
	bg, hasBg := a.terms.(Background)
	for i := range kws {
		kws[i].TFIDF = tf[i]
		kws[i].Keyness = nan()
		if hasBg {
			kws[i].Keyness = logLikelihood(float64(kws[i].Count), float64(a.kwTokens), backgroundFreq(bg, kws[i].Term, memeWords[kws[i].Term]), bg.BackgroundTotal())
		}
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

// idf returns a term's IDF; for a meme (words not nil), the mean IDF of its
// words: a phrase of common words stays common.
func (a *Accumulator) idf(term string, words []string) float64 {
	if words == nil {
		return a.terms.IDF(term)
	}
	var sum float64
	for _, w := range words {
		sum += a.terms.IDF(w)
	}
	return sum / float64(len(words))
}

// backgroundFreq returns a term's background frequency; for a meme, that
// of its rarest word.
func backgroundFreq(bg Background, term string, words []string) float64 {
	if words == nil {
		return bg.BackgroundFreq(term)
	}
	f := bg.BackgroundFreq(words[0])
	for _, w := range words[1:] {
		f = min(f, bg.BackgroundFreq(w))
	}
	return f
}
