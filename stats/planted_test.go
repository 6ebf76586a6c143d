package stats_test

import (
	"context"
	"errors"
	"io"
	"math"
	"sync"
	"testing"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/synth"
	"github.com/danmakuscope/danmakuscope/nlp"
	"github.com/danmakuscope/danmakuscope/stats"
)

var (
	modelOnce sync.Once
	model     *nlp.Model
	modelErr  error
)

func loadModel(t testing.TB) *nlp.Model {
	t.Helper()
	modelOnce.Do(func() { model, modelErr = nlp.Load(nlp.Options{}) })
	if modelErr != nil {
		t.Fatal(modelErr)
	}
	return model
}

// analyse runs a synthetic video through annotation into an accumulator.
func analyse(t testing.TB, cfg synth.Config, opt stats.Options) *stats.Accumulator {
	t.Helper()
	m := loadModel(t)
	st, err := synth.Source{Config: cfg}.Open(context.Background(), fetch.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	an := m.NewAnalyzer()
	acc := stats.NewAccumulator(opt, m)
	for {
		rec, err := st.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ann, err := an.Annotate(rec)
		rec.Release()
		if err != nil {
			t.Fatal(err)
		}
		if err := acc.Add(ann); err != nil {
			t.Fatal(err)
		}
		ann.Release()
	}
	return acc
}

// within reports whether a bucket lies entirely inside [start, end).
func within(b stats.Bucket, start, end int64) bool { return b.StartMs >= start && b.EndMs <= end }

// overlaps reports whether a bucket overlaps [start, end).
func overlaps(b stats.Bucket, start, end int64) bool { return b.StartMs < end && b.EndMs > start }

// meanValence is the count-weighted mean valence of the buckets inside
// [start, end), or of those overlapping it when touching is set.
func meanValence(c stats.Curves, start, end int64, touching bool) float64 {
	var sum float64
	var n int64
	for _, b := range c.Buckets {
		in := within(b, start, end)
		if touching {
			in = overlaps(b, start, end)
		}
		if in && b.Count > 0 {
			sum += b.ValenceMean * float64(b.Count)
			n += b.Count
		}
	}
	return sum / float64(n)
}

// The planted truth of synthetic videos of different lengths, rates and
// seeds: each planted burst holds a bucket denser than any bucket outside
// the bursts, rituals and floods; the planted negative passage has a negative mean valence, the
// laughter and praise bursts a positive one.
func TestPlantedTruth(t *testing.T) {
	tests := []struct {
		seed    uint64
		minutes float64
		n       int
	}{
		{1, 12, 3000},
		{2, 6, 1500},
		{3, 24, 8000},
		{4, 45, 20000},
		{5, 90, 30000},
	}
	for _, tt := range tests {
		cfg := synth.Default(tt.seed, int64(tt.minutes*60_000), tt.n)
		acc := analyse(t, cfg, stats.Options{})
		c := acc.Curves(cfg.DurationMs)
		var outside int64 // densest bucket away from every burst, ritual and flood
		for _, b := range c.Buckets {
			near := false
			for _, p := range cfg.Bursts {
				near = near || overlaps(b, p.AtMs, p.AtMs+p.LenMs)
			}
			// Rituals and floods are dense too (density is not excitement):
			// the highlight tests check that they are not reported.
			for _, r := range cfg.Rituals {
				near = near || overlaps(b, r.AtMs, r.AtMs+r.LenMs)
			}
			for _, f := range cfg.Floods {
				near = near || overlaps(b, f.AtMs, f.AtMs+f.LenMs)
			}
			if !near {
				outside = max(outside, b.Count)
			}
		}
		for _, p := range cfg.Bursts {
			var peak int64
			for _, b := range c.Buckets {
				if overlaps(b, p.AtMs, p.AtMs+p.LenMs) {
					peak = max(peak, b.Count)
				}
			}
			if peak <= outside {
				t.Errorf("seed %d: %s burst at %d ms peaks at %d per bucket, not above the %d elsewhere",
					tt.seed, p.Mood, p.AtMs, peak, outside)
			}
			if p.Mood == synth.Laugh || p.Mood == synth.Positive {
				if v := meanValence(c, p.AtMs, p.AtMs+p.LenMs, true); !(v > 0.2) {
					t.Errorf("seed %d: %s burst mean valence %.3f, want clearly positive", tt.seed, p.Mood, v)
				}
			}
		}
		for _, p := range cfg.Passages {
			v := meanValence(c, p.StartMs, p.EndMs, false)
			if !(v < -0.1) {
				t.Errorf("seed %d: negative passage %d–%d ms mean valence %.3f, want clearly negative", tt.seed, p.StartMs, p.EndMs, v)
			}
			// The rest of the video, bursts excluded, is not negative.
			rest := meanValence(c, 0, p.StartMs, false)
			if math.IsNaN(rest) || rest <= 0 {
				t.Errorf("seed %d: mean valence before the passage %.3f, want positive", tt.seed, rest)
			}
		}
	}
}
