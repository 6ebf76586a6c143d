package report

import (
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/danmakuscope/danmakuscope/nlp"
	"github.com/danmakuscope/danmakuscope/stats"
)

// emotionCurves is a video of n buckets of 5 s, each holding perBucket
// danmaku with the given emotion counts (the rest none).
func emotionCurves(n int, perBucket int64, counts map[nlp.Emotion]int64) stats.Curves {
	c := stats.Curves{BucketMs: 5000, DurationMs: int64(n) * 5000}
	for i := 0; i < n; i++ {
		b := stats.Bucket{Index: i, StartMs: int64(i) * 5000, EndMs: int64(i+1) * 5000, Summary: stats.Summary{Count: perBucket}}
		rest := perBucket
		for e, k := range counts {
			b.EmotionCounts[e] = k
			rest -= k
		}
		b.EmotionCounts[nlp.NoEmotion] = rest
		c.Buckets = append(c.Buckets, b)
	}
	return c
}

func TestEmotionBins(t *testing.T) {
	tests := []struct {
		name       string
		c          stats.Curves
		bins       int
		sparse     int
		joy, anger float64 // percent in the first bin
	}{
		{"dense: shares of all danmaku, none included in the base", emotionCurves(24, 20, map[nlp.Emotion]int64{nlp.Joy: 5, nlp.Anger: 2}), 12, 0, 25, 10},
		{"sparse buckets merge into bins of ≥ 10", emotionCurves(24, 2, map[nlp.Emotion]int64{nlp.Joy: 1}), 4, 0, 50, 0},
		{"no danmaku: one bin, not drawn", emotionCurves(6, 0, nil), 1, 1, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bins := emotionBins(tt.c)
			sparse := 0
			for _, b := range bins {
				if b.Sparse {
					sparse++
					continue
				}
				sum := 0.0
				for _, p := range b.Percent {
					sum += p
				}
				if math.Abs(sum-100) > 1e-9 {
					t.Errorf("bin %+v: shares sum to %v%%, want 100%% (none included)", b.timeBin, sum)
				}
			}
			if len(bins) != tt.bins || sparse != tt.sparse {
				t.Fatalf("%d bins, %d sparse; want %d and %d", len(bins), sparse, tt.bins, tt.sparse)
			}
			if b := bins[0]; b.Percent[nlp.Joy] != tt.joy || b.Percent[nlp.Anger] != tt.anger {
				t.Errorf("first bin: joy %v%%, anger %v%%; want %v and %v", b.Percent[nlp.Joy], b.Percent[nlp.Anger], tt.joy, tt.anger)
			}
		})
	}
	// 4 danmaku per 5 s: 15 s bins of 12; the last holds one bucket, too
	// few to draw.
	bins := emotionBins(emotionCurves(31, 4, map[nlp.Emotion]int64{nlp.Joy: 1}))
	if n := len(bins); n != 11 || !bins[n-1].Sparse || bins[n-2].Sparse || bins[0].Count != 12 || bins[0].Percent[nlp.Joy] != 25 {
		t.Errorf("bins %+v, want 11 of 12 danmaku, a quarter joy, the last too sparse", bins)
	}
}

// decodePNG reads a PNG written by a chart.
func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// pixelsOf counts the pixels of exactly colour c.
func pixelsOf(img image.Image, c color.Color) int {
	r0, g0, b0, a0 := c.RGBA()
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bb, a := img.At(x, y).RGBA()
			if r == r0 && g == g0 && bb == b0 && a == a0 {
				n++
			}
		}
	}
	return n
}

// legendSwatch bounds the pixels of one legend thumbnail: more than that
// of a colour means the colour is in the data area.
const legendSwatch = 1000

// The chart draws the emotions there are in their colours, and only their
// legend swatch of the others; sparse bins are grey.
func TestEmotionChartDrawsTheShares(t *testing.T) {
	pal := palette()
	tests := []struct {
		name          string
		c             stats.Curves
		drawn, absent []color.Color
	}{
		{"joy and anger", emotionCurves(120, 20, map[nlp.Emotion]int64{nlp.Joy: 8, nlp.Anger: 4}),
			[]color.Color{pal.emotions[nlp.Joy], pal.emotions[nlp.Anger]},
			[]color.Color{pal.emotions[nlp.Like], pal.emotions[nlp.Sorrow], pal.sparse}},
		{"too sparse", emotionCurves(120, 0, nil), nil,
			[]color.Color{pal.emotions[nlp.Joy], pal.sparse}},
	}
	// Half the buckets empty: those bins are grey.
	half := emotionCurves(120, 20, map[nlp.Emotion]int64{nlp.Like: 10})
	for i := 60; i < 120; i++ {
		half.Buckets[i].Count, half.Buckets[i].EmotionCounts = 0, [nlp.NumEmotions + 1]int64{}
	}
	tests = append(tests, struct {
		name          string
		c             stats.Curves
		drawn, absent []color.Color
	}{"half empty", half, []color.Color{pal.emotions[nlp.Like], pal.sparse}, []color.Color{pal.emotions[nlp.Joy]}})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "emotions.png")
			if err := EmotionChart(path, "视频", tt.c, ChartOptions{}); err != nil {
				t.Fatal(err)
			}
			img := decodePNG(t, path)
			for _, c := range tt.drawn {
				if n := pixelsOf(img, c); n < 20*legendSwatch {
					t.Errorf("colour %v: %d pixels, want it drawn over the chart", c, n)
				}
			}
			for _, c := range tt.absent {
				if n := pixelsOf(img, c); n > legendSwatch {
					t.Errorf("colour %v: %d pixels, want at most its legend swatch", c, n)
				}
			}
		})
	}
}
