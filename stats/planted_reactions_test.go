package stats_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/danmakuscope/danmakuscope/fetch/synth"
	"github.com/danmakuscope/danmakuscope/nlp"
	"github.com/danmakuscope/danmakuscope/stats"
)

// The model is both the TermInfo and the general background of keyness.
var (
	_ stats.TermInfo   = (*nlp.Model)(nil)
	_ stats.Background = (*nlp.Model)(nil)
)

// highlightTolerance is how far a detected peak may lie outside a planted
// burst's window and still find it.
const highlightTolerance = 10_000

// familyVideo is one generated video of the planted-truth family.
type familyVideo struct {
	cfg synth.Config
	r   stats.Reactions
}

// family generates and analyses a family of videos of different lengths
// (4 minutes to 2 hours), rates (0.2 to 4 danmaku per second, the range of
// real Bilibili videos and live recordings; at least 1.5 for videos of
// 10 minutes or less, whose planted bursts last only a 30th of the video),
// background noise (rate drifting by ±10% to ±50%) and burst strengths
// (60% to 140% of the default 4% of the danmaku each), with opt. So that
// every planted event is a visible one, a burst has at least 30 danmaku, a
// ritual at least 30, a flood at least 20, and the bursting term at least
// about 20 occurrences.
func family(t *testing.T, opt stats.ReactionOptions) []familyVideo {
	t.Helper()
	lengths := []float64{4, 6, 10, 15, 25, 40, 60, 90, 120, 8, 20, 45}
	var out []familyVideo
	for i, minutes := range lengths {
		seed := uint64(100 + i)
		rng := rand.New(rand.NewPCG(seed, 7))
		lo := 0.2
		if minutes <= 10 {
			lo = 1.5
		}
		perSec := lo + rng.Float64()*(4-lo)
		n := int(minutes * 60 * perSec)
		cfg := synth.Default(seed, int64(minutes*60_000), n)
		cfg.Drift = 0.1 + 0.4*rng.Float64()
		strength := 0.6 + 0.8*rng.Float64()
		for j := range cfg.Bursts {
			cfg.Bursts[j].Count = max(30, int(float64(cfg.Bursts[j].Count)*strength))
		}
		for j := range cfg.Rituals {
			cfg.Rituals[j].Count = max(30, cfg.Rituals[j].Count)
		}
		rate := float64(cfg.Background) / float64(cfg.DurationMs)
		for j := range cfg.Floods {
			cfg.Floods[j].Count = max(20, cfg.Floods[j].Count)
		}
		for j := range cfg.TermBursts {
			tb := &cfg.TermBursts[j]
			if bg := rate * float64(tb.LenMs); bg*tb.Share < 20 {
				tb.Share = min(1, 20/bg)
				tb.LenMs = max(tb.LenMs, min(int64(20/rate), cfg.DurationMs/10))
			}
		}
		acc := analyse(t, cfg, stats.Options{Reactions: opt})
		out = append(out, familyVideo{cfg: cfg, r: acc.Reactions(acc.Curves(cfg.DurationMs))})
	}
	return out
}

// matches reports whether a highlight finds a planted burst.
func matches(h stats.Highlight, b synth.Burst) bool {
	return h.PeakMs >= b.AtMs-highlightTolerance && h.PeakMs <= b.AtMs+b.LenMs+highlightTolerance
}

// near reports whether a highlight overlaps [at, at+length) widened by the
// tolerance.
func near(h stats.Highlight, at, length int64) bool {
	return h.StartMs < at+length+highlightTolerance && h.EndMs > at-highlightTolerance
}

