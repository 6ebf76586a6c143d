package nlp

import "math"

// Label is the polarity class of a text.
type Label string

// Labels.
const (
	Pos Label = "pos" // positive
	Neg Label = "neg" // negative
	Neu Label = "neu" // neutral: no sentiment, or too little to tell
)

// LabelThreshold is the smallest |valence| labelled [Pos] or [Neg]; below it
// a text is [Neu]. A single faint word (还行, valence 0.2) passes it; a text
// with no scored word has valence 0.
const LabelThreshold = 0.1

// Intensifier and squashing constants.
const (
	exclaimStep  = 0.1 // per exclamation mark
	exclaimCap   = 0.5
	repeatStep   = 0.1 // per collapsed repetition
	repeatCap    = 0.3
	maxIntensity = 1.6 // cap on the product of all intensifiers
	squashAlpha  = 1.0 // valence = x/sqrt(x²+α): 1 → 0.71, 2 → 0.89
)

// LabelOf returns the label of a valence: Pos at or above LabelThreshold,
// Neg at or below −LabelThreshold, else Neu.
func LabelOf(valence float64) Label {
	switch {
	case valence >= LabelThreshold:
		return Pos
	case valence <= -LabelThreshold:
		return Neg
	}
	return Neu
}

// intensity is the factor by which exclamation marks and collapsed
// repetition scale a text's score, between 1 and maxIntensity.
func intensity(n Normalized) float64 {
	f := 1 + min(exclaimCap, exclaimStep*float64(n.Exclaims)) + min(repeatCap, repeatStep*float64(n.Repeats))
	return min(f, maxIntensity)
}

// squash maps a summed score smoothly into (−1, 1).
func squash(x float64) float64 { return x / math.Sqrt(x*x+squashAlpha) }
