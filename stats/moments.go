package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/danmakuscope/danmakuscope/nlp"
)

// moments is a streaming summary of valences, labels and emotions: count,
// mean and the sum of squared deviations (Welford), plus label counts and
// dominant-emotion counts. Two moments merge exactly (Chan et al.; counts
// add), which is what makes re-bucketing and distributed combining possible.
type moments struct {
	n             int64
	mean, m2      float64
	pos, neg, neu int64
	emo           [nlp.NumEmotions + 1]int64 // indexed by nlp.Emotion; 0 = none
}

// add records one valence with its label and dominant emotion.
func (m *moments) add(v float64, label string, e nlp.Emotion) {
	m.emo[e]++
	m.n++
	d := v - m.mean
	m.mean += d / float64(m.n)
	m.m2 += d * (v - m.mean)
	switch label {
	case "pos":
		m.pos++
	case "neg":
		m.neg++
	default:
		m.neu++
	}
}

// merge folds o into m.
func (m *moments) merge(o moments) {
	if o.n == 0 {
		return
	}
	if m.n == 0 {
		*m = o
		return
	}
	n := m.n + o.n
	d := o.mean - m.mean
	m.mean += d * float64(o.n) / float64(n)
	m.m2 += o.m2 + d*d*float64(m.n)*float64(o.n)/float64(n)
	m.n = n
	m.pos += o.pos
	m.neg += o.neg
	m.neu += o.neu
	for i, c := range o.emo {
		m.emo[i] += c
	}
}

// summary computes mean, 95% CI and shares. The interval is the Student's t
// interval of the mean, clamped to the valence range [-1, 1].
func (m *moments) summary() Summary {
	s := Summary{Count: m.n, ValenceMean: math.NaN(), ValenceCILow: math.NaN(), ValenceCIHigh: math.NaN(),
		ValenceVar: math.NaN(), PosShare: math.NaN(), NegShare: math.NaN(), NeuShare: math.NaN()}
	s.EmotionCounts = m.emo
	for i := range s.EmotionShares {
		s.EmotionShares[i] = math.NaN()
	}
	if m.n == 0 {
		return s
	}
	n := float64(m.n)
	s.ValenceMean = m.mean
	s.PosShare = float64(m.pos) / n
	s.NegShare = float64(m.neg) / n
	s.NeuShare = float64(m.neu) / n
	for i, c := range m.emo {
		s.EmotionShares[i] = float64(c) / n
	}
	if m.n >= 2 {
		variance := math.Max(m.m2/(n-1), 0)
		s.ValenceVar = variance
		t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: n - 1}.Quantile(0.975)
		half := t * math.Sqrt(variance/n)
		s.ValenceCILow = math.Max(m.mean-half, -1)
		s.ValenceCIHigh = math.Min(m.mean+half, 1)
	}
	return s
}

// MergeSummaries returns the summary of all the danmaku that parts
// summarise, as if they had been summarised together: counts add, means
// and variances combine exactly (Chan et al.) and the interval is computed
// anew. It merges buckets into coarser bins, e.g. for a chart. A part of
// two or more danmaku without a ValenceVar counts as having no spread.
func MergeSummaries(parts ...Summary) Summary {
	var m moments
	for _, p := range parts {
		m.merge(p.moments())
	}
	return m.summary()
}

// moments recovers the moments a Summary was computed from (label counts
// from the shares, rounded).
func (s Summary) moments() moments {
	if s.Count <= 0 {
		return moments{}
	}
	n := float64(s.Count)
	m := moments{n: s.Count, mean: s.ValenceMean, emo: s.EmotionCounts}
	if s.Count >= 2 && !math.IsNaN(s.ValenceVar) {
		m.m2 = s.ValenceVar * (n - 1)
	}
	count := func(share float64) int64 {
		if math.IsNaN(share) {
			return 0
		}
		return int64(math.Round(share * n))
	}
	m.pos, m.neg = count(s.PosShare), count(s.NegShare)
	m.neu = s.Count - m.pos - m.neg
	return m
}
