package synth

import (
	"fmt"
	"hash/crc32"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// Burst is a planted burst: Count extra danmaku in [AtMs, AtMs+LenMs),
// rising to a peak in the middle, most of them in one mood.
type Burst struct {
	AtMs  int64 `json:"at_ms"`
	LenMs int64 `json:"len_ms"`
	Count int   `json:"count"`
	Mood  Mood  `json:"mood"`
}

// Passage is a stretch of the video where a Share of the background takes
// one mood (the rest stays neutral chatter).
type Passage struct {
	StartMs int64   `json:"start_ms"`
	EndMs   int64   `json:"end_ms"`
	Mood    Mood    `json:"mood"`
	Share   float64 `json:"share"`
}

// Config describes one synthetic video. Generate is a pure function of it.
type Config struct {
	Seed       uint64 `json:"seed"`
	Cid        int64  `json:"cid"` // the video is "bilibili:cid:<Cid>"
	DurationMs int64  `json:"duration_ms"`
	// Background is the expected number of background danmaku; the rate
	// drifts slowly (±30%) over the video.
	Background int       `json:"background"`
	Bursts     []Burst   `json:"bursts"`
	Passages   []Passage `json:"passages"`
	// Users is the number of distinct senders; a few of them are very active.
	Users int `json:"users"`
	// Published is the earliest send time; sends spread over days after it.
	Published time.Time `json:"published"`
}

// backgroundMix is the mood mix of background chatter outside passages.
var backgroundMix = []struct {
	mood  Mood
	share float64
}{{Neutral, 0.55}, {Positive, 0.22}, {Laugh, 0.13}, {Negative, 0.06}, {Hype, 0.04}}

// Default returns a video of the given length with about n danmaku: three
// bursts (laughter at 25%, praise at 55%, hype at 80% of the length, each
// with 4% of n in 20 s, or a 30th of the length if shorter) and a negative passage from 38% to 46%, jittered by
// the seed.
func Default(seed uint64, durationMs int64, n int) Config {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	jitter := func(frac float64) int64 {
		return int64((frac + (rng.Float64()-0.5)*0.04) * float64(durationMs))
	}
	burst := int(0.04 * float64(n))
	blen := min(20_000, max(1_000, durationMs/30))
	cfg := Config{
		Seed:       seed,
		Cid:        int64(10_000_000 + seed%1_000_000),
		DurationMs: durationMs,
		Background: n - 3*burst,
		Bursts: []Burst{
			{AtMs: jitter(0.25), LenMs: blen, Count: burst, Mood: Laugh},
			{AtMs: jitter(0.55), LenMs: blen, Count: burst, Mood: Positive},
			{AtMs: jitter(0.80), LenMs: blen, Count: burst, Mood: Hype},
		},
		Passages:  []Passage{{StartMs: jitter(0.38), EndMs: 0, Mood: Negative, Share: 0.7}},
		Users:     max(50, n/8),
		Published: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC),
	}
	cfg.Passages[0].EndMs = cfg.Passages[0].StartMs + int64(0.08*float64(durationMs))
	return cfg
}

// Validate reports a configuration that cannot be generated.
func (c Config) Validate() error {
	if c.DurationMs <= 0 {
		return fmt.Errorf("synth: duration %d ms, want > 0", c.DurationMs)
	}
	if c.Background < 0 || c.Users < 0 {
		return fmt.Errorf("synth: negative background (%d) or users (%d)", c.Background, c.Users)
	}
	for _, b := range c.Bursts {
		if b.AtMs < 0 || b.LenMs <= 0 || b.AtMs+b.LenMs > c.DurationMs || b.Count < 0 {
			return fmt.Errorf("synth: burst %+v outside the %d ms video", b, c.DurationMs)
		}
	}
	for _, p := range c.Passages {
		if p.StartMs < 0 || p.EndMs <= p.StartMs || p.EndMs > c.DurationMs || p.Share < 0 || p.Share > 1 {
			return fmt.Errorf("synth: passage %+v outside the %d ms video or share not in [0,1]", p, c.DurationMs)
		}
	}
	return nil
}

// VideoKey returns the video_key of the generated danmaku.
func (c Config) VideoKey() string { return "bilibili:cid:" + strconv.FormatInt(c.Cid, 10) }

// Generator yields a video's danmaku in order of progress. It keeps only the
// planted bursts' event times in memory, not the background.
type Generator struct {
	cfg     Config
	rng     *rand.Rand
	zipfs   map[Mood]*rand.Zipf
	users   *rand.Zipf
	rate    float64 // background events per ms at the peak of the drift
	phase   float64
	next    float64 // next background candidate time, ms
	burstAt []burstEvent
	bi      int
	dmid    int64
	d       fetch.Danmaku
}

type burstEvent struct {
	at   int64
	mood Mood
}

