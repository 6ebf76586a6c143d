package report

import (
	"math"
	"slices"

	"gonum.org/v1/plot"
)

// A density chart switches to a square-root scale when its peak is more
// than skewRatio times the 90th percentile of its buckets: a linear axis
// would flatten all but the peak (real videos often hold a rush of
// danmaku in their first minutes and a long, quiet rest).
const skewRatio = 8

// minTickGap is the least distance between two labelled ticks of a
// square-root axis, as a share of the axis.
const minTickGap = 0.07

// skewed reports whether values peak above skewRatio times their 90th
// percentile (non-finite values count as 0).
func skewed(values []float64) bool {
	if len(values) == 0 {
		return false
	}
	vs := make([]float64, len(values))
	for i, v := range values {
		vs[i] = math.Max(finiteOr(v, 0), 0)
	}
	slices.Sort(vs)
	p90 := vs[int(0.9*float64(len(vs)-1))]
	return vs[len(vs)-1] > skewRatio*math.Max(p90, 1e-9)
}

// sqrtScale is a square-root plot.Normalizer for axes of non-negative
// values.
type sqrtScale struct{}

var _ plot.Normalizer = sqrtScale{}

// Normalize implements plot.Normalizer.
func (sqrtScale) Normalize(min, max, x float64) float64 {
	lo, hi := math.Sqrt(math.Max(min, 0)), math.Sqrt(math.Max(max, 0))
	if hi <= lo {
		return 0
	}
	return (math.Sqrt(math.Max(x, 0)) - lo) / (hi - lo)
}

// sqrtTicks labels a square-root axis at 0 and at values of the form 1, 2
// or 5 × 10^k, as many as fit at least minTickGap apart, the highest first.
type sqrtTicks struct{}

var _ plot.Ticker = sqrtTicks{}

// Ticks implements plot.Ticker.
func (sqrtTicks) Ticks(min, max float64) []plot.Tick {
	if !isFinite(min) || !isFinite(max) || max <= 0 || max < min {
		return nil
	}
	var cands []float64
	for pow := 1.0; pow <= max; pow *= 10 {
		for _, m := range []float64{1, 2, 5} {
			if v := m * pow; v <= max && v >= min {
				cands = append(cands, v)
			}
		}
	}
	pos := func(v float64) float64 { return sqrtScale{}.Normalize(min, max, v) }
	var ticks []plot.Tick
	last := math.Inf(1)
	for i := len(cands) - 1; i >= 0; i-- {
		v := cands[i]
		if last-pos(v) >= minTickGap && pos(v)-pos(min) >= minTickGap {
			ticks = append(ticks, plot.Tick{Value: v, Label: formatTick(v)})
			last = pos(v)
		}
	}
	if min <= 0 {
		ticks = append(ticks, plot.Tick{Value: 0, Label: "0"})
	}
	slices.Reverse(ticks)
	return ticks
}

// formatTick formats a whole tick value with digit grouping: 2,000.
func formatTick(v float64) string {
	return groupDigits(formatFinite(math.Round(v), 0))
}
