package report

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/danmakuscope/danmakuscope/stats"
)

// SentimentChart writes to path a PNG of the mean valence over video time:
// a line through the means of the time bins (buckets merged as in
// EmotionChart, exactly: see stats.MergeSummaries) with their 95%
// confidence interval as a shaded band, and a zero line, on a y axis
// symmetric about 0 (±0.5, ±0.75 or ±1: see valenceLimit). Bins whose
// mean (or interval) is NaN, or that hold fewer
// than MinSentimentCount danmaku, are skipped, leaving gaps: a mean of a
// few danmaku swings from −1 to 1 and would only draw noise. title names
// the video and may be Chinese. Curves without any defined mean give a
// chart saying "no danmaku".
func SentimentChart(path, title string, c stats.Curves, opt ChartOptions) error {
	pal := palette()
	p := newChart(opt, "")
	timeAxis(p, opt, title, "sentiment", c)
	p.Y.Label.Text = opt.typo("mean valence (−1 to 1)")
	p.Y.Min, p.Y.Max = -1, 1
	p.Y.Tick.Marker = valenceTicks(opt, 1)
	p.Add(gridFor(true, true))
	legend := newLegend(opt)

	buckets := sentimentBins(c)
	if len(buckets) > 0 {
		p.X.Label.Text = "video time (" + formatBucketWidth(buckets[0].EndMs-buckets[0].StartMs) + " bins)"
	}
	runs, dots := meanRuns(buckets)
	lim := valenceLimit(buckets)
	p.Y.Min, p.Y.Max = -lim, lim
	p.Y.Tick.Marker = valenceTicks(opt, lim)
	if len(runs) == 0 && len(dots) == 0 {
		note := noDanmakuNote
		if hasDanmaku(c.Buckets) {
			note = fmt.Sprintf("too few danmaku to draw: every bin holds fewer than %d", MinSentimentCount)
		}
		p.Add(newNote(opt, note))
		return writeChart(path, p, legend, timeChartW, timeChartH)
	}

	zero, err := plotter.NewLine(plotter.XYs{{X: p.X.Min, Y: 0}, {X: p.X.Max, Y: 0}})
	if err != nil {
		return fmt.Errorf("chart %s: %w", path, err)
	}
	zero.Color = pal.zero
	zero.Width = vg.Points(1)
	p.Add(zero)

	if rings := ciBand(buckets); len(rings) > 0 {
		band := &plotter.Polygon{XYs: rings, Color: pal.fill}
		p.Add(band)
		legend.add("95% confidence interval", band)
	}

	lineStyle := draw.LineStyle{Color: pal.primary, Width: vg.Points(1.6)}
	var thumb plot.Thumbnailer
	for _, run := range runs {
		l := &plotter.Line{XYs: run, LineStyle: lineStyle}
		p.Add(l)
		thumb = l
	}
	if len(dots) > 0 {
		s := &plotter.Scatter{XYs: dots, GlyphStyle: draw.GlyphStyle{
			Color: pal.primary, Radius: vg.Points(2), Shape: draw.CircleGlyph{},
		}}
		p.Add(s)
		if thumb == nil {
			thumb = s
		}
	}
	legend.add(fmt.Sprintf("mean valence per bin (bins of ≥ %d danmaku)", MinSentimentCount), thumb)
	return writeChart(path, p, legend, timeChartW, timeChartH)
}

// MinSentimentCount is the fewest danmaku a time bin needs for the
// sentiment chart to draw its mean. curves.parquet keeps every bucket.
const MinSentimentCount = 10

// sentimentBins merges the buckets of c into the time bins of the time
// charts, each a Bucket spanning its bin with the merged summary. Bins of
// fewer than MinSentimentCount danmaku get NaN means and intervals, which
// leave gaps.
func sentimentBins(c stats.Curves) []stats.Bucket {
	bins := timeBins(c)
	out := make([]stats.Bucket, len(bins))
	for i, tb := range bins {
		parts := make([]stats.Summary, 0, tb.Last-tb.First+1)
		for _, b := range c.Buckets[tb.First : tb.Last+1] {
			parts = append(parts, b.Summary)
		}
		b := stats.Bucket{Index: i, StartMs: tb.StartMs, EndMs: tb.EndMs, Summary: stats.MergeSummaries(parts...)}
		if b.Count < MinSentimentCount {
			b.ValenceMean, b.ValenceCILow, b.ValenceCIHigh = math.NaN(), math.NaN(), math.NaN()
		}
		out[i] = b
	}
	return out
}

