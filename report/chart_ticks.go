package report

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// maxValueTicks is the most labelled ticks a value axis gets.
const maxValueTicks = 8

// niceTicks is a [plot.Ticker] for value axes: labelled ticks at the
// coarsest-but-fine-enough step of the form 1, 2, 2.5 or 5 × 10^k, giving
// 4–8 ticks. With whole set, steps are whole numbers (for counts).
type niceTicks struct {
	whole bool
}

var _ plot.Ticker = niceTicks{}

// Ticks implements plot.Ticker.
func (t niceTicks) Ticks(min, max float64) []plot.Tick {
	if !isFinite(min) || !isFinite(max) || max < min {
		return nil
	}
	step, decimals := t.step(max - min)
	first := math.Ceil(min/step - 1e-9)
	var ticks []plot.Tick
	for i := first; i*step <= max+step*1e-9; i++ {
		v := i * step
		if v == 0 {
			v = 0 // not -0
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', decimals, 64)})
	}
	return ticks
}

// step returns the finest nice step putting at most maxValueTicks ticks on
// span, and the decimals its labels need.
func (t niceTicks) step(span float64) (float64, int) {
	if span <= 0 {
		return 1, 0
	}
	k := math.Floor(math.Log10(span / maxValueTicks))
	for ; ; k++ {
		pow := math.Pow(10, k)
		for _, m := range []float64{1, 2, 2.5, 5} {
			step := m * pow
			if t.whole && step != math.Trunc(step) {
				continue
			}
			if math.Floor(span/step+1e-9)+1 <= maxValueTicks {
				decimals := 0
				if k < 0 {
					decimals = int(-k)
				}
				if m == 2.5 && k <= 0 {
					decimals++
				}
				return step, decimals
			}
		}
	}
}

// niceCeil rounds v up to a multiple of the step niceTicks would use for
// the span [0, v], so that the axis ends on a labelled tick.
func (t niceTicks) niceCeil(v float64) float64 {
	if !isFinite(v) || v <= 0 {
		return 1
	}
	step, _ := t.step(v)
	return math.Ceil(v/step-1e-9) * step
}
