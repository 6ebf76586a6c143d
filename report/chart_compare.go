package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/danmakuscope/danmakuscope/stats"
)

// Comparison chart geometry.
const (
	compareChartW   = 1200
	compareRowH     = 30  // pixels per video
	compareChromeH  = 200 // title, panel titles, axes
	maxCompared     = 40  // videos drawn at most
	maxCompareRunes = 26  // longer video keys are shortened
)

// ComparisonChart writes to path a PNG comparing the videos of a run, one
// row per video, the most danmaku per minute at the top: on the left
// their danmaku per minute as bars labelled with the number of highlights,
// on the right their mean valence with its 95% confidence interval. At most
// maxCompared videos are drawn (the ones with the most danmaku); the title
// says so when there are more.
func ComparisonChart(path string, vs []stats.VideoFacts, opt ChartOptions) error {
	rows := slices.Clone(vs)
	slices.SortStableFunc(rows, func(a, b stats.VideoFacts) int {
		return cmp.Or(cmp.Compare(b.Danmaku, a.Danmaku), cmp.Compare(a.VideoKey, b.VideoKey))
	})
	title := fmt.Sprintf("%s: danmaku per minute and mean sentiment", plural(len(rows), "video"))
	if len(rows) > maxCompared {
		title = fmt.Sprintf("the %d of %d videos with the most danmaku: danmaku per minute and mean sentiment", maxCompared, len(rows))
		rows = rows[:maxCompared]
	}
	slices.SortStableFunc(rows, func(a, b stats.VideoFacts) int {
		return cmp.Or(cmp.Compare(b.MeanPerMin, a.MeanPerMin), cmp.Compare(a.VideoKey, b.VideoKey))
	})
	n := len(rows)
	hPx := compareChromeH + compareRowH*max(n, 3)

	pal := palette()
	density := newChart(opt, "danmaku per minute (bar) and highlights")
	valence := newChart(opt, "mean valence with 95% CI")
	for _, p := range []*plot.Plot{density, valence} {
		p.Title.TextStyle = opt.style(p.Title.TextStyle, axisLabelSize, pal.ink)
		p.Y.Min, p.Y.Max = -0.5, float64(max(n, 3))-0.5
		p.Y.Padding = vg.Points(4)
	}
	names := make([]string, n)
	values := make(plotter.Values, n)
	ends := make(plotter.XYs, n)
	labels := make([]string, n)
	var dots plotter.XYs
	peak := 1.0
	for i, v := range rows {
		y := n - 1 - i // the first row at the top
		names[y] = fitLabel(opt, v.VideoKey, maxCompareRunes)
		d := math.Max(finiteOr(v.MeanPerMin, 0), 0)
		values[y] = d
		peak = math.Max(peak, d)
		ends[y] = plotter.XY{X: d, Y: float64(y)}
		labels[y] = strconv.FormatFloat(d, 'f', 1, 64) + " · " + plural(v.Highlights, "highlight")
		if m := v.Sentiment.ValenceMean; isFinite(m) {
			dots = append(dots, plotter.XY{X: clampUnit(m), Y: float64(y)})
			lo, hi := v.Sentiment.ValenceCILow, v.Sentiment.ValenceCIHigh
			if isFinite(lo) && isFinite(hi) {
				l, err := plotter.NewLine(plotter.XYs{{X: clampUnit(lo), Y: float64(y)}, {X: clampUnit(hi), Y: float64(y)}})
				if err != nil {
					return fmt.Errorf("chart %s: %w", path, err)
				}
				l.Color, l.Width = pal.primary, vg.Points(2)
				valence.Add(l)
			}
		}
	}
	if n == 0 {
		density.HideAxes()
		valence.HideAxes()
		density.Add(newNote(opt, "no videos"))
	} else {
		density.X.Label.Text = "danmaku per minute"
		density.X.Min = 0
		density.X.Max = peak * 1.35 // room for the labels
		density.X.Tick.Marker = niceTicks{}
		density.Add(gridFor(true, false))
		bars, err := plotter.NewBarChart(values, vg.Points(math.Min(18, compareRowH*0.55)))
		if err != nil {
			return fmt.Errorf("chart %s: %w", path, err)
		}
		bars.Horizontal = true
		bars.Color = pal.primary
		bars.LineStyle.Width = 0
		density.Add(bars)
		lbl, err := plotter.NewLabels(plotter.XYLabels{XYs: ends, Labels: labels})
		if err != nil {
			return fmt.Errorf("chart %s: %w", path, err)
		}
		for i := range lbl.TextStyle {
			lbl.TextStyle[i] = opt.style(text.Style{}, valueLabelSize, pal.ink)
			lbl.TextStyle[i].YAlign = visualCenterAlign(lbl.TextStyle[i])
		}
		lbl.Offset = vg.Point{X: vg.Points(4)}
		density.Add(lbl)
		density.NominalY(names...)
		density.Y.Tick.Label = opt.style(density.Y.Tick.Label, tickLabelSize, pal.ink)
		density.Y.Tick.Label.YAlign = visualCenterAlignLifted(density.Y.Tick.Label, density.Y.Tick.Label.FontExtents().Descent)

		valence.X.Label.Text = "mean valence"
		valence.X.Min, valence.X.Max = valenceRange(rows)
		valence.X.Tick.Marker = signedTicks(opt)
		valence.Add(gridFor(true, false))
		zero, err := plotter.NewLine(plotter.XYs{{X: 0, Y: valence.Y.Min}, {X: 0, Y: valence.Y.Max}})
		if err != nil {
			return fmt.Errorf("chart %s: %w", path, err)
		}
		zero.Color, zero.Width = pal.zero, vg.Points(1)
		valence.Add(zero)
		if len(dots) > 0 {
			s, err := plotter.NewScatter(dots)
			if err != nil {
				return fmt.Errorf("chart %s: %w", path, err)
			}
			s.GlyphStyle = draw.GlyphStyle{Color: pal.accent, Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}
			valence.Add(s)
		}
		// The same rows as the left panel, unlabelled.
		blank := make([]string, n)
		valence.NominalY(blank...)
	}
	head := opt.style(text.Style{XAlign: text.XCenter, YAlign: text.YTop}, titleSize, pal.ink)
	c, err := drawPanels(head, opt.typo(title), []*plot.Plot{density, valence}, []float64{0.62, 0.38}, compareChartW, hPx)
	if err != nil {
		return fmt.Errorf("chart %s: %w", path, err)
	}
	return writePNG(path, c)
}

