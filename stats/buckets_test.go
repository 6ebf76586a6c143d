package stats

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/danmakuscope/danmakuscope/nlp"
)

func TestChooseBucket(t *testing.T) {
	tests := []struct {
		video time.Duration
		want  time.Duration
	}{
		{0, time.Second},
		{90 * time.Second, time.Second},
		{300 * time.Second, time.Second},
		{301 * time.Second, 2 * time.Second},
		{12 * time.Minute, 5 * time.Second},
		{20 * time.Minute, 5 * time.Second},
		{30 * time.Minute, 10 * time.Second},
		{time.Hour, 15 * time.Second},
		{3 * time.Hour, time.Minute},
		{10 * time.Hour, 2 * time.Minute},
		{24 * time.Hour, 5 * time.Minute},
	}
	for _, tt := range tests {
		got := ChooseBucket(tt.video)
		if got != tt.want {
			t.Errorf("ChooseBucket(%v) = %v, want %v", tt.video, got, tt.want)
		}
		if n := ceilDiv(tt.video.Milliseconds(), got.Milliseconds()); n > MaxAutoBuckets || (tt.video > 5*time.Minute && n < 100) {
			t.Errorf("ChooseBucket(%v) gives %d buckets, want 100–%d", tt.video, n, MaxAutoBuckets)
		}
	}
}

func TestCurvesCountsAndBoundaries(t *testing.T) {
	a := NewAccumulator(Options{BucketMs: 10_000}, fakeTerms{})
	addRows(t, a, []row{
		{progress: 0, valence: 0.5, label: "pos", emotion: "joy"},
		{progress: 9_999, valence: -0.5, label: "neg", emotion: "sorrow"},
		{progress: 10_000, valence: 0, label: "neu"},
		{progress: 25_000, valence: 1, label: "pos", emotion: "like"},
		{progress: -300, valence: 0, label: "neu"}, // before the start: first bucket
	})
	c := a.Curves(0)
	if c.BucketMs != 10_000 || c.DurationMs != 25_001 || len(c.Buckets) != 3 {
		t.Fatalf("curves: width %d, duration %d, %d buckets; want 10000, 25001, 3", c.BucketMs, c.DurationMs, len(c.Buckets))
	}
	wantCounts := []int64{3, 1, 1}
	for i, b := range c.Buckets {
		if b.Count != wantCounts[i] || b.Index != i || b.StartMs != int64(i)*10_000 || b.EndMs != int64(i+1)*10_000 {
			t.Errorf("bucket %d = %+v, want count %d", i, b, wantCounts[i])
		}
	}
	if got := c.Buckets[0].DensityPerMin; got != 18 {
		t.Errorf("density of 3 danmaku in 10 s = %v per minute, want 18", got)
	}
	if got := c.Buckets[0].ValenceMean; math.Abs(got) > 1e-15 {
		t.Errorf("mean valence of bucket 0 = %v, want 0", got)
	}
	if b := c.Buckets[0]; math.Abs(b.PosShare-1.0/3) > 1e-15 || math.Abs(b.NegShare-1.0/3) > 1e-15 || math.Abs(b.NeuShare-1.0/3) > 1e-15 {
		t.Errorf("shares of bucket 0 = %v/%v/%v, want thirds", b.PosShare, b.NegShare, b.NeuShare)
	}
	wantEmo := [][nlp.NumEmotions + 1]int64{
		{nlp.NoEmotion: 1, nlp.Joy: 1, nlp.Sorrow: 1},
		{nlp.NoEmotion: 1},
		{nlp.Like: 1},
	}
	for i, b := range c.Buckets {
		if b.EmotionCounts != wantEmo[i] {
			t.Errorf("bucket %d emotion counts %v, want %v", i, b.EmotionCounts, wantEmo[i])
		}
		sum := 0.0
		for e, share := range b.EmotionShares {
			sum += share
			if want := float64(wantEmo[i][e]) / float64(b.Count); math.Abs(share-want) > 1e-15 {
				t.Errorf("bucket %d share of %s = %v, want %v", i, nlp.Emotion(e), share, want)
			}
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("bucket %d emotion shares sum to %v", i, sum)
		}
	}
	if a.NegativeProgress() != 1 {
		t.Errorf("negative progress counted %d, want 1", a.NegativeProgress())
	}
	// A known duration longer than the last danmaku extends the buckets.
	if c := a.Curves(60_000); len(c.Buckets) != 6 || c.Buckets[5].Count != 0 || !math.IsNaN(c.Buckets[5].ValenceMean) || !math.IsNaN(c.Buckets[5].EmotionShares[nlp.NoEmotion]) {
		t.Errorf("with duration 60 s: %d buckets, last %+v; want 6, empty with NaN mean", len(c.Buckets), c.Buckets[len(c.Buckets)-1])
	}
}