// Highlights are found against planted truth: recall and precision of at
// least 0.9 over the family, no highlight from a flooding user or from the
// ritual bursts at the start and end, the lag-corrected start where the
// options put it, and every planted term burst found at its time.
func TestPlantedHighlights(t *testing.T) {
	opt := stats.DefaultReactionOptions()
	var planted, found, reported, correct int
	for _, v := range family(t, opt) {
		cfg, name := v.cfg, fmt.Sprintf("seed %d (%d min, %d danmaku)", v.cfg.Seed, v.cfg.DurationMs/60_000, v.cfg.Background)
		for _, b := range cfg.Bursts {
			planted++
			for _, h := range v.r.Highlights {
				if matches(h, b) {
					found++
					break
				}
			}
		}
		for _, h := range v.r.Highlights {
			reported++
			ok := false
			for _, b := range cfg.Bursts {
				ok = ok || matches(h, b)
			}
			if ok {
				correct++
			} else {
				t.Logf("%s: highlight %d–%d ms (peak %d, z %.1f) matches no planted burst", name, h.StartMs, h.EndMs, h.PeakMs, h.Z)
			}
			for _, f := range cfg.Floods {
				if near(h, f.AtMs, f.LenMs) {
					t.Errorf("%s: highlight %d–%d ms comes from the flooding user at %d ms", name, h.StartMs, h.EndMs, f.AtMs)
				}
			}
			for _, r := range cfg.Rituals {
				if h.Ritual || near(h, r.AtMs, r.LenMs) {
					t.Errorf("%s: highlight %d–%d ms reported for the ritual burst at %d ms", name, h.StartMs, h.EndMs, r.AtMs)
				}
			}
			if h.LaggedStartMs != max(0, h.StartMs-opt.LagMs) {
				t.Errorf("%s: lagged start %d for start %d, want %d ms earlier", name, h.LaggedStartMs, h.StartMs, opt.LagMs)
			}
		}
		if v.r.Rituals > len(cfg.Rituals) {
			t.Errorf("%s: %d ritual bursts recognised, but only %d were planted", name, v.r.Rituals, len(cfg.Rituals))
		}
		for _, tb := range cfg.TermBursts {
			hit, elsewhere := false, false
			for _, b := range v.r.Bursts {
				if b.Term != tb.Term {
					continue
				}
				if b.StartMs < tb.AtMs+tb.LenMs && b.EndMs > tb.AtMs {
					hit = true
				} else {
					elsewhere = true
				}
			}
			if !hit || elsewhere {
				t.Errorf("%s: term %q planted to burst at %d–%d ms: found there %v, elsewhere %v; bursts %+v",
					name, tb.Term, tb.AtMs, tb.AtMs+tb.LenMs, hit, elsewhere, v.r.Bursts)
			}
		}
	}
	recall, precision := float64(found)/float64(planted), float64(correct)/float64(reported)
	t.Logf("recall %.3f (%d of %d planted bursts), precision %.3f (%d of %d highlights)", recall, found, planted, precision, correct, reported)
	if recall < 0.9 || precision < 0.9 {
		t.Errorf("recall %.3f, precision %.3f; want both at least 0.9", recall, precision)
	}
}

// The traps are real: without flood control the flooding user makes a
// highlight, and asked for, the ritual bursts are reported and marked
// (except where a short, busy video drowns them). This is what makes
// TestPlantedHighlights' "no highlight from them" mean something.
func TestPlantedTrapsWithoutDefences(t *testing.T) {
	opt := stats.DefaultReactionOptions()
	opt.FloodThreshold = 0
	opt.IncludeRituals = true
	opt.MaxHighlights = 20
	floods, rituals := 0, 0
	videos := family(t, opt)
	for _, v := range videos {
		for _, f := range v.cfg.Floods {
			for _, h := range v.r.Highlights {
				if near(h, f.AtMs, f.LenMs) {
					floods++
					break
				}
			}
		}
		for _, r := range v.cfg.Rituals {
			for _, h := range v.r.Highlights {
				if !near(h, r.AtMs, r.LenMs) {
					continue
				}
				if !h.Ritual {
					t.Errorf("seed %d: highlight %d–%d ms on the ritual burst at %d ms is not marked as a ritual", v.cfg.Seed, h.StartMs, h.EndMs, r.AtMs)
				}
				rituals++
				break
			}
		}
		for _, h := range v.r.Highlights {
			if h.Ritual && !near(h, 0, v.cfg.Rituals[0].LenMs) && !near(h, v.cfg.Rituals[1].AtMs, v.cfg.Rituals[1].LenMs) {
				t.Errorf("seed %d: highlight %d–%d ms marked as a ritual, but no ritual was planted there", v.cfg.Seed, h.StartMs, h.EndMs)
			}
		}
	}
	t.Logf("without defences: the flood makes a highlight in %d of %d videos; %d of %d rituals reported as rituals",
		floods, len(videos), rituals, 2*len(videos))
	if floods < len(videos)*9/10 {
		t.Errorf("without flood control the flooding user makes a highlight in %d of %d videos, want nearly all", floods, len(videos))
	}
	if rituals < 2*len(videos)*3/4 {
		t.Errorf("%d of %d ritual bursts reported as rituals when asked, want at least three quarters", rituals, 2*len(videos))
	}
}

// The emotion of each planted burst is its highlight's dominant emotion.
func TestPlantedBurstEmotions(t *testing.T) {
	checked := 0
	for _, v := range family(t, stats.DefaultReactionOptions()) {
		if !v.r.Emotions.Known {
			t.Fatalf("seed %d: the annotated danmaku carry emotions but the mix is unknown", v.cfg.Seed)
		}
		for _, b := range v.cfg.Bursts {
			if b.Emotion == "" {
				continue
			}
			for _, h := range v.r.Highlights {
				if matches(h, b) {
					checked++
					if h.Emotion != b.Emotion {
						t.Errorf("seed %d: %s burst at %d ms: highlight emotion %q, want %q", v.cfg.Seed, b.Mood, b.AtMs, h.Emotion, b.Emotion)
					}
					break
				}
			}
		}
	}
	if checked < 30 {
		t.Errorf("checked the emotion of %d bursts, want at least 30", checked)
	}
}