// drawPanels draws a title and plots side by side (with the given shares
// of the width, axes aligned) on a white canvas. gonum/plot panics on some
// degenerate inputs; such a panic is returned as an error.
func drawPanels(head text.Style, title string, ps []*plot.Plot, shares []float64, wPx, hPx int) (c *vgimg.Canvas, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("draw: %v", r)
		}
	}()
	c = vgimg.NewWith(vgimg.UseWH(pxLength(wPx), pxLength(hPx)), vgimg.UseDPI(chartDPI))
	dc := cropMargin(draw.New(c))
	dc.SetColor(palette().ink)
	titleH := head.Rectangle(title).Size().Y + vg.Points(14)
	dc.FillText(head, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: dc.Max.Y}, title)
	body := draw.Crop(dc, 0, 0, 0, -titleH)
	x := body.Min.X
	width := body.Max.X - body.Min.X
	for i, p := range ps {
		w := width * vg.Length(shares[i])
		panel := draw.Canvas{Canvas: body.Canvas, Rectangle: vg.Rectangle{Min: vg.Point{X: x, Y: body.Min.Y}, Max: vg.Point{X: x + w, Y: body.Max.Y}}}
		if i > 0 {
			panel = draw.Crop(panel, vg.Points(18), 0, 0, 0)
		}
		p.Draw(panel)
		x += w
	}
	return c, nil
}

// valenceRange returns the valence axis of the comparison: from 0 or the
// lowest interval bound to 0 or the highest, rounded out to nice values,
// within [−1, 1], so that small differences between videos show.
func valenceRange(rows []stats.VideoFacts) (lo, hi float64) {
	for _, v := range rows {
		s := v.Sentiment
		for _, x := range []float64{s.ValenceMean, s.ValenceCILow, s.ValenceCIHigh} {
			if isFinite(x) {
				lo, hi = math.Min(lo, clampUnit(x)), math.Max(hi, clampUnit(x))
			}
		}
	}
	span := math.Max(hi-lo, 0.1)
	step, _ := niceTicks{}.step(span)
	lo = math.Max(-1, math.Floor(lo/step+1e-9)*step)
	hi = math.Min(1, math.Ceil(hi/step-1e-9)*step)
	if lo == 0 && hi == 0 {
		return -1, 1
	}
	return lo, hi
}

// signedTicks are niceTicks whose negative labels use a real minus sign
// when the chart font has one.
func signedTicks(opt ChartOptions) plot.TickerFunc {
	return func(min, max float64) []plot.Tick {
		ticks := niceTicks{}.Ticks(min, max)
		for i := range ticks {
			ticks[i].Label = opt.typo(strings.Replace(ticks[i].Label, "-", "−", 1))
		}
		return ticks
	}
}

// plural formats n with a noun: "1 highlight", "3 highlights".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
