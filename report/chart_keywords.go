package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"

	"github.com/danmakuscope/danmakuscope/stats"
)

// Keyword chart limits.
const (
	defaultTopKeywords = 20 // keywords drawn when n ≤ 0
	maxKeywordRunes    = 16 // longer terms are shortened with an ellipsis
	minKeywordSlots    = 10 // bar slots on the chart even with fewer keywords
)

// KeywordsChart writes to path a PNG of the top n keywords by rank (n ≤ 0
// means 20) as horizontal bars whose length is the count, rank 1 at the
// top, with the terms labelling the y axis and each bar's count at its
// end. title names the video and may be Chinese. No keywords give a chart
// saying "no danmaku".
func KeywordsChart(path, title string, kws []stats.Keyword, n int, opt ChartOptions) error {
	if n <= 0 {
		n = defaultTopKeywords
	}
	pal := palette()
	top := topKeywords(kws, n)
	p := newChart(opt, "")
	shown := n
	if len(top) > 0 {
		shown = len(top)
	}
	p.Title.Text = chartTitle(opt, p.Title.TextStyle, title, "top "+strconv.Itoa(shown)+" keywords by TF-IDF", chartTextWidth(keywordChartW))
	if len(top) == 0 {
		p.HideAxes()
		p.Add(newNote(opt, noDanmakuNote))
		return writeChart(path, p, nil, keywordChartW, keywordChartH)
	}
	p.X.Label.Text = "occurrences (the bars are in TF-IDF order, not by length)"
	p.X.Tick.Marker = niceTicks{whole: true}
	p.X.Min = 0
	p.Add(gridFor(true, false))

	kb := keywordBars(opt, top)
	// At least minKeywordSlots bar slots, so that a few keywords get bars
	// of the usual thickness at the top instead of a few fat ones.
	slots := max(len(top), minKeywordSlots)
	bars, err := plotter.NewBarChart(kb.values, barThickness(slots))
	if err != nil {
		return fmt.Errorf("chart %s: %w", path, err)
	}
	bars.Horizontal = true
	bars.Color = pal.primary
	bars.LineStyle.Width = 0
	p.Add(bars)

	labels, err := plotter.NewLabels(plotter.XYLabels{XYs: kb.ends, Labels: kb.counts})
	if err != nil {
		return fmt.Errorf("chart %s: %w", path, err)
	}
	for i := range labels.TextStyle {
		labels.TextStyle[i] = opt.style(text.Style{}, valueLabelSize, pal.ink)
		labels.TextStyle[i].YAlign = visualCenterAlign(labels.TextStyle[i])
	}
	labels.Offset = vg.Point{X: vg.Points(4)}
	p.Add(labels)

	p.NominalY(kb.names...)
	p.Y.Tick.Label = opt.style(p.Y.Tick.Label, axisLabelSize, pal.ink)
	p.Y.Tick.Label.YAlign = visualCenterAlignLifted(p.Y.Tick.Label, p.Y.Tick.Label.FontExtents().Descent)
	p.Y.Padding = vg.Points(4)
	p.X.Padding = 0
	p.Y.Min, p.Y.Max = float64(len(top)-slots)-0.5, float64(len(top))-0.5
	// Room at the right for the count labels.
	p.X.Max = math.Max(kb.peak, 1) * 1.1
	return writeChart(path, p, nil, keywordChartW, keywordChartH)
}

// keywordBarData is what the keyword chart draws, bottom bar first: bar
// lengths, y-axis labels, bar ends and count labels, and the longest bar.
type keywordBarData struct {
	values plotter.Values
	names  []string
	ends   plotter.XYs
	counts []string
	peak   float64
}

// keywordBars lays out the keywords (rank 1 first) as bars from the bottom
// up, so that rank 1 is the top bar.
func keywordBars(opt ChartOptions, top []stats.Keyword) keywordBarData {
	n := len(top)
	kb := keywordBarData{
		values: make(plotter.Values, n),
		names:  make([]string, n),
		ends:   make(plotter.XYs, n),
		counts: make([]string, n),
	}
	for i, kw := range top {
		y := n - 1 - i
		c := float64(max(kw.Count, 0))
		kb.values[y] = c
		kb.names[y] = fitLabel(opt, kw.Term, maxKeywordRunes)
		kb.ends[y] = plotter.XY{X: c, Y: float64(y)}
		kb.counts[y] = strconv.FormatInt(kw.Count, 10)
		kb.peak = math.Max(kb.peak, c)
	}
	return kb
}

// topKeywords returns the n best-ranked keywords, rank 1 first (ties and
// missing ranks: higher count, then term).
func topKeywords(kws []stats.Keyword, n int) []stats.Keyword {
	top := slices.Clone(kws)
	slices.SortStableFunc(top, func(a, b stats.Keyword) int {
		ra, rb := a.Rank, b.Rank
		if ra <= 0 {
			ra = math.MaxInt
		}
		if rb <= 0 {
			rb = math.MaxInt
		}
		return cmp.Or(cmp.Compare(ra, rb), cmp.Compare(b.Count, a.Count), cmp.Compare(a.Term, b.Term))
	})
	return top[:min(n, len(top))]
}

// barThickness is the bar thickness for n bars on the keyword chart: about
// two thirds of the space per bar, within sensible bounds.
func barThickness(n int) vg.Length {
	space := (pxLength(keywordChartH) - vg.Points(110)) / vg.Length(max(n, 1))
	return max(vg.Points(3), min(space*0.68, vg.Points(30)))
}
