package synth

import (
	"math"
	"slices"
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
	want := float64(cfg.Background + 3*cfg.Bursts[0].Count + 2*cfg.Rituals[0].Count + cfg.Floods[0].Count)
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

// Every planted event is where the truth says: rituals of ritual phrases
// at the start and end, one user flooding in its window, and the bursting
// term only in its window, where it replaces about Share of the background.
func TestPlantedEvents(t *testing.T) {
	cfg := Default(9, 12*60_000, 6000)
	ds := collect(t, cfg)
	in := func(at, start, length int64) bool { return at >= start && at < start+length }
	open, closing := cfg.Rituals[0], cfg.Rituals[1]
	if open.Closing || !closing.Closing || open.AtMs != 0 || closing.AtMs+closing.LenMs != cfg.DurationMs {
		t.Fatalf("rituals %+v, want an opening one at 0 and a closing one ending the video", cfg.Rituals)
	}
	f, tb := cfg.Floods[0], cfg.TermBursts[0]
	var ritualsIn [2]int
	var flooder, flooderOut, termIn, termOut, bgIn int
	for _, d := range ds {
		for i, r := range cfg.Rituals {
			if in(d.at, r.AtMs, r.LenMs) && slices.Contains(slices.Concat(openingRituals, closingRituals), d.text) {
				ritualsIn[i]++
			}
		}
		if d.user == f.UserHash {
			if in(d.at, f.AtMs, f.LenMs) {
				flooder++
			} else {
				flooderOut++
			}
		}
		switch {
		case strings.Contains(d.text, tb.Term) && in(d.at, tb.AtMs, tb.LenMs):
			termIn++
		case strings.Contains(d.text, tb.Term):
			termOut++
		case in(d.at, tb.AtMs, tb.LenMs):
			bgIn++
		}
	}
	for i, r := range cfg.Rituals {
		if ritualsIn[i] < r.Count {
			t.Errorf("ritual %+v: %d ritual phrases in its window, want at least %d", r, ritualsIn[i], r.Count)
		}
	}
	if flooder != f.Count || flooderOut != 0 {
		t.Errorf("flooding user sent %d danmaku in the window and %d outside, want %d and 0", flooder, flooderOut, f.Count)
	}
	if share := float64(termIn) / float64(termIn+bgIn); termOut != 0 || math.Abs(share-tb.Share) > 0.2 {
		t.Errorf("term %q: %d in its window (share %.2f of %d), %d outside; want share about %v and none outside",
			tb.Term, termIn, share, termIn+bgIn, termOut, tb.Share)
	}
	for _, b := range cfg.Bursts {
		if b.Emotion != b.Mood.Emotion() || b.Emotion == "" {
			t.Errorf("burst %+v: emotion %q, want the mood's (%q)", b, b.Emotion, b.Mood.Emotion())
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
		{"ritual past end", func(c *Config) { c.Rituals[1].AtMs = 59_500 }, "ritual"},
		{"flood without user", func(c *Config) { c.Floods[0].UserHash = "" }, "flood"},
		{"term burst without term", func(c *Config) { c.TermBursts[0].Term = "" }, "term burst"},
		{"drift too large", func(c *Config) { c.Drift = 1 }, "drift"},
	}
	for _, tt := range tests {
		c := good
		c.Bursts = append([]Burst(nil), good.Bursts...)
		c.Passages = append([]Passage(nil), good.Passages...)
		c.Rituals = append([]Ritual(nil), good.Rituals...)
		c.Floods = append([]Flood(nil), good.Floods...)
		c.TermBursts = append([]TermBurst(nil), good.TermBursts...)
		tt.edit(&c)
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one mentioning %q", tt.name, err, tt.want)
		}
	}
	if err := good.Validate(); err != nil {
		t.Errorf("default config invalid: %v", err)
	}
}
