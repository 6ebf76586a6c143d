package report

import (
	"fmt"
	"image/color"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/danmakuscope/danmakuscope/stats"
)

// Send-time chart geometry.
const (
	sendTimeChartW = 1200
	sendTimeChartH = 520
)

// weekdayNames are the row labels, Monday first (ISO weekday − 1).
func weekdayNames() [7]string {
	return [7]string{"Mon 周一", "Tue 周二", "Wed 周三", "Thu 周四", "Fri 周五", "Sat 周六", "Sun 周日"}
}

// weekGrid returns the danmaku sent in each hour of the week, indexed by
// ISO weekday − 1 and hour; entries outside the grid are ignored.
func weekGrid(week []stats.SendHour) (grid [7][24]int64, total, top int64) {
	for _, h := range week {
		if h.Weekday < 1 || h.Weekday > 7 || h.Hour < 0 || h.Hour > 23 {
			continue
		}
		n := max(h.Count, 0)
		grid[h.Weekday-1][h.Hour] += n
		total += n
		top = max(top, grid[h.Weekday-1][h.Hour])
	}
	return grid, total, top
}

// SendTimeChart writes to path a PNG heatmap of when the danmaku were
// sent: hour of day (0–23, in the trends' time zone, named in the title
// and on the axis) across, weekday (Monday at the top) down, each cell
// shaded by the danmaku sent in that hour of the week over all weeks, its
// count written in it. The legend names the dates covered. title names the
// video and may be Chinese. Call it only when the danmaku carry send
// times; trends without any give a chart saying "no send times".
func SendTimeChart(path, title string, st stats.SendTime, opt ChartOptions) error {
	pal := palette()
	zone := st.Zone
	if zone == "" {
		zone = "UTC"
	}
	p := newChart(opt, "")
	p.Title.Text = chartTitle(opt, p.Title.TextStyle, title, "when danmaku were sent ("+zone+")", chartTextWidth(sendTimeChartW))
	p.X.Label.Text = "hour of day (" + zone + ")"
	p.X.Min, p.X.Max = 0, 24
	p.X.Tick.Marker = hourTicks()
	p.Y.Min, p.Y.Max = -0.5, 6.5
	legend := newLegend(opt)

	grid, total, top := weekGrid(st.Week)
	if total == 0 {
		p.HideY()
		p.Add(newNote(opt, "no send times"))
		return writeChart(path, p, legend, sendTimeChartW, sendTimeChartH)
	}
	scale := newCountScale(top)
	label := opt.style(text.Style{XAlign: text.XCenter}, valueLabelSize, pal.ink)
	label.YAlign = visualCenterAlign(label)
	p.Add(weekCells{grid: grid, scale: scale, label: label, empty: pal.empty})
	names := weekdayNames()
	bottomUp := make([]string, 7)
	for i, n := range names {
		bottomUp[6-i] = n
	}
	p.NominalY(bottomUp...)
	p.Y.Min, p.Y.Max = -0.5, 6.5
	p.Y.Tick.Label = opt.style(p.Y.Tick.Label, tickLabelSize, pal.ink)
	p.Y.Tick.Label.YAlign = visualCenterAlignLifted(p.Y.Tick.Label, p.Y.Tick.Label.FontExtents().Descent)
	p.Y.Padding = vg.Points(4)

	scale.addTo(legend, opt, "danmaku per hour:")
	if n := len(st.Days); n > 0 {
		span := st.Days[0].Date
		if n > 1 {
			span += opt.typo(" – ") + st.Days[n-1].Date
		}
		legend.add(fmt.Sprintf("%s danmaku sent %s (%s)", groupDigits(strconv.FormatInt(total, 10)), span, plural(n, "day")), nil)
	}
	return writeChart(path, p, legend, sendTimeChartW, sendTimeChartH)
}

// hourTicks labels each hour, 0 to 23, at the middle of its cells.
func hourTicks() plot.ConstantTicks {
	var ticks plot.ConstantTicks
	for h := 0; h < 24; h++ {
		ticks = append(ticks, plot.Tick{Value: float64(h) + 0.5, Label: strconv.Itoa(h)})
	}
	return ticks
}

// weekCells is a plotter that draws the hour-of-week cells with their
// counts.
type weekCells struct {
	grid  [7][24]int64
	scale countScale
	label text.Style
	empty color.Color
}

var _ plot.Plotter = weekCells{}

// Plot implements plot.Plotter.
func (wc weekCells) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	for d := range wc.grid {
		y := float64(6 - d)
		y0, y1 := trY(y-0.5)+columnGap, trY(y+0.5)-columnGap
		for h, n := range wc.grid[d] {
			x0, x1 := trX(float64(h))+columnGap, trX(float64(h+1))-columnGap
			col := wc.scale.color(n)
			if col == nil {
				col = wc.empty
			}
			c.FillPolygon(col, rect(x0, y0, x1, y1))
			if n == 0 {
				continue
			}
			s := strconv.FormatInt(n, 10)
			if wc.label.Width(s) > x1-x0-vg.Points(2) {
				continue // too narrow: the colour says it
			}
			sty := wc.label
			sty.Color = inkOn(col)
			c.FillText(sty, vg.Point{X: (x0 + x1) / 2, Y: (y0 + y1) / 2}, s)
		}
	}
}
