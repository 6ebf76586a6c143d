package report

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/danmakuscope/danmakuscope/nlp"
	"github.com/danmakuscope/danmakuscope/stats"
)

// minEmotionBinCount is the fewest danmaku a time bin needs for the emotion
// chart to draw its shares: below it one danmaku moves a share by 10
// points or more, and the bin is shaded grey instead.
const minEmotionBinCount = 10

// emotionStack is the order in which the emotions are stacked, bottom
// first: the positive feelings, then surprise, then the negative ones.
func emotionStack() []nlp.Emotion {
	return []nlp.Emotion{nlp.Joy, nlp.Like, nlp.Surprise, nlp.Sorrow, nlp.Fear, nlp.Disgust, nlp.Anger}
}

// emotionChinese is the emotion's name in the DUTIR ontology: 乐, 好, 哀,
// 怒, 惧, 恶, 惊; "无" for none.
func emotionChinese(e nlp.Emotion) string {
	switch e {
	case nlp.Joy:
		return "乐"
	case nlp.Like:
		return "好"
	case nlp.Sorrow:
		return "哀"
	case nlp.Anger:
		return "怒"
	case nlp.Fear:
		return "惧"
	case nlp.Disgust:
		return "恶"
	case nlp.Surprise:
		return "惊"
	}
	return "无"
}

// emotionBin is one column of the emotion chart: a time bin and the share
// of its danmaku whose dominant emotion is each, in percent, indexed by
// nlp.Emotion; Sparse when it holds fewer than minEmotionBinCount danmaku.
type emotionBin struct {
	timeBin
	Percent [nlp.NumEmotions + 1]float64
	Sparse  bool
}

// emotionBins merges the buckets of c into time bins and computes each
// bin's emotion shares from the buckets' emotion counts.
func emotionBins(c stats.Curves) []emotionBin {
	bins := timeBins(c)
	out := make([]emotionBin, len(bins))
	for i, tb := range bins {
		eb := emotionBin{timeBin: tb, Sparse: tb.Count < minEmotionBinCount}
		if !eb.Sparse {
			var counts [nlp.NumEmotions + 1]int64
			for _, b := range c.Buckets[tb.First : tb.Last+1] {
				for e, n := range b.EmotionCounts {
					counts[e] += max(n, 0)
				}
			}
			for e, n := range counts {
				eb.Percent[e] = 100 * float64(n) / float64(tb.Count)
			}
		}
		out[i] = eb
	}
	return out
}

// EmotionChart writes to path a PNG of the emotions over video time: for
// each time bin (consecutive buckets merged until a bin holds about 25
// danmaku, at most 60 bins), the percentage of its danmaku whose dominant
// emotion is each of the seven, stacked in one colour per emotion with a
// legend naming them in Chinese and English. Danmaku without an emotion
// ("none", usually most of them) are deliberately not drawn, so that the
// seven get the height of the chart; the legend gives their overall share
// and the y axis ends at the highest stack. Bins of fewer than 10 danmaku
// are shaded grey. title names the video and may be Chinese.
func EmotionChart(path, title string, c stats.Curves, opt ChartOptions) error {
	pal := palette()
	p := newChart(opt, "")
	timeAxis(p, opt, title, "emotions over time", c)
	p.Y.Label.Text = "% of the danmaku in each bin"
	p.Y.Min = 0
	p.Y.Tick.Marker = niceTicks{}
	p.Add(gridFor(true, true))
	legend := newLegend(opt)

	bins := emotionBins(c)
	top, drawn := 0.0, 0
	var none share
	for _, b := range bins {
		if b.Sparse {
			continue
		}
		drawn++
		sum := 0.0
		for _, e := range emotionStack() {
			sum += b.Percent[e]
		}
		top = math.Max(top, sum)
	}
	for _, b := range c.Buckets {
		none.add(b.EmotionCounts[nlp.NoEmotion], b.Count)
	}
	if drawn == 0 {
		p.Y.Max = 10
		note := noDanmakuNote
		if hasDanmaku(c.Buckets) {
			note = fmt.Sprintf("too few danmaku to draw: every bin holds fewer than %d", minEmotionBinCount)
		}
		p.Add(newNote(opt, note))
		return writeChart(path, p, legend, timeChartW, timeChartH)
	}
	if top == 0 {
		p.Add(newNote(opt, "no danmaku carries an emotion"))
	}
	p.Add(emotionColumns{bins: bins, colors: pal.emotions, sparse: pal.sparse})
	for _, e := range emotionStack() {
		legend.add(emotionChinese(e)+" "+e.String(), fillThumb{pal.emotions[e]})
	}
	if none.n > 0 {
		legend.add(fmt.Sprintf("%s %s: %s, not drawn", emotionChinese(nlp.NoEmotion), nlp.NoEmotion, none.percent()), nil)
	}
	if drawn < len(bins) {
		legend.add(fmt.Sprintf("fewer than %d danmaku", minEmotionBinCount), fillThumb{pal.sparse})
	}
	p.X.Label.Text = "video time (" + formatBucketWidth(bins[0].EndMs-bins[0].StartMs) + " bins)"
	p.Y.Max = math.Min(100, niceTicks{}.niceCeil(math.Max(top, 1)*1.04))
	return writeChart(path, p, legend, timeChartW, timeChartH)
}

// share accumulates a part of a total.
type share struct{ part, n int64 }

// add adds a part of n.
func (s *share) add(part, n int64) {
	s.part += max(part, 0)
	s.n += max(n, 0)
}

// percent formats the share as a whole percentage.
func (s share) percent() string {
	if s.n == 0 {
		return "–"
	}
	return strconv.FormatFloat(100*float64(s.part)/float64(s.n), 'f', 0, 64) + "%"
}

// emotionColumns is a plotter that draws each bin as a column of stacked
// emotion shares, or a grey column of the full height for a sparse bin.
type emotionColumns struct {
	bins   []emotionBin
	colors [nlp.NumEmotions + 1]color.Color
	sparse color.Color
}

var _ plot.Plotter = emotionColumns{}

// Plot implements plot.Plotter.
func (ec emotionColumns) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	for _, b := range ec.bins {
		x0, x1 := trX(msToSec(b.StartMs))+columnGap/2, trX(msToSec(b.EndMs))-columnGap/2
		x0, x1 = max(x0, c.Min.X), min(x1, c.Max.X)
		if x1 <= x0 {
			continue
		}
		if b.Sparse {
			c.FillPolygon(ec.sparse, rect(x0, c.Min.Y, x1, c.Max.Y))
			continue
		}
		y := 0.0
		for _, e := range emotionStack() {
			h := b.Percent[e]
			if !(h > 0) {
				continue
			}
			y0, y1 := trY(y), trY(math.Min(y+h, plt.Y.Max))
			y += h
			if y1 > y0 {
				c.FillPolygon(ec.colors[e], rect(x0, y0, x1, y1))
			}
		}
	}
}

// columnGap is the white space between two columns of a time chart.
const columnGap = vg.Length(0.75)

// rect is the polygon of an axis-aligned rectangle.
func rect(x0, y0, x1, y1 vg.Length) []vg.Point {
	return []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
}
