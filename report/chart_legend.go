package report

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// chartLegend is a one-row legend drawn between the title and the data
// area, right-aligned, so that it never hides data (gonum's own legend is
// drawn inside the data area).
type chartLegend struct {
	style   text.Style
	entries []chartLegendEntry
}

// chartLegendEntry is one legend item: a thumbnail and its label.
type chartLegendEntry struct {
	label string
	thumb plot.Thumbnailer
}

// Legend layout, in points.
const (
	legendThumbWidth = vg.Length(24) // width of a thumbnail
	legendThumbGap   = vg.Length(6)  // between a thumbnail and its label
	legendEntryGap   = vg.Length(22) // between entries
	legendRowGap     = vg.Length(6)  // below the legend row
)

// newLegend returns an empty legend in the chart font.
func newLegend(opt ChartOptions) *chartLegend {
	sty := opt.style(text.Style{XAlign: text.XLeft}, legendSize, palette().ink)
	sty.YAlign = visualCenterAlign(sty)
	return &chartLegend{style: sty}
}

// add appends an entry.
func (l *chartLegend) add(label string, thumb plot.Thumbnailer) {
	l.entries = append(l.entries, chartLegendEntry{label: label, thumb: thumb})
}

// rowHeight is the height of the legend row, 0 when it has no entries.
func (l *chartLegend) rowHeight() vg.Length {
	if l == nil || len(l.entries) == 0 {
		return 0
	}
	e := l.style.FontExtents()
	return e.Ascent + e.Descent
}

// reserve makes room for the legend row below the title of p. Call it
// after the title text is final.
func (l *chartLegend) reserve(p *plot.Plot) {
	if h := l.rowHeight(); h > 0 {
		p.Title.Padding += h + legendRowGap
	}
}

// draw draws the legend row into c, the canvas p was drawn into, just
// below the title.
func (l *chartLegend) draw(c draw.Canvas, p *plot.Plot) {
	h := l.rowHeight()
	if h == 0 {
		return
	}
	titleH := p.Title.TextStyle.Rectangle(p.Title.Text).Size().Y
	top := c.Max.Y - titleH - (p.Title.Padding - h - legendRowGap)
	mid := top - h/2

	width := vg.Length(0)
	for i, e := range l.entries {
		if i > 0 {
			width += legendEntryGap
		}
		width += legendThumbWidth + legendThumbGap + l.style.Width(e.label)
	}
	x := c.Max.X - width
	thumbH := h * 0.6
	for _, e := range l.entries {
		tc := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: mid - thumbH/2},
			Max: vg.Point{X: x + legendThumbWidth, Y: mid + thumbH/2},
		}}
		e.thumb.Thumbnail(&tc)
		x += legendThumbWidth + legendThumbGap
		c.FillText(l.style, vg.Point{X: x, Y: mid}, e.label)
		x += l.style.Width(e.label) + legendEntryGap
	}
}

// visualCenterAlign returns the vertical alignment that puts the middle of
// digits and Han characters (about 0.37 em above the baseline) on the
// anchor point. gonum's YCenter centres the font's ascent+descent box,
// which for CJK fonts (ascent ≈ 1.16 em) draws the text visibly low.
func visualCenterAlign(sty text.Style) text.YAlignment {
	return visualCenterAlignLifted(sty, 0)
}

// visualCenterAlignLifted is visualCenterAlign for text that gonum draws
// lift above the anchor point (vertical-axis tick labels are lifted by the
// font's descent).
func visualCenterAlignLifted(sty text.Style, lift vg.Length) text.YAlignment {
	e := sty.FontExtents()
	ad := e.Ascent + e.Descent
	if ad <= 0 {
		return text.YCenter
	}
	size := sty.Font.Size
	// gonum's plain handler puts the baseline at
	// y + lift + YAlign·(A+D) − A + size; solve for baseline = y − 0.37·size.
	return text.YAlignment((e.Ascent - size - 0.37*size - lift) / ad)
}
