package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/danmakuscope/danmakuscope/stats"
)

// DensityChart writes to path a PNG of danmaku per minute over video time:
// a filled step line over the buckets, the smoothed (flood-weighted)
// density as a line, a dashed line at the average density, and the
// highlights hs as shaded spans numbered by rank at their peaks, with a
// legend; the y axis starts at 0 and is linear, or a square-root scale
// (said so in the title) when the peak is so far above the rest that a
// linear one would flatten the rest of the video. title names the video and may be
// Chinese. Curves without buckets give a chart saying "no danmaku".
func DensityChart(path, title string, c stats.Curves, hs []stats.Highlight, opt ChartOptions) error {
	pal := palette()
	p := newChart(opt, "")
	what := "danmaku density"
	sqrt := densitySkewed(c.Buckets)
	if sqrt {
		what = "danmaku density, square-root scale"
	}
	timeAxis(p, opt, title, what, c)
	p.Y.Label.Text = "danmaku per minute"
	p.Y.Min = 0
	p.Y.Tick.Marker = niceTicks{}
	p.Add(gridFor(true, true))
	legend := newLegend(opt)

	pts, peak := densitySteps(c.Buckets)
	if len(pts) == 0 {
		p.Y.Max = 10
		p.Add(newNote(opt, noDanmakuNote))
		return writeChart(path, p, legend, timeChartW, timeChartH)
	}

	marks := newHighlightMarks(opt, hs)
	if len(hs) > 0 {
		p.Add(marks) // first: behind the curves
	}
	step, err := plotter.NewLine(pts)
	if err != nil {
		return fmt.Errorf("chart %s: %w", path, err)
	}
	step.StepStyle = plotter.PostStep
	step.Color = pal.primary
	step.Width = vg.Points(1.4)
	// An opaque fill, so that a highlight's shading shows above the curve
	// and not mixed into it.
	step.FillColor = pal.area
	p.Add(step)
	legend.add(opt.typo(densityLegend(c.BucketMs)), step)

	smoothPts, smoothPeak := smoothedDensity(c.Buckets)
	if len(smoothPts) > 1 {
		sm, err := plotter.NewLine(smoothPts)
		if err != nil {
			return fmt.Errorf("chart %s: %w", path, err)
		}
		sm.Color = pal.ink
		sm.Width = vg.Points(1.3)
		p.Add(sm)
		legend.add("smoothed, after flood control (σ "+formatBucketWidth(c.BandwidthMs)+")", sm)
		peak = math.Max(peak, smoothPeak)
	}

	avg := averageDensity(c.Buckets, c.DurationMs)
	mean, err := plotter.NewLine(plotter.XYs{{X: p.X.Min, Y: avg}, {X: p.X.Max, Y: avg}})
	if err != nil {
		return fmt.Errorf("chart %s: %w", path, err)
	}
	mean.Color = pal.accent
	mean.Width = vg.Points(1.6)
	mean.Dashes = []vg.Length{vg.Points(7), vg.Points(4)}
	p.Add(mean)
	legend.add("average "+strconv.FormatFloat(avg, 'f', 1, 64)+" per minute", mean)
	if len(hs) > 0 {
		legend.add("highlight (rank at its peak)", marks)
	}
	if slices.ContainsFunc(hs, func(h stats.Highlight) bool { return h.Ritual }) {
		legend.add("ritual burst (R)", fillThumb{marks.ritual})
	}

	// Head room for the highlight labels above the highest curve.
	room := 1.04
	if len(hs) > 0 {
		room = 1.15
	}
	if sqrt {
		// The square of the room: the same share of the axis on a
		// square-root scale. (The title says so: a longer axis label
		// would shrink the chart.)
		p.Y.Scale, p.Y.Tick.Marker = sqrtScale{}, sqrtTicks{}
		room *= room
	}
	p.Y.Max = niceTicks{}.niceCeil(math.Max(peak, avg) * room)
	return writeChart(path, p, legend, timeChartW, timeChartH)
}

