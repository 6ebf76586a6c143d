package report

import (
	"fmt"
	"image/png"
	"io"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// ChartOptions apply to every chart. The zero value is usable: it draws
// with gonum's default fonts, which have no Chinese glyphs.
type ChartOptions struct {
	// Font is the font of every text element; nil means gonum's default
	// fonts. Find it with [FindFont].
	Font *Font
}

// noDanmakuNote is the note drawn on a chart with no data.
const noDanmakuNote = "no danmaku"

// writeChart draws p and its legend (nil for none) on a white canvas of
// wPx×hPx pixels and writes it as a PNG to path atomically. Drawing the
// same plot always gives the same bytes.
func writeChart(path string, p *plot.Plot, legend *chartLegend, wPx, hPx int) error {
	c, err := drawChart(p, legend, wPx, hPx)
	if err != nil {
		return fmt.Errorf("chart %s: %w", path, err)
	}
	return writePNG(path, c)
}

// writePNG writes the canvas as a PNG to path atomically. It compresses
// for speed: PNG encoding was half the time of drawing a chart, and the
// best compression saves only about 3% of the bytes.
func writePNG(path string, c *vgimg.Canvas) error {
	return WriteFileAtomic(path, func(w io.Writer) error {
		return (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, c.Image())
	})
}

// drawChart renders p into an image canvas. gonum/plot panics on some
// degenerate inputs; such a panic is returned as an error.
func drawChart(p *plot.Plot, legend *chartLegend, wPx, hPx int) (c *vgimg.Canvas, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("draw: %v", r)
		}
	}()
	c = vgimg.NewWith(vgimg.UseWH(pxLength(wPx), pxLength(hPx)), vgimg.UseDPI(chartDPI))
	dc := cropMargin(draw.New(c))
	legend.reserve(p, dc.Max.X-dc.Min.X)
	p.Draw(dc)
	legend.draw(dc, p)
	return c, nil
}

// chartNote is a plotter that writes a short message in the middle of the
// data area, e.g. "no danmaku" on an empty chart.
type chartNote struct {
	text  string
	style text.Style
}

// newNote returns a centred note in the chart font.
func newNote(opt ChartOptions, msg string) chartNote {
	sty := opt.style(text.Style{XAlign: text.XCenter}, noteSize, palette().note)
	sty.YAlign = visualCenterAlign(sty)
	return chartNote{text: msg, style: sty}
}

var _ plot.Plotter = chartNote{}

// Plot implements plot.Plotter.
func (n chartNote) Plot(c draw.Canvas, _ *plot.Plot) {
	c.FillText(n.style, c.Center(), n.text)
}
