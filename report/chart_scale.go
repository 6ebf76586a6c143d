package report

import (
	"image/color"
	"strconv"
)

// maxScaleClasses is the most colour classes a heatmap gets.
const maxScaleClasses = 7

// countScale is the colour scale of a heatmap of counts: classes with nice
// lower bounds (1, 2, 5, 10, 20, 50… or coarser sequences for large
// counts), each a shade of the palette's ramp, darker for more.
type countScale struct {
	bounds []int64 // lower bound of each class, ascending; bounds[0] is 1
	colors []color.Color
}

// newCountScale returns the scale for counts up to top: the finest of the
// sequences 1-2-5, 1-3-10 and 1-10-100 that needs at most maxScaleClasses
// classes. The classes' colours are spread over the whole ramp.
func newCountScale(top int64) countScale {
	top = max(top, 1)
	var bounds []int64
	for _, mults := range [][]int64{{1, 2, 5}, {1, 3}, {1}} {
		bounds = bounds[:0]
		for pow := int64(1); len(bounds) <= maxScaleClasses; pow *= 10 {
			for _, m := range mults {
				if b := m * pow; b <= top {
					bounds = append(bounds, b)
				}
			}
			if pow > top/10 {
				break
			}
		}
		if len(bounds) <= maxScaleClasses {
			break
		}
	}
	ramp := palette().ramp
	s := countScale{bounds: bounds}
	for i := range bounds {
		j := len(ramp) - 1
		if len(bounds) > 1 {
			j = i * (len(ramp) - 1) / (len(bounds) - 1)
		}
		s.colors = append(s.colors, ramp[j])
	}
	return s
}

// class returns the class of n, or -1 for n < 1.
func (s countScale) class(n int64) int {
	c := -1
	for i, b := range s.bounds {
		if n >= b {
			c = i
		}
	}
	return c
}

// color returns the colour of n; nil for n < 1.
func (s countScale) color(n int64) color.Color {
	if c := s.class(n); c >= 0 {
		return s.colors[c]
	}
	return nil
}

// label names class i: "1", "2–4", "≥ 50".
func (s countScale) label(i int) string {
	lo := s.bounds[i]
	if i == len(s.bounds)-1 {
		if i == 0 {
			return strconv.FormatInt(lo, 10)
		}
		return "≥ " + strconv.FormatInt(lo, 10)
	}
	hi := s.bounds[i+1] - 1
	if hi == lo {
		return strconv.FormatInt(lo, 10)
	}
	return strconv.FormatInt(lo, 10) + "–" + strconv.FormatInt(hi, 10)
}

// addTo adds the scale to a legend: a heading, then one swatch per class.
func (s countScale) addTo(l *chartLegend, opt ChartOptions, heading string) {
	l.add(heading, nil)
	for i, c := range s.colors {
		l.add(opt.typo(s.label(i)), fillThumb{c})
	}
}

// inkOn returns the text colour readable on background c: white on the
// dark half of the ramp, the chart ink otherwise.
func inkOn(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	// Relative luminance, roughly (sRGB weights on the gamma values).
	if 0.2126*float64(r>>8)+0.7152*float64(g>>8)+0.0722*float64(b>>8) < 140 {
		return color.White
	}
	return palette().ink
}
