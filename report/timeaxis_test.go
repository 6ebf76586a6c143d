package report

import (
	"math"
	"slices"
	"testing"
)

func TestFormatVideoTime(t *testing.T) {
	tests := []struct {
		sec  float64
		want string
	}{
		{0, "0:00"},
		{0.4, "0:00"},
		{9, "0:09"},
		{59, "0:59"},
		{59.6, "1:00"},
		{61, "1:01"},
		{600, "10:00"},
		{3599, "59:59"},
		{3600, "1:00:00"},
		{3725, "1:02:05"},
		{36000 + 59*60 + 59, "10:59:59"},
		{-61, "-1:01"},
		{math.NaN(), "?"},
	}
	for _, tt := range tests {
		if got := FormatVideoTime(tt.sec); got != tt.want {
			t.Errorf("FormatVideoTime(%v) = %q, want %q", tt.sec, got, tt.want)
		}
	}
}

func TestVideoTimeStep(t *testing.T) {
	tests := []struct {
		name string
		span float64
		want float64
	}{
		{"empty", 0, 1},
		{"5 seconds", 5, 1},
		{"9 seconds", 9, 1},
		{"10 seconds", 10, 2},
		{"1 minute", 60, 10},
		{"90 seconds", 90, 10},
		{"3 minutes", 180, 30},
		{"5 minutes", 300, 60},
		{"10 minutes", 600, 120},
		{"20 minutes", 1200, 300},
		{"45 minutes", 2700, 300},
		{"1 hour", 3600, 600},
		{"2 hours", 7200, 900},
		{"3 hours", 3 * 3600, 1800},
		{"8 hours", 8 * 3600, 3600},
		{"24 hours", 24 * 3600, 3 * 3600},
		{"10 days", 240 * 3600, 2 * 86400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := videoTimeStep(tt.span); got != tt.want {
				t.Errorf("videoTimeStep(%v) = %v, want %v", tt.span, got, tt.want)
			}
		})
	}
}

func TestVideoTimeTickerTicks(t *testing.T) {
	tests := []struct {
		name     string
		min, max float64
		want     []string
	}{
		{"20 minutes", 0, 1200, []string{"0:00", "5:00", "10:00", "15:00", "20:00"}},
		{"odd start", 7, 61, []string{"0:10", "0:20", "0:30", "0:40", "0:50", "1:00"}},
		{"past an hour", 3000, 4500, []string{"50:00", "55:00", "1:00:00", "1:05:00", "1:10:00", "1:15:00"}},
		{"reversed range", 10, 0, nil},
		{"NaN", math.NaN(), 10, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tk := range (VideoTimeTicker{}).Ticks(tt.min, tt.max) {
				if tk.Value < tt.min || tk.Value > tt.max {
					t.Errorf("tick %v outside [%v, %v]", tk.Value, tt.min, tt.max)
				}
				got = append(got, tk.Label)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Ticks(%v, %v) labels = %q, want %q", tt.min, tt.max, got, tt.want)
			}
		})
	}
}

func TestVideoTimeTickerCount(t *testing.T) {
	// Every span from one second to three days gets 4–10 labelled ticks.
	for span := 1.0; span < 3*86400; span *= 1.07 {
		for _, start := range []float64{0, 37} {
			n := len(VideoTimeTicker{}.Ticks(start, start+span))
			lo := 4
			if span < 3 {
				lo = 1
			}
			if n < lo || n > maxVideoTimeTicks {
				t.Errorf("span %.1f s from %v: %d ticks, want %d…%d", span, start, n, lo, maxVideoTimeTicks)
			}
		}
	}
}
