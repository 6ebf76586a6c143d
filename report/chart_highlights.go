package report

import (
	"image/color"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/danmakuscope/danmakuscope/stats"
)

// highlightMarks is a plotter that shades each highlight's span over the
// full height of the data area and writes its rank near the top above its
// peak ("R" for a ritual burst). Labels that would overlap a stronger
// highlight's label move down a row, or are left out after three rows.
type highlightMarks struct {
	spans  []stats.Highlight
	fill   color.Color
	ritual color.Color
	label  text.Style
}

var (
	_ plot.Plotter     = highlightMarks{}
	_ plot.Thumbnailer = highlightMarks{}
)

// Highlight mark layout, in points.
const (
	minHighlightWidth = vg.Length(2.5) // a span narrower than this is widened
	highlightLabelTop = vg.Length(4)   // gap between the data area's top and the first label row
	highlightLabelGap = vg.Length(3)   // between labels in a row
	highlightRows     = 3
)

// newHighlightMarks returns the marks for hs in the chart style.
func newHighlightMarks(opt ChartOptions, hs []stats.Highlight) highlightMarks {
	pal := palette()
	sty := opt.style(text.Style{XAlign: text.XCenter, YAlign: text.YTop}, valueLabelSize, pal.highlightInk)
	return highlightMarks{
		spans:  hs,
		fill:   pal.highlight,
		ritual: pal.ritual,
		label:  sty,
	}
}

// Plot implements plot.Plotter.
func (m highlightMarks) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, _ := plt.Transforms(&c)
	type extent struct{ lo, hi vg.Length }
	rows := make([][]extent, highlightRows)
	for _, h := range m.spans {
		x0, x1 := trX(msToSec(h.StartMs)), trX(msToSec(h.EndMs))
		if w := x1 - x0; w < minHighlightWidth {
			mid := (x0 + x1) / 2
			x0, x1 = mid-minHighlightWidth/2, mid+minHighlightWidth/2
		}
		x0, x1 = max(x0, c.Min.X), min(x1, c.Max.X)
		if x1 <= x0 {
			continue
		}
		fill := m.fill
		if h.Ritual {
			fill = m.ritual
		}
		c.FillPolygon(fill, []vg.Point{{X: x0, Y: c.Min.Y}, {X: x1, Y: c.Min.Y}, {X: x1, Y: c.Max.Y}, {X: x0, Y: c.Max.Y}})
	}
	// Labels in rank order, so that the strongest get the top row.
	for _, h := range m.spans {
		label := strconv.Itoa(h.Rank)
		if h.Ritual {
			label = "R"
		}
		x := trX(msToSec(h.PeakMs))
		half := m.label.Width(label)/2 + highlightLabelGap
		lineH := m.label.FontExtents().Height
		for r := range rows {
			free := true
			for _, e := range rows[r] {
				if x-half < e.hi && x+half > e.lo {
					free = false
					break
				}
			}
			if !free {
				continue
			}
			rows[r] = append(rows[r], extent{x - half, x + half})
			y := c.Max.Y - highlightLabelTop - vg.Length(r)*lineH
			c.FillText(m.label, vg.Point{X: x, Y: y}, label)
			break
		}
	}
}

// Thumbnail implements plot.Thumbnailer: a shaded box.
func (m highlightMarks) Thumbnail(c *draw.Canvas) { fillThumb{m.fill}.Thumbnail(c) }

// fillThumb is a legend thumbnail filled with one colour.
type fillThumb struct{ color color.Color }

// Thumbnail implements plot.Thumbnailer.
func (f fillThumb) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(f.color, []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y}})
}