// densitySkewed reports whether the bucket densities are so skewed that a
// linear axis would flatten all but their peak.
func densitySkewed(buckets []stats.Bucket) bool {
	ds := make([]float64, len(buckets))
	for i, b := range buckets {
		ds[i] = b.DensityPerMin
	}
	return skewed(ds)
}

// smoothedDensity returns the smoothed density at bucket midpoints and its
// highest value; nothing when no bucket has one.
func smoothedDensity(buckets []stats.Bucket) (plotter.XYs, float64) {
	var pts plotter.XYs
	peak, any := 0.0, false
	for _, b := range buckets {
		d := math.Max(finiteOr(b.DensitySmooth, 0), 0)
		any = any || d > 0
		peak = math.Max(peak, d)
		pts = append(pts, plotter.XY{X: bucketMidSec(b), Y: d})
	}
	if !any {
		return nil, 0
	}
	return pts, peak
}

// densitySteps returns the points of a post-step line over the buckets
// (each bucket's start, then the last bucket's end) and the highest
// density. Non-finite or negative densities count as 0.
func densitySteps(buckets []stats.Bucket) (plotter.XYs, float64) {
	if len(buckets) == 0 {
		return nil, 0
	}
	pts := make(plotter.XYs, 0, len(buckets)+1)
	peak := 0.0
	for _, b := range buckets {
		d := finiteOr(b.DensityPerMin, 0)
		if d < 0 {
			d = 0
		}
		peak = math.Max(peak, d)
		pts = append(pts, plotter.XY{X: msToSec(b.StartMs), Y: d})
	}
	last := buckets[len(buckets)-1]
	pts = append(pts, plotter.XY{X: msToSec(last.EndMs), Y: pts[len(pts)-1].Y})
	return pts, peak
}

// averageDensity is the number of danmaku per minute over the video's
// duration (durationMs; when unknown, the span the buckets cover): the
// danmaku_per_min of videos.parquet, so that the chart and the tables say
// the same number although the last bucket may run past the video's end.
func averageDensity(buckets []stats.Bucket, durationMs int64) float64 {
	if len(buckets) == 0 {
		return 0
	}
	var n int64
	for _, b := range buckets {
		n += b.Count
	}
	span := float64(buckets[len(buckets)-1].EndMs-buckets[0].StartMs) / 60000
	if durationMs > 0 {
		span = float64(durationMs) / 60000
	}
	if span <= 0 {
		return 0
	}
	return float64(n) / span
}

// densityLegend names the density series with its bucket width.
func densityLegend(bucketMs int64) string {
	if bucketMs <= 0 {
		return "danmaku per minute"
	}
	return "danmaku per minute (" + formatBucketWidth(bucketMs) + " buckets)"
}

// formatBucketWidth formats a bucket width: "500 ms", "5 s", "1.5 min".
func formatBucketWidth(ms int64) string {
	switch {
	case ms < 1000:
		return strconv.FormatInt(ms, 10) + " ms"
	case ms < 60000 || ms%60000 != 0:
		return strconv.FormatFloat(float64(ms)/1000, 'f', -1, 64) + " s"
	default:
		return strconv.FormatFloat(float64(ms)/60000, 'f', -1, 64) + " min"
	}
}

// videoEndSec is the right end of a time axis in seconds: the video's
// duration or the last bucket's end, whichever is later; one minute when
// both are unknown.
func videoEndSec(c stats.Curves) float64 {
	end := c.DurationMs
	if n := len(c.Buckets); n > 0 && c.Buckets[n-1].EndMs > end {
		end = c.Buckets[n-1].EndMs
	}
	if end <= 0 {
		return 60
	}
	return msToSec(end)
}

// chartTextWidth is the widest a title may be on a chart wPx pixels wide.
func chartTextWidth(wPx int) vg.Length {
	return pxLength(wPx) - 2*chartMargin - vg.Points(16)
}

// msToSec converts milliseconds to seconds.
func msToSec(ms int64) float64 { return float64(ms) / 1000 }

// finiteOr returns v, or def when v is NaN or infinite.
func finiteOr(v, def float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return def
	}
	return v
}
