package report

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/danmakuscope/danmakuscope/stats"
)

func TestValenceAxis(t *testing.T) {
	b := func(mean, lo, hi float64) stats.Bucket {
		return stats.Bucket{Summary: stats.Summary{ValenceMean: mean, ValenceCILow: lo, ValenceCIHigh: hi}}
	}
	nan := math.NaN()
	for _, tt := range []struct {
		name    string
		buckets []stats.Bucket
		lim     float64
		ticks   []string
	}{
		{"none", nil, 0.5, []string{"-0.5", "-0.25", "0", "0.25", "0.5"}},
		{"small wobble", []stats.Bucket{b(0.1, 0.05, 0.2), b(nan, nan, nan)}, 0.5, []string{"-0.5", "-0.25", "0", "0.25", "0.5"}},
		{"a negative passage", []stats.Bucket{b(0.2, 0.1, 0.3), b(-0.55, -0.7, -0.4)}, 0.75, []string{"-0.75", "-0.5", "-0.25", "0", "0.25", "0.5", "0.75"}},
		{"full range", []stats.Bucket{b(0.9, 0.8, 1.3)}, 1, []string{"-1", "-0.5", "0", "0.5", "1"}},
	} {
		lim := valenceLimit(tt.buckets)
		var ticks []string
		for _, tk := range valenceTicks(ChartOptions{Font: latinFont(t)}, lim) {
			ticks = append(ticks, strings.Replace(tk.Label, "−", "-", 1))
		}
		if lim != tt.lim || !slices.Equal(ticks, tt.ticks) {
			t.Errorf("%s: limit %v ticks %q, want %v %q", tt.name, lim, ticks, tt.lim, tt.ticks)
		}
	}
}
