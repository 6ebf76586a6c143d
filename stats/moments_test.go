package stats

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/danmakuscope/danmakuscope/nlp"
)

func TestMomentsMatchGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 3, 10, 1000} {
		xs := make([]float64, n)
		var m moments
		for i := range xs {
			xs[i] = rng.Float64()*2 - 1
			m.add(xs[i], "neu", nlp.NoEmotion)
		}
		mean, variance := stat.MeanVariance(xs, nil)
		if math.Abs(m.mean-mean) > 1e-12 {
			t.Errorf("n=%d: mean %v, gonum %v", n, m.mean, mean)
		}
		if n >= 2 {
			if got := m.m2 / float64(n-1); math.Abs(got-variance) > 1e-12 {
				t.Errorf("n=%d: variance %v, gonum %v", n, got, variance)
			}
			s := m.summary()
			half := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.975) * stat.StdErr(math.Sqrt(variance), float64(n))
			if math.Abs(s.ValenceCILow-math.Max(mean-half, -1)) > 1e-12 || math.Abs(s.ValenceCIHigh-math.Min(mean+half, 1)) > 1e-12 {
				t.Errorf("n=%d: CI [%v, %v], want mean±%v", n, s.ValenceCILow, s.ValenceCIHigh, half)
			}
		}
	}
}

func TestMomentsMergeEqualsWhole(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var whole moments
	parts := make([]moments, 7)
	labels := []string{"pos", "neg", "neu"}
	for i := 0; i < 5000; i++ {
		v := rng.NormFloat64() * 0.3
		l := labels[rng.IntN(3)]
		e := nlp.Emotion(rng.IntN(nlp.NumEmotions + 1))
		whole.add(v, l, e)
		parts[rng.IntN(len(parts))].add(v, l, e)
	}
	// Merge in two different orders: the result must not depend on it.
	var fwd, rev moments
	for i := range parts {
		fwd.merge(parts[i])
		rev.merge(parts[len(parts)-1-i])
	}
	for _, got := range []moments{fwd, rev} {
		if got.n != whole.n || got.pos != whole.pos || got.neg != whole.neg || got.neu != whole.neu || got.emo != whole.emo {
			t.Fatalf("counts %+v, want %+v", got, whole)
		}
		if math.Abs(got.mean-whole.mean) > 1e-12 || math.Abs(got.m2-whole.m2) > 1e-9 {
			t.Errorf("mean/m2 %v/%v, want %v/%v", got.mean, got.m2, whole.mean, whole.m2)
		}
	}
}

func TestSummaryUndefined(t *testing.T) {
	var m moments
	s := m.summary()
	if s.Count != 0 || !math.IsNaN(s.ValenceMean) || !math.IsNaN(s.PosShare) || !math.IsNaN(s.ValenceCILow) {
		t.Errorf("empty summary %+v: want NaN fields", s)
	}
	m.add(0.5, "pos", nlp.Joy)
	s = m.summary()
	if s.ValenceMean != 0.5 || s.PosShare != 1 || !math.IsNaN(s.ValenceCILow) {
		t.Errorf("one-value summary %+v: want mean 0.5, share 1, no CI", s)
	}
	m.add(0.5, "pos", nlp.Joy)
	s = m.summary()
	if s.ValenceCILow != 0.5 || s.ValenceCIHigh != 0.5 {
		t.Errorf("constant values: CI [%v, %v], want [0.5, 0.5]", s.ValenceCILow, s.ValenceCIHigh)
	}
}

// Merging the summaries of parts gives the summary of the whole: what the
// sentiment chart relies on to merge sparse buckets into bins.
func TestMergeSummaries(t *testing.T) {
	vals := []float64{0.9, -0.4, 0.1, 0.6, 0.6, -1, 0.3, 0.05, 0.8, -0.2, 0.45}
	labels := func(v float64) string {
		switch {
		case v >= 0.1:
			return "pos"
		case v <= -0.1:
			return "neg"
		}
		return "neu"
	}
	summarise := func(vs []float64) Summary {
		var m moments
		for _, v := range vs {
			m.add(v, labels(v), nlp.Emotion(int(v*20+20)%3)) // an emotion that goes with the value
		}
		return m.summary()
	}
	whole := summarise(vals)
	for _, cuts := range [][]int{{0, 11}, {0, 1, 11}, {0, 4, 5, 11}, {0, 2, 2, 7, 11}} {
		var parts []Summary
		for i := 0; i+1 < len(cuts); i++ {
			parts = append(parts, summarise(vals[cuts[i]:cuts[i+1]]))
		}
		got := MergeSummaries(parts...)
		close := func(a, b float64) bool { return math.Abs(a-b) < 1e-12 || (math.IsNaN(a) && math.IsNaN(b)) }
		if got.Count != whole.Count || !close(got.ValenceMean, whole.ValenceMean) || !close(got.ValenceVar, whole.ValenceVar) ||
			!close(got.ValenceCILow, whole.ValenceCILow) || !close(got.ValenceCIHigh, whole.ValenceCIHigh) ||
			!close(got.PosShare, whole.PosShare) || !close(got.NeuShare, whole.NeuShare) || got.EmotionCounts != whole.EmotionCounts {
			t.Errorf("cuts %v: merged %+v, want %+v", cuts, got, whole)
		}
	}
	if s := MergeSummaries(); s.Count != 0 || !math.IsNaN(s.ValenceMean) {
		t.Errorf("no parts: %+v, want an empty summary", s)
	}
	if s := summarise(vals[:1]); !math.IsNaN(s.ValenceVar) {
		t.Errorf("one danmaku has variance %v, want NaN", s.ValenceVar)
	}
}
