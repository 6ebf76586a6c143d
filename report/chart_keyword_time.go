package report

import (
	"cmp"
	"image/color"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/danmakuscope/danmakuscope/stats"
)

// Keyword-over-time chart layout.
const (
	maxHeatmapTerms   = 15  // rows at most
	maxHeatmapRunes   = 8   // longer terms are shortened with an ellipsis
	heatmapRowH       = 30  // pixels per row
	heatmapChromeH    = 200 // title, legend, axes
	minHeatmapRows    = 5   // the chart keeps this height with fewer rows
	burstOutlineWidth = 1.6 // points
)

// termRow is one row of the keyword heatmap: a term and its counts per
// time bin, with the bins where it bursts.
type termRow struct {
	Term     string
	Total    int64
	Counts   []int64
	Bursting []bool
}

// termRows returns the heatmap's rows: the terms of keywords_by_bucket with
// the most occurrences over the whole video (ties by term), at most
// maxHeatmapTerms, with their occurrences summed per time bin. A term
// missing from a bucket's top terms counts 0 there, so a bin's count is a
// lower bound when the term was not among the top terms of all its
// buckets.
func termRows(bins []timeBin, bt []stats.BucketTerm) []termRow {
	idx := map[string]int{}
	var rows []termRow
	for _, t := range bt {
		i, ok := idx[t.Term]
		if !ok {
			i = len(rows)
			idx[t.Term] = i
			rows = append(rows, termRow{Term: t.Term, Counts: make([]int64, len(bins)), Bursting: make([]bool, len(bins))})
		}
		rows[i].Total += max(t.Count, 0)
		if j := binOf(bins, t.Bucket); j >= 0 {
			rows[i].Counts[j] += max(t.Count, 0)
			rows[i].Bursting[j] = rows[i].Bursting[j] || t.Bursting
		}
	}
	slices.SortStableFunc(rows, func(a, b termRow) int {
		return cmp.Or(cmp.Compare(b.Total, a.Total), cmp.Compare(a.Term, b.Term))
	})
	return rows[:min(len(rows), maxHeatmapTerms)]
}

// KeywordTimeChart writes to path a PNG heatmap of the video's most
// frequent keywords over video time, from keywords_by_bucket (bt): one
// row per term (the most frequent at the top, Chinese terms as row
// labels), one column per time bin (buckets merged as in EmotionChart),
// each cell shaded by the term's occurrences in the bin, with the cells
// where the term bursts outlined. A blank cell means the term was not
// among its buckets' top terms. title names the video and may be Chinese.
// No terms give a chart saying "no keywords".
func KeywordTimeChart(path, title string, c stats.Curves, bt []stats.BucketTerm, opt ChartOptions) error {
	pal := palette()
	bins := timeBins(c)
	rows := termRows(bins, bt)
	hPx := heatmapChromeH + heatmapRowH*max(len(rows), minHeatmapRows)
	p := newChart(opt, "")
	timeAxis(p, opt, title, "keywords over time", c)
	legend := newLegend(opt)
	if len(rows) == 0 || len(bins) == 0 {
		p.HideY()
		p.Y.Min, p.Y.Max = 0, 1
		p.Add(newNote(opt, "no keywords"))
		return writeChart(path, p, legend, timeChartW, hPx)
	}
	p.X.Label.Text = "video time (" + formatBucketWidth(bins[0].EndMs-bins[0].StartMs) + " bins)"

	var top int64
	anyBurst := false
	for _, r := range rows {
		for j, n := range r.Counts {
			top = max(top, n)
			anyBurst = anyBurst || r.Bursting[j]
		}
	}
	scale := newCountScale(top)
	p.Add(termCells{bins: bins, rows: rows, scale: scale, outline: pal.accent})

	names := make([]string, len(rows))
	for i, r := range rows {
		names[len(rows)-1-i] = fitLabel(opt, r.Term, maxHeatmapRunes)
	}
	p.NominalY(names...)
	p.Y.Tick.Label = opt.style(p.Y.Tick.Label, axisLabelSize, pal.ink)
	p.Y.Tick.Label.YAlign = visualCenterAlignLifted(p.Y.Tick.Label, p.Y.Tick.Label.FontExtents().Descent)
	p.Y.Padding = vg.Points(4)
	p.Y.Min, p.Y.Max = -0.5, float64(len(rows))-0.5

	scale.addTo(legend, opt, "occurrences per bin:")
	if anyBurst {
		legend.add("bursting", outlineThumb{color: pal.accent})
	}
	return writeChart(path, p, legend, timeChartW, hPx)
}

// termCells is a plotter that draws the heatmap's cells.
type termCells struct {
	bins    []timeBin
	rows    []termRow
	scale   countScale
	outline color.Color
}

var _ plot.Plotter = termCells{}

// Plot implements plot.Plotter.
func (tc termCells) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	n := len(tc.rows)
	ls := draw.LineStyle{Color: tc.outline, Width: vg.Points(burstOutlineWidth)}
	for i, r := range tc.rows {
		y := float64(n - 1 - i)
		y0, y1 := trY(y-0.5)+columnGap/2, trY(y+0.5)-columnGap/2
		for j, b := range tc.bins {
			x0, x1 := trX(msToSec(b.StartMs))+columnGap/2, trX(msToSec(b.EndMs))-columnGap/2
			x0, x1 = max(x0, c.Min.X), min(x1, c.Max.X)
			if x1 <= x0 {
				continue
			}
			if col := tc.scale.color(r.Counts[j]); col != nil {
				c.FillPolygon(col, rect(x0, y0, x1, y1))
			}
			if r.Bursting[j] {
				w := vg.Points(burstOutlineWidth) / 2
				box := rect(x0+w, y0+w, x1-w, y1-w)
				c.StrokeLines(ls, append(box, box[0]))
			}
		}
	}
}

// outlineThumb is a legend thumbnail: an outlined box.
type outlineThumb struct{ color color.Color }

// Thumbnail implements plot.Thumbnailer.
func (o outlineThumb) Thumbnail(c *draw.Canvas) {
	w := vg.Points(burstOutlineWidth) / 2
	box := rect(c.Min.X+w, c.Min.Y+w, c.Max.X-w, c.Max.Y-w)
	c.StrokeLines(draw.LineStyle{Color: o.color, Width: vg.Points(burstOutlineWidth)}, append(box, box[0]))
}
