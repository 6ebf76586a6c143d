package report

import (
	"image/color"
	"strings"

	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/danmakuscope/danmakuscope/nlp"
	"github.com/danmakuscope/danmakuscope/stats"
)

// Chart geometry, in pixels at chartDPI, and text sizes in points.
const (
	chartDPI       = 96
	timeChartW     = 1200
	timeChartH     = 500
	keywordChartW  = 1000
	keywordChartH  = 700
	titleSize      = vg.Length(16)
	axisLabelSize  = vg.Length(13)
	tickLabelSize  = vg.Length(11)
	legendSize     = vg.Length(11)
	noteSize       = vg.Length(15)
	valueLabelSize = vg.Length(10)
	chartMargin    = vg.Length(12) // blank border around the whole chart
)

// chartPalette is the one set of colours every chart uses.
type chartPalette struct {
	ink     color.Color // text
	axis    color.Color // axis lines and ticks
	grid    color.Color // grid lines
	primary color.Color // the data series
	fill    color.Color // confidence band (translucent primary)
	area    color.Color // area under a series: the fill colour over white, opaque, so that shading drawn over it shows
	accent  color.Color // reference lines such as the average
	zero    color.Color // the zero line
	note    color.Color // the "no danmaku" note
	sparse  color.Color // parts of a chart with too few danmaku to draw
	empty   color.Color // a heatmap cell counting nothing
	// highlight shades a highlight's span, highlightInk writes its rank,
	// ritual shades a ritual burst.
	highlight, highlightInk, ritual color.Color
	// emotions are the colours of the seven emotions, indexed by
	// nlp.Emotion (index 0, none, is unused): Okabe and Ito's colour-blind
	// safe set, warm for joy, green for like, blues for surprise and
	// sorrow, purple for fear, olive for disgust, vermilion for anger.
	emotions [nlp.NumEmotions + 1]color.Color
	// ramp is the sequential scale of the heatmaps, light to dark, ending
	// in the primary blue (ColorBrewer's Blues).
	ramp []color.Color
}

// palette returns the chart colours.
func palette() chartPalette {
	return chartPalette{
		ink:     color.NRGBA{R: 0x26, G: 0x26, B: 0x26, A: 0xff},
		axis:    color.NRGBA{R: 0x59, G: 0x59, B: 0x59, A: 0xff},
		grid:    color.NRGBA{R: 0xe4, G: 0xe7, B: 0xeb, A: 0xff},
		primary: color.NRGBA{R: 0x1f, G: 0x6f, B: 0xb4, A: 0xff},
		fill:    color.NRGBA{R: 0x1f, G: 0x6f, B: 0xb4, A: 0x40},
		area:    rgb(0xc7dbec),
		accent:  color.NRGBA{R: 0xd9, G: 0x48, B: 0x0f, A: 0xff},
		zero:    color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff},
		note:    color.NRGBA{R: 0x70, G: 0x70, B: 0x70, A: 0xff},
		sparse:  color.NRGBA{R: 0xee, G: 0xee, B: 0xee, A: 0xff},
		empty:   color.NRGBA{R: 0xf7, G: 0xf7, B: 0xf7, A: 0xff},
		// The accent's hue: the average line and the highlights belong
		// together.
		highlight:    color.NRGBA{R: 0xf2, G: 0x8c, B: 0x28, A: 0x48},
		highlightInk: rgb(0xa8360a),
		ritual:       color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0x38},
		emotions: [nlp.NumEmotions + 1]color.Color{
			nlp.Joy:      rgb(0xe69f00),
			nlp.Like:     rgb(0x009e73),
			nlp.Surprise: rgb(0x56b4e9),
			nlp.Sorrow:   rgb(0x0072b2),
			nlp.Fear:     rgb(0xcc79a7),
			nlp.Disgust:  rgb(0x999933),
			nlp.Anger:    rgb(0xd55e00),
		},
		ramp: []color.Color{rgb(0xdeebf7), rgb(0xc6dbef), rgb(0x9ecae1), rgb(0x6baed6), rgb(0x4292c6), rgb(0x2171b5), rgb(0x08519c)},
	}
}