func hasDanmaku(bs []stats.Bucket) bool {
	for _, b := range bs {
		if b.Count > 0 {
			return true
		}
	}
	return false
}

// valenceLimit is the half-height of the valence axis, which is symmetric
// about 0 so that positive and negative look alike: the largest magnitude
// of the drawn means and interval bounds, rounded up to a multiple of 0.25,
// at least 0.5 (small wobbles stay small) and at most 1.
func valenceLimit(buckets []stats.Bucket) float64 {
	m := 0.0
	for _, b := range buckets {
		for _, v := range []float64{b.ValenceMean, b.ValenceCILow, b.ValenceCIHigh} {
			if isFinite(v) {
				m = math.Max(m, math.Abs(clampUnit(v)))
			}
		}
	}
	return math.Min(1, math.Max(0.5, math.Ceil(m/0.25-1e-9)*0.25))
}

// valenceTicks labels a valence axis of [−lim, lim]: every 0.25 up to
// ±0.75, every 0.5 beyond.
func valenceTicks(opt ChartOptions, lim float64) plot.ConstantTicks {
	step := 0.25
	if lim > 0.75 {
		step = 0.5
	}
	minus := opt.typo("−")
	var ticks plot.ConstantTicks
	for v := -lim; v <= lim+1e-9; v += step {
		v := math.Round(v/0.25) * 0.25
		label := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
		if v < 0 {
			label = minus + label
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
	}
	return ticks
}

// meanRuns splits the bucket means (at bucket midpoints, clamped to
// [−1, 1]) into runs of consecutive defined means: runs of two or more
// become lines, lone means become dots.
func meanRuns(buckets []stats.Bucket) (runs []plotter.XYs, dots plotter.XYs) {
	var cur plotter.XYs
	flush := func() {
		switch len(cur) {
		case 0:
		case 1:
			dots = append(dots, cur[0])
		default:
			runs = append(runs, cur)
		}
		cur = nil
	}
	for _, b := range buckets {
		if !isFinite(b.ValenceMean) {
			flush()
			continue
		}
		cur = append(cur, plotter.XY{X: bucketMidSec(b), Y: clampUnit(b.ValenceMean)})
	}
	flush()
	return runs, dots
}

// ciBand returns the confidence band as polygons (rings), one per run of
// consecutive buckets with a defined interval: upper bounds left to right,
// then lower bounds right to left, at bucket midpoints. A lone bucket
// gets a box half a bucket wide so that it stays visible.
func ciBand(buckets []stats.Bucket) []plotter.XYs {
	var rings []plotter.XYs
	var lo, hi plotter.XYs
	var loneHalfWidth float64
	flush := func() {
		switch len(hi) {
		case 0:
		case 1:
			x, w := hi[0].X, loneHalfWidth
			rings = append(rings, plotter.XYs{
				{X: x - w, Y: hi[0].Y}, {X: x + w, Y: hi[0].Y},
				{X: x + w, Y: lo[0].Y}, {X: x - w, Y: lo[0].Y},
			})
		default:
			ring := append(plotter.XYs{}, hi...)
			for i := len(lo) - 1; i >= 0; i-- {
				ring = append(ring, lo[i])
			}
			rings = append(rings, ring)
		}
		lo, hi = nil, nil
	}
	for _, b := range buckets {
		if !isFinite(b.ValenceCILow) || !isFinite(b.ValenceCIHigh) {
			flush()
			continue
		}
		x := bucketMidSec(b)
		l, h := clampUnit(b.ValenceCILow), clampUnit(b.ValenceCIHigh)
		if l > h {
			l, h = h, l
		}
		lo = append(lo, plotter.XY{X: x, Y: l})
		hi = append(hi, plotter.XY{X: x, Y: h})
		loneHalfWidth = msToSec(b.EndMs-b.StartMs) / 4
	}
	flush()
	return rings
}

// bucketMidSec is the middle of a bucket in seconds.
func bucketMidSec(b stats.Bucket) float64 {
	return msToSec(b.StartMs+b.EndMs) / 2
}

// clampUnit clamps v to [−1, 1].
func clampUnit(v float64) float64 {
	return math.Max(-1, math.Min(1, v))
}

// isFinite reports whether v is neither NaN nor infinite.
func isFinite(v float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0)
}