// The automatic width re-buckets per-second cells; the result must equal
// accumulating at that width directly.
func TestAutoWidthEqualsFixedWidth(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var rows []row
	for i := 0; i < 4000; i++ {
		v := rng.Float64()*2 - 1
		l := "neu"
		if v > 0.2 {
			l = "pos"
		} else if v < -0.2 {
			l = "neg"
		}
		rows = append(rows, row{progress: rng.Int64N(20 * 60_000), valence: v, label: l, emotion: nlp.Emotion(rng.IntN(nlp.NumEmotions + 1)).String()})
	}
	auto := NewAccumulator(Options{}, fakeTerms{})
	addRows(t, auto, rows)
	ca := auto.Curves(0)
	if ca.BucketMs != 5_000 {
		t.Fatalf("auto width for 20 min = %d ms, want 5000", ca.BucketMs)
	}
	fixed := NewAccumulator(Options{BucketMs: 5_000}, fakeTerms{})
	addRows(t, fixed, rows)
	cf := fixed.Curves(0)
	if len(ca.Buckets) != len(cf.Buckets) {
		t.Fatalf("%d buckets auto, %d fixed", len(ca.Buckets), len(cf.Buckets))
	}
	for i := range ca.Buckets {
		x, y := ca.Buckets[i], cf.Buckets[i]
		if x.Count != y.Count || math.Abs(x.ValenceMean-y.ValenceMean) > 1e-12 || math.Abs(x.ValenceCILow-y.ValenceCILow) > 1e-9 || x.EmotionCounts != y.EmotionCounts {
			t.Errorf("bucket %d: auto %+v, fixed %+v", i, x, y)
		}
	}
	var total int64
	for _, b := range ca.Buckets {
		total += b.Count
	}
	if total != 4000 || auto.Count() != 4000 || auto.Overall().Count != 4000 {
		t.Errorf("buckets hold %d danmaku, want 4000", total)
	}
}

// A record with an unknown emotion is an error and adds nothing.
func TestAddUnknownEmotion(t *testing.T) {
	a := NewAccumulator(Options{}, fakeTerms{})
	rec := record(t, []row{{progress: 0, label: "neu"}, {progress: 1000, label: "pos", emotion: "happy"}})
	defer rec.Release()
	err := a.Add(rec)
	if err == nil || !strings.Contains(err.Error(), `"happy"`) || !strings.Contains(err.Error(), "row 1") {
		t.Fatalf("Add = %v, want an error naming row 1 and the emotion", err)
	}
	if a.Count() != 0 {
		t.Errorf("%d danmaku added from a bad record, want 0", a.Count())
	}
}

func TestCurvesEmpty(t *testing.T) {
	a := NewAccumulator(Options{}, fakeTerms{})
	if c := a.Curves(0); len(c.Buckets) != 0 {
		t.Errorf("no danmaku, no duration: %d buckets, want 0", len(c.Buckets))
	}
	if c := a.Curves(90_000); len(c.Buckets) != 90 || c.Buckets[0].Count != 0 {
		t.Errorf("no danmaku, 90 s video: %d buckets, want 90 empty ones", len(c.Buckets))
	}
}