// rgb is an opaque colour from 0xRRGGBB.
func rgb(v uint32) color.NRGBA {
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// handler returns the text handler that measures and draws chart text:
// the CJK font's own cache, or gonum's default fonts.
func (o ChartOptions) handler() text.Handler {
	if o.Font != nil && o.Font.handler != nil {
		return o.Font.handler
	}
	return plot.DefaultTextHandler
}

// fontAt returns the chart font at a size.
func (o ChartOptions) fontAt(size vg.Length) font.Font {
	if o.Font != nil && o.Font.handler != nil {
		return font.Font{Typeface: o.Font.typeface, Size: size}
	}
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
}

// style returns base with the chart font at size, the handler and colour c;
// the alignment and rotation of base are kept.
func (o ChartOptions) style(base text.Style, size vg.Length, c color.Color) text.Style {
	base.Font = o.fontAt(size)
	base.Handler = o.handler()
	base.Color = c
	return base
}

// typo replaces typographic characters the chart font lacks (em dash,
// minus sign, ellipsis) by ASCII look-alikes, and control characters,
// which would break lines, by spaces.
func (o ChartOptions) typo(s string) string {
	face := o.handler().Cache().Lookup(o.fontAt(10), 10).Face
	var buf sfnt.Buffer
	return strings.Map(func(r rune) rune {
		switch {
		case r < ' ' || r == 0x7f:
			return ' '
		case r == '—' && !hasGlyph(face, &buf, r):
			return '-'
		case r == '−' && !hasGlyph(face, &buf, r):
			return '-'
		}
		return r
	}, strings.ReplaceAll(s, "…", o.ellipsis()))
}

// ellipsis returns "…", or "..." when the chart font lacks it.
func (o ChartOptions) ellipsis() string {
	face := o.handler().Cache().Lookup(o.fontAt(10), 10).Face
	if hasGlyph(face, nil, '…') {
		return "…"
	}
	return "..."
}

// newChart returns a plot with the chart style applied to every text
// element (title, axis labels, tick labels, legend), axes and grid colours.
func newChart(opt ChartOptions, title string) *plot.Plot {
	pal := palette()
	p := plot.New()
	p.TextHandler = opt.handler()
	p.BackgroundColor = color.White
	p.Title.Text = title
	p.Title.TextStyle = opt.style(p.Title.TextStyle, titleSize, pal.ink)
	p.Title.Padding = vg.Points(10)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle = opt.style(a.Label.TextStyle, axisLabelSize, pal.ink)
		a.Label.Padding = vg.Points(6)
		a.Tick.Label = opt.style(a.Tick.Label, tickLabelSize, pal.ink)
		a.LineStyle.Color = pal.axis
		a.LineStyle.Width = vg.Points(0.8)
		a.Tick.LineStyle.Color = pal.axis
		a.Tick.LineStyle.Width = vg.Points(0.8)
		a.Tick.Length = vg.Points(5)
		a.Padding = 0
	}
	p.Y.Tick.Label.YAlign = visualCenterAlignLifted(p.Y.Tick.Label, p.Y.Tick.Label.FontExtents().Descent)
	p.Legend.TextStyle = opt.style(p.Legend.TextStyle, legendSize, pal.ink)
	return p
}

// chartTitle composes "<video> — <what>", shortening the video title with
// an ellipsis so that the whole title fits in maxWidth.
func chartTitle(opt ChartOptions, sty text.Style, video, what string, maxWidth vg.Length) string {
	video = strings.TrimSpace(opt.typo(video))
	what = opt.typo(what)
	if video == "" {
		return what
	}
	sep := opt.typo(" — ")
	full := video + sep + what
	if sty.Width(full) <= maxWidth {
		return full
	}
	runes := []rune(video)
	ell := opt.ellipsis()
	for n := len(runes) - 1; n > 0; n-- {
		t := strings.TrimSpace(string(runes[:n])) + ell + sep + what
		if sty.Width(t) <= maxWidth {
			return t
		}
	}
	return what
}

// fitLabel shortens s to at most maxRunes runes, ending in an ellipsis.
func fitLabel(opt ChartOptions, s string, maxRunes int) string {
	s = strings.TrimSpace(opt.typo(s))
	r := []rune(s)
	if len(r) <= maxRunes {
		return s
	}
	return string(r[:maxRunes-1]) + opt.ellipsis()
}

// gridFor returns background grid lines in the palette colour; vertical
// and horizontal lines can be turned off.
func gridFor(vertical, horizontal bool) plot.Plotter {
	pal := palette()
	g := plotter.NewGrid()
	g.Vertical.Color = pal.grid
	g.Horizontal.Color = pal.grid
	g.Vertical.Width = vg.Points(0.7)
	g.Horizontal.Width = vg.Points(0.7)
	if !vertical {
		g.Vertical.Color = nil
	}
	if !horizontal {
		g.Horizontal.Color = nil
	}
	return g
}

// pxLength converts pixels at chartDPI to a vg.Length.
func pxLength(px int) vg.Length {
	return vg.Length(px) * vg.Inch / chartDPI
}

// cropMargin returns c with chartMargin of blank space on every side.
func cropMargin(c draw.Canvas) draw.Canvas {
	return draw.Crop(c, chartMargin, -chartMargin, chartMargin, -chartMargin)
}

// timeAxis titles a chart over video time (title names the video, what the
// chart) and gives it the video-time axis: labelled, ticked m:ss or
// h:mm:ss, from 0 to the end of the video. A chart drawn on bins may say
// their width in the label afterwards.
func timeAxis(p *plot.Plot, opt ChartOptions, title, what string, c stats.Curves) {
	p.Title.Text = chartTitle(opt, p.Title.TextStyle, title, what, chartTextWidth(timeChartW))
	p.X.Label.Text = "video time"
	p.X.Tick.Marker = VideoTimeTicker{}
	p.X.Min, p.X.Max = 0, videoEndSec(c)
}
