package report

import (
	"image/color"
	"slices"
	"testing"
)

func TestCountScale(t *testing.T) {
	tests := []struct {
		top    int64
		labels []string
	}{
		{0, []string{"1"}},
		{1, []string{"1"}},
		{4, []string{"1", "≥ 2"}},
		{9, []string{"1", "2–4", "≥ 5"}},
		{87, []string{"1", "2–4", "5–9", "10–19", "20–49", "≥ 50"}},
		{100, []string{"1", "2–4", "5–9", "10–19", "20–49", "50–99", "≥ 100"}},
		{250, []string{"1–2", "3–9", "10–29", "30–99", "≥ 100"}},
		{5000, []string{"1–9", "10–99", "100–999", "≥ 1000"}},
	}
	for _, tt := range tests {
		s := newCountScale(tt.top)
		var labels []string
		for i := range s.bounds {
			labels = append(labels, s.label(i))
		}
		if !slices.Equal(labels, tt.labels) {
			t.Errorf("newCountScale(%d) classes %q, want %q", tt.top, labels, tt.labels)
		}
		if len(s.colors) != len(s.bounds) || len(s.bounds) > maxScaleClasses {
			t.Errorf("newCountScale(%d): %d colours for %d classes", tt.top, len(s.colors), len(s.bounds))
		}
		// Darker for more: the last class is the ramp's darkest.
		if ramp := palette().ramp; s.colors[len(s.colors)-1] != ramp[len(ramp)-1] {
			t.Errorf("newCountScale(%d): the top class is not the darkest colour", tt.top)
		}
	}
	s := newCountScale(87)
	for _, tt := range []struct {
		n    int64
		want int
	}{{-3, -1}, {0, -1}, {1, 0}, {4, 1}, {5, 2}, {49, 4}, {50, 5}, {1e6, 5}} {
		if got := s.class(tt.n); got != tt.want {
			t.Errorf("class(%d) = %d, want %d", tt.n, got, tt.want)
		}
	}
	if s.color(0) != nil {
		t.Error("a count of 0 has a colour; it should leave the cell empty")
	}
}

func TestInkOn(t *testing.T) {
	ramp := palette().ramp
	if inkOn(ramp[0]) == color.White || inkOn(ramp[len(ramp)-1]) != color.White {
		t.Error("text should be dark on the lightest shade and white on the darkest")
	}
}
