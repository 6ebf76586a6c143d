package stats

import (
	"math"
	"testing"
)

// A constant series stays constant after smoothing, edges included: the
// renormalised kernel neither sags nor rises at the ends.
func TestSmoothEdges(t *testing.T) {
	x := make([]float64, 50)
	for i := range x {
		x[i] = 7
	}
	for _, sigma := range []float64{0, 1, 3, 20} {
		for i, v := range smooth(x, gaussianKernel(sigma)) {
			if math.Abs(v-7) > 1e-12 {
				t.Fatalf("sigma %v: smoothed[%d] = %v, want 7", sigma, i, v)
			}
		}
	}
	// A spike keeps its mass in the middle and spreads symmetrically.
	x = make([]float64, 41)
	x[20] = 10
	s := smooth(x, gaussianKernel(2))
	var sum float64
	for _, v := range s {
		sum += v
	}
	if math.Abs(sum-10) > 1e-9 || math.Abs(s[18]-s[22]) > 1e-12 || s[20] <= s[19] {
		t.Errorf("smoothed spike %v: want mass 10, symmetric, peaked at 20", s)
	}
}

func TestSquareSum(t *testing.T) {
	if got := squareSum([]float64{1}); got != 1 {
		t.Errorf("identity kernel: %v, want 1", got)
	}
	// A wide Gaussian: Σk² ≈ 1/(2√π σ).
	sigma := 10.0
	if got, want := squareSum(gaussianKernel(sigma)), 1/(2*math.Sqrt(math.Pi)*sigma); math.Abs(got-want) > 1e-3*want {
		t.Errorf("sigma 10: %v, want %v", got, want)
	}
}

func TestRollingMedian(t *testing.T) {
	tests := []struct {
		x    []float64
		w    int
		want []float64
	}{
		{[]float64{1, 2, 3}, 5, []float64{2, 2, 2}},
		{[]float64{1, 9, 1, 1, 9, 1, 1}, 3, []float64{1, 1, 1, 1, 1, 1, 1}},
		// Edges keep the window size: a burst at the start is not its own baseline.
		{[]float64{9, 9, 1, 1, 1, 1, 1}, 5, []float64{1, 1, 1, 1, 1, 1, 1}},
		{[]float64{1, 2, 3, 4, 5, 6}, 3, []float64{2, 2, 3, 4, 5, 5}},
	}
	for _, tt := range tests {
		got := rollingMedian(tt.x, tt.w)
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("rollingMedian(%v, %d) = %v, want %v", tt.x, tt.w, got, tt.want)
				break
			}
		}
	}
	if m := mad([]float64{1, 1, 2, 2, 4, 6, 9}); math.Abs(m-1.4826) > 1e-12 {
		t.Errorf("mad = %v, want 1.4826", m)
	}
}

// Smoothing a wide kernel over blocks of points gives the curve of the
// point-by-point smoothing, edges included.
func TestSmoothCurvesBlocks(t *testing.T) {
	const n = 3001 // seconds; the last block is partial
	s := &series{resMs: 1000, durMs: n * 1000, w: make([]float64, n), wv: make([]float64, n)}
	for i := range s.w {
		s.w[i] = 2 + math.Sin(float64(i)/150) + float64(i%7)/3
		if i > 1200 && i < 1260 {
			s.w[i] += 8
		}
		s.wv[i] = s.w[i] * math.Cos(float64(i)/400)
	}
	const bw = 60_000
	c := Curves{BucketMs: 30_000}
	for i := 0; i*30_000 < n*1000; i++ {
		c.Buckets = append(c.Buckets, Bucket{Index: i, StartMs: int64(i) * 30_000, EndMs: int64(i+1) * 30_000})
	}
	s.smoothCurves(&c, bw)
	k := gaussianKernel(bw / 1000)
	sw, swv := smooth(s.w, k), smooth(s.wv, k)
	for _, b := range c.Buckets {
		var d, v, ws float64
		pts := 0
		for i := b.StartMs / 1000; i < b.EndMs/1000 && i < n; i++ {
			d += sw[i]
			v += swv[i]
			ws += sw[i]
			pts++
		}
		wantD, wantV := d/float64(pts)*60, v/ws
		if math.Abs(b.DensitySmooth-wantD) > 0.01*wantD || math.Abs(b.ValenceSmooth-wantV) > 0.02 {
			t.Errorf("bucket %d: density %.3f valence %.4f, point by point %.3f and %.4f", b.Index, b.DensitySmooth, b.ValenceSmooth, wantD, wantV)
		}
	}
}
