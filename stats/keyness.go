package stats

import "math"

// logLikelihood is the keyness of a term that occurs a times among cx
// words of one text and b times among cy words of another (Rayson and
// Garside 2000): 2·Σ O·ln(O/E) over the term's two observed counts, with
// expectations from the pooled rate. It is positive when the term is
// relatively more frequent in the first text, negative when less, and 0
// when either text is empty. Under the null hypothesis of equal rates its
// absolute value follows χ² with one degree of freedom.
func logLikelihood(a, cx, b, cy float64) float64 {
	if cx <= 0 || cy <= 0 || a+b <= 0 {
		return 0
	}
	e1 := cx * (a + b) / (cx + cy)
	e2 := cy * (a + b) / (cx + cy)
	ll := 0.0
	if a > 0 {
		ll += a * math.Log(a/e1)
	}
	if b > 0 {
		ll += b * math.Log(b/e2)
	}
	ll *= 2
	if a/cx < b/cy {
		return -ll
	}
	return ll
}

// Background is a general word-frequency table to measure keyness
// against: how often each term occurs in a large general corpus, and the
// corpus size. *nlp.Model implements it with the frequencies of gse's
// dictionary.
type Background interface {
	BackgroundFreq(term string) float64
	BackgroundTotal() float64
}
