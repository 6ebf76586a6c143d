package report

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// chartLegend is a legend drawn between the title and the data area,
// right-aligned, so that it never hides data (gonum's own legend is drawn
// inside the data area). Entries flow into as many rows as the width
// needs.
type chartLegend struct {
	style   text.Style
	entries []chartLegendEntry
	rows    [][]chartLegendEntry // laid out by reserve
}

// chartLegendEntry is one legend item: a thumbnail and its label. An entry
// without a thumbnail is plain text, e.g. a heading of the entries after
// it or a note on what is not drawn.
type chartLegendEntry struct {
	label string
	thumb plot.Thumbnailer
}

// Legend layout, in points.
const (
	legendThumbWidth = vg.Length(24) // width of a thumbnail
	legendThumbGap   = vg.Length(6)  // between a thumbnail and its label
	legendEntryGap   = vg.Length(22) // between entries
	legendRowGap     = vg.Length(6)  // below each legend row
)

// newLegend returns an empty legend in the chart font.
func newLegend(opt ChartOptions) *chartLegend {
	sty := opt.style(text.Style{XAlign: text.XLeft}, legendSize, palette().ink)
	sty.YAlign = visualCenterAlign(sty)
	return &chartLegend{style: sty}
}

// add appends an entry; thumb may be nil for plain text.
func (l *chartLegend) add(label string, thumb plot.Thumbnailer) {
	l.entries = append(l.entries, chartLegendEntry{label: label, thumb: thumb})
}

// rowHeight is the height of one legend row, 0 when it has no entries.
func (l *chartLegend) rowHeight() vg.Length {
	if l == nil || len(l.entries) == 0 {
		return 0
	}
	e := l.style.FontExtents()
	return e.Ascent + e.Descent
}

// entryWidth is the width of one entry, its thumbnail included.
func (l *chartLegend) entryWidth(e chartLegendEntry) vg.Length {
	w := l.style.Width(e.label)
	if e.thumb != nil {
		w += legendThumbWidth + legendThumbGap
	}
	return w
}

// rowWidth is the width of a row of entries.
func (l *chartLegend) rowWidth(row []chartLegendEntry) vg.Length {
	w := vg.Length(0)
	for i, e := range row {
		if i > 0 {
			w += legendEntryGap
		}
		w += l.entryWidth(e)
	}
	return w
}

// layout splits the entries into rows no wider than width (an entry wider
// than that gets a row of its own).
func (l *chartLegend) layout(width vg.Length) [][]chartLegendEntry {
	var rows [][]chartLegendEntry
	var cur []chartLegendEntry
	for _, e := range l.entries {
		if len(cur) > 0 && l.rowWidth(append(cur[:len(cur):len(cur)], e)) > width {
			rows = append(rows, cur)
			cur = nil
		}
		cur = append(cur, e)
	}
	if len(cur) > 0 {
		rows = append(rows, cur)
	}
	return rows
}

// reserve lays the legend out for a chart width wide and makes room for
// its rows below the title of p. Call it after the title text is final.
func (l *chartLegend) reserve(p *plot.Plot, width vg.Length) {
	h := l.rowHeight()
	if h == 0 {
		return
	}
	l.rows = l.layout(width)
	p.Title.Padding += vg.Length(len(l.rows)) * (h + legendRowGap)
}

// draw draws the legend rows into c, the canvas p was drawn into, just
// below the title, each row right-aligned.
func (l *chartLegend) draw(c draw.Canvas, p *plot.Plot) {
	h := l.rowHeight()
	if h == 0 {
		return
	}
	titleH := p.Title.TextStyle.Rectangle(p.Title.Text).Size().Y
	block := vg.Length(len(l.rows)) * (h + legendRowGap)
	top := c.Max.Y - titleH - (p.Title.Padding - block)
	thumbH := h * 0.6
	for r, row := range l.rows {
		mid := top - vg.Length(r)*(h+legendRowGap) - h/2
		x := c.Max.X - l.rowWidth(row)
		for _, e := range row {
			if e.thumb != nil {
				tc := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
					Min: vg.Point{X: x, Y: mid - thumbH/2},
					Max: vg.Point{X: x + legendThumbWidth, Y: mid + thumbH/2},
				}}
				e.thumb.Thumbnail(&tc)
				x += legendThumbWidth + legendThumbGap
			}
			c.FillText(l.style, vg.Point{X: x, Y: mid}, e.label)
			x += l.style.Width(e.label) + legendEntryGap
		}
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
