package report

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// videoTimeSteps are the tick steps, in seconds, that a video-time axis may
// use, from the finest to the coarsest. Consecutive steps differ by at most
// a factor of 2.5, so picking the finest step that gives at most
// maxVideoTimeTicks ticks always leaves at least four.
func videoTimeSteps() []float64 {
	return []float64{
		1, 2, 5, 10, 15, 30, // seconds
		60, 2 * 60, 5 * 60, 10 * 60, 15 * 60, 30 * 60, // minutes
		3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600, 24 * 3600, // hours
	}
}

// maxVideoTimeTicks is the most labelled ticks a video-time axis gets.
const maxVideoTimeTicks = 10

// VideoTimeTicker is a [plot.Ticker] for axes whose values are seconds of
// video time. It places labelled ticks at a readable step (1, 2, 5, 10, 15,
// 30 s; 1, 2, 5, 10, 15, 30 min; 1, 2, 3, 6, 12 h; then whole days) chosen
// to give at most ten ticks, and labels them with [FormatVideoTime].
type VideoTimeTicker struct{}

var _ plot.Ticker = VideoTimeTicker{}

// Ticks returns the ticks between min and max, both in seconds.
func (VideoTimeTicker) Ticks(min, max float64) []plot.Tick {
	if math.IsNaN(min) || math.IsNaN(max) || math.IsInf(min, 0) || math.IsInf(max, 0) || max < min {
		return nil
	}
	step := videoTimeStep(max - min)
	first := math.Ceil(min/step) * step
	var ticks []plot.Tick
	for i := 0; ; i++ {
		v := first + float64(i)*step
		if v > max+step*1e-9 {
			break
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: FormatVideoTime(v)})
	}
	return ticks
}

// videoTimeStep returns the finest step in videoTimeSteps that puts at most
// maxVideoTimeTicks ticks on an axis spanning span seconds. Beyond the
// coarsest listed step it uses whole multiples of a day.
func videoTimeStep(span float64) float64 {
	steps := videoTimeSteps()
	for _, s := range steps {
		if tickCount(span, s) <= maxVideoTimeTicks {
			return s
		}
	}
	day := steps[len(steps)-1]
	return math.Ceil(span/day/(maxVideoTimeTicks-1)) * day
}

// tickCount is the most ticks a step can put on a span (when the span
// starts on a multiple of the step).
func tickCount(span, step float64) int {
	return int(math.Floor(span/step+1e-9)) + 1
}

// FormatVideoTime formats sec, a video offset in seconds, as m:ss below one
// hour and h:mm:ss from one hour on, rounding to the nearest second:
// 0 → "0:00", 61 → "1:01", 3725 → "1:02:05". Negative offsets get a
// leading "-".
func FormatVideoTime(sec float64) string {
	if math.IsNaN(sec) || math.IsInf(sec, 0) {
		return "?"
	}
	total := int64(math.Round(sec))
	sign := ""
	if total < 0 {
		sign, total = "-", -total
	}
	h, m, s := total/3600, total/60%60, total%60
	if h == 0 {
		return sign + strconv.FormatInt(m, 10) + ":" + twoDigits(s)
	}
	return sign + strconv.FormatInt(h, 10) + ":" + twoDigits(m) + ":" + twoDigits(s)
}

// twoDigits formats v (0…59) with a leading zero.
func twoDigits(v int64) string {
	if v < 10 {
		return "0" + strconv.FormatInt(v, 10)
	}
	return strconv.FormatInt(v, 10)
}
