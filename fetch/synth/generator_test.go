package synth

import (
	"math"
	"strings"
	"testing"
)

func collect(t *testing.T, cfg Config) []struct {
	at   int64
	text string
	dmid int64
	user string
} {
	t.Helper()
	var out []struct {
		at   int64
		text string
		dmid int64
		user string
	}
	g, err := NewGenerator(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for d, ok := g.Next(); ok; d, ok = g.Next() {
		out = append(out, struct {
			at   int64
			text string
			dmid int64
			user string
		}{d.ProgressMs, d.Text, d.Dmid, d.UserHash})
	}
	return out
}

func TestDeterministic(t *testing.T) {
	cfg := Default(42, 10*60_000, 3000)
	a, b := collect(t, cfg), collect(t, cfg)
	if len(a) != len(b) {
		t.Fatalf("two runs gave %d and %d danmaku", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("run differs at %d: %+v vs %+v", i, a[i], b[i])
		}
	}
	c := collect(t, Default(43, 10*60_000, 3000))
	same := len(a) == len(c)
	for i := 0; same && i < len(a); i++ {
		same = a[i] == c[i]
	}
	if same {
		t.Error("seeds 42 and 43 gave the same video")
	}
}

func TestShape(t *testing.T) {
	cfg := Default(7, 20*60_000, 20_000)
	ds := collect(t, cfg)
	// The count is Poisson around the configured total.
	want := float64(cfg.Background + 3*cfg.Bursts[0].Count)
	if got := float64(len(ds)); math.Abs(got-want) > 4*math.Sqrt(want) {
		t.Errorf("%v danmaku, want about %v", got, want)
	}
	texts := map[string]int{}
	users := map[string]int{}
	for i, d := range ds {
		if i > 0 && d.at < ds[i-1].at {
			t.Fatalf("progress goes back at %d: %d after %d", i, d.at, ds[i-1].at)
		}
		if i > 0 && d.dmid <= ds[i-1].dmid {
			t.Fatalf("dmid not increasing at %d", i)
		}
		if d.dmid <= 1<<53 {
			t.Fatalf("dmid %d not above 2^53", d.dmid)
		}
		if d.at < 0 || d.at >= cfg.DurationMs {
			t.Fatalf("progress %d outside the video", d.at)
		}
		texts[d.text]++
		users[d.user]++
	}
	// Heavy tails: the most frequent text and the most active user stand out.
	top, topUser := 0, 0
	for _, n := range texts {
		top = max(top, n)
	}
	for _, n := range users {
		topUser = max(topUser, n)
	}
	if top < len(ds)/50 || len(texts) < 100 {
		t.Errorf("most frequent text %d times among %d distinct: want a heavy tail", top, len(texts))
	}
	if topUser < 10*len(ds)/len(users) {
		t.Errorf("most active user sent %d of %d from %d users: want a heavy tail", topUser, len(ds), len(users))
	}
	// Each burst window holds far more than its share of background.
	for _, b := range cfg.Bursts {
		n := 0
		for _, d := range ds {
			if d.at >= b.AtMs && d.at < b.AtMs+b.LenMs {
				n++
			}
		}
		bg := float64(cfg.Background) * float64(b.LenMs) / float64(cfg.DurationMs)
		if float64(n) < bg+0.9*float64(b.Count) {
			t.Errorf("burst at %d ms holds %d danmaku, want about %v + %d", b.AtMs, n, bg, b.Count)
		}
	}
}

func TestValidate(t *testing.T) {
	good := Default(1, 60_000, 100)
	tests := []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"no duration", func(c *Config) { c.DurationMs = 0 }, "duration"},
		{"burst past end", func(c *Config) { c.Bursts[0].AtMs = 59_000 }, "burst"},
		{"bad share", func(c *Config) { c.Passages[0].Share = 2 }, "passage"},
		{"negative background", func(c *Config) { c.Background = -1 }, "negative"},
	}
	for _, tt := range tests {
		c := good
		c.Bursts = append([]Burst(nil), good.Bursts...)
		c.Passages = append([]Passage(nil), good.Passages...)
		tt.edit(&c)
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one mentioning %q", tt.name, err, tt.want)
		}
	}
	if err := good.Validate(); err != nil {
		t.Errorf("default config invalid: %v", err)
	}
}
