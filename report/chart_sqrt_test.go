package report

import (
	"math"
	"slices"
	"testing"
)

func TestSkewed(t *testing.T) {
	flat := make([]float64, 100)
	for i := range flat {
		flat[i] = 20 + float64(i%7)
	}
	rush := slices.Clone(flat)
	rush[0], rush[1] = 2000, 900
	burst := slices.Clone(flat)
	burst[50] = 150 // a highlight: 6× the rest, stays linear
	for _, tt := range []struct {
		name string
		vs   []float64
		want bool
	}{{"flat", flat, false}, {"opening rush", rush, true}, {"one burst", burst, false}, {"empty", nil, false},
		{"all zero", make([]float64, 10), false}, {"NaN", []float64{math.NaN(), 1, 1, 1}, false}} {
		if got := skewed(tt.vs); got != tt.want {
			t.Errorf("%s: skewed = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSqrtScale(t *testing.T) {
	s := sqrtScale{}
	for _, tt := range []struct{ min, max, x, want float64 }{
		{0, 100, 0, 0}, {0, 100, 25, 0.5}, {0, 100, 100, 1}, {0, 100, -5, 0}, {0, 0, 5, 0},
	} {
		if got := s.Normalize(tt.min, tt.max, tt.x); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("Normalize(%v, %v, %v) = %v, want %v", tt.min, tt.max, tt.x, got, tt.want)
		}
	}
	var labels []string
	for _, tk := range (sqrtTicks{}).Ticks(0, 3000) {
		labels = append(labels, tk.Label)
	}
	if want := []string{"0", "20", "100", "200", "500", "1,000", "2,000"}; !slices.Equal(labels, want) {
		t.Errorf("ticks of 0–3000 %q, want %q", labels, want)
	}
	ticks := (sqrtTicks{}).Ticks(0, 3000)
	for i := 1; i < len(ticks); i++ {
		if gap := s.Normalize(0, 3000, ticks[i].Value) - s.Normalize(0, 3000, ticks[i-1].Value); gap < minTickGap {
			t.Errorf("ticks %v and %v are %.3f apart", ticks[i-1].Value, ticks[i].Value, gap)
		}
	}
	if (sqrtTicks{}).Ticks(0, 0) != nil {
		t.Error("an empty axis has ticks")
	}
}