// NewGenerator validates cfg and returns a generator positioned at the start.
func NewGenerator(cfg Config) (*Generator, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Users == 0 {
		cfg.Users = 1
	}
	if cfg.Published.IsZero() {
		cfg.Published = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	}
	g := &Generator{cfg: cfg, rng: rand.New(rand.NewPCG(cfg.Seed, 0xda37a)), zipfs: map[Mood]*rand.Zipf{}}
	for _, m := range []Mood{Neutral, Positive, Laugh, Negative, Hype} {
		g.zipfs[m] = rand.NewZipf(g.rng, 1.3, 2, uint64(len(pools[m])-1))
	}
	g.users = rand.NewZipf(g.rng, 1.2, 8, uint64(cfg.Users-1))
	g.rate = 1.3 * float64(cfg.Background) / float64(cfg.DurationMs)
	g.phase = g.rng.Float64() * 2 * math.Pi
	g.dmid = 1_163_933_565_554_070_784 + g.rng.Int64N(1<<30)
	for _, b := range cfg.Bursts {
		for i := 0; i < b.Count; i++ {
			// Triangular: rises to the middle of the window, then falls.
			u := (g.rng.Float64() + g.rng.Float64()) / 2
			mood := b.Mood
			if g.rng.Float64() > 0.85 {
				mood = g.backgroundMood()
			}
			g.burstAt = append(g.burstAt, burstEvent{at: b.AtMs + int64(u*float64(b.LenMs)), mood: mood})
		}
	}
	slices.SortStableFunc(g.burstAt, func(a, b burstEvent) int { return int(a.at - b.at) })
	g.advance()
	return g, nil
}

// advance moves g.next to the next accepted background event (thinning of
// an inhomogeneous Poisson process), or past the end.
func (g *Generator) advance() {
	if g.rate == 0 {
		g.next = math.Inf(1)
		return
	}
	for {
		g.next += g.rng.ExpFloat64() / g.rate
		if g.next >= float64(g.cfg.DurationMs) {
			return
		}
		period := float64(g.cfg.DurationMs) / 3
		lambda := 1 + 0.3*math.Sin(2*math.Pi*g.next/period+g.phase)
		if g.rng.Float64()*1.3 < lambda {
			return
		}
	}
}

func (g *Generator) backgroundMood() Mood {
	u := g.rng.Float64()
	for _, m := range backgroundMix {
		if u < m.share {
			return m.mood
		}
		u -= m.share
	}
	return Neutral
}

// Next returns the next danmaku, or false after the last. The returned value
// is reused by the following call.
func (g *Generator) Next() (*fetch.Danmaku, bool) {
	var at int64
	var mood Mood
	bgDone := g.next >= float64(g.cfg.DurationMs)
	switch {
	case g.bi < len(g.burstAt) && (bgDone || float64(g.burstAt[g.bi].at) <= g.next):
		at, mood = g.burstAt[g.bi].at, g.burstAt[g.bi].mood
		g.bi++
	case !bgDone:
		at = int64(g.next)
		mood = g.backgroundMood()
		for _, p := range g.cfg.Passages {
			if at >= p.StartMs && at < p.EndMs {
				mood = Neutral
				if g.rng.Float64() < p.Share {
					mood = p.Mood
				}
			}
		}
		g.advance()
	default:
		return nil, false
	}
	g.fill(at, mood)
	return &g.d, true
}

// fill sets g.d to a danmaku at progress at with a phrase of the mood.
func (g *Generator) fill(at int64, mood Mood) {
	pool := pools[mood]
	text := pool[g.zipfs[mood].Uint64()]
	if fw, ok := fullWidth[text]; ok && g.rng.Float64() < 0.15 {
		text = fw
	}
	if g.rng.Float64() < 0.2 {
		text += decorations[g.rng.IntN(len(decorations))]
	}
	user := 10_000_000 + int64(g.users.Uint64())
	g.dmid += 1 + g.rng.Int64N(1<<20)
	mode := int8(1)
	switch u := g.rng.Float64(); {
	case u < 0.05:
		mode = 5
	case u < 0.08:
		mode = 4
	}
	fontsize := int16(25)
	if g.rng.Float64() < 0.05 {
		fontsize = 18
	}
	color := uint32(16777215)
	if g.rng.Float64() < 0.12 {
		color = palette[g.rng.IntN(len(palette))]
	}
	// Most danmaku are sent in the first days after publication.
	sent := g.cfg.Published.Unix() + int64(g.rng.ExpFloat64()*2*86400)
	g.d = fetch.Danmaku{
		VideoKey:   g.cfg.VideoKey(),
		Source:     "synth",
		Cid:        g.cfg.Cid,
		HasCid:     true,
		Dmid:       g.dmid,
		ProgressMs: at,
		SentAtMs:   sent * 1000,
		HasSentAt:  true,
		Mode:       mode,
		Fontsize:   fontsize,
		Color:      color,
		Weight:     int8(1 + g.rng.IntN(11)),
		HasWeight:  true,
		UserHash:   strconv.FormatUint(uint64(crc32.ChecksumIEEE([]byte(strconv.FormatInt(user, 10)))), 16),
		Text:       text,
	}
}

// palette is Bilibili's standard colour palette (decimal RGB888).
var palette = []uint32{16646914, 16740868, 16755202, 16765698, 16776960, 10546688, 52480, 104601, 4351678, 9022215, 13369971}

// Generate emits every danmaku of cfg in order of progress.
func Generate(cfg Config, emit func(*fetch.Danmaku) error) error {
	g, err := NewGenerator(cfg)
	if err != nil {
		return err
	}
	for d, ok := g.Next(); ok; d, ok = g.Next() {
		if err := emit(d); err != nil {
			return err
		}
	}
	return nil
}
