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
