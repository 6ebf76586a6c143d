package synth

import (
	"cmp"
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
	// Emotion is the emotion the burst's phrases express (Mood.Emotion):
	// the dominant emotion an analysis should find. It is recorded for the
	// truth file and does not change what is generated.
	Emotion string `json:"emotion,omitempty"`
}

// Ritual is a planted ritual burst: Count danmaku of ritual phrases in
// [AtMs, AtMs+LenMs). An opening ritual (打卡, 前排, 第一, 来了…) sits at the
// start of a video, a closing one (完结撒花, 下次一定, 三连了…) at its end.
// Rituals are dense but say nothing about the video: an analysis should
// recognise them and not report them as highlights.
type Ritual struct {
	AtMs    int64 `json:"at_ms"`
	LenMs   int64 `json:"len_ms"`
	Count   int   `json:"count"`
	Closing bool  `json:"closing"`
}

// Flood is one user sending Count danmaku of chatter spread evenly over
// [AtMs, AtMs+LenMs) of video time: dense, but one voice, not a reaction.
type Flood struct {
	AtMs  int64 `json:"at_ms"`
	LenMs int64 `json:"len_ms"`
	Count int   `json:"count"`
	// UserHash is the flooding user's user_hash, as it appears in the
	// generated danmaku.
	UserHash string `json:"user_hash"`
}

// TermBurst plants a term that bursts at a known time without changing the
// density: in [AtMs, AtMs+LenMs) a Share of the background danmaku say a
// phrase containing Term instead of their usual chatter. Term does not
// occur elsewhere in the video.
type TermBurst struct {
	Term  string  `json:"term"`
	AtMs  int64   `json:"at_ms"`
	LenMs int64   `json:"len_ms"`
	Share float64 `json:"share"`
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
	// drifts slowly over the video, by ±Drift (0.3 is ±30%), with a period
	// of a third of the video (at least five minutes).
	Background int         `json:"background"`
	Drift      float64     `json:"drift"`
	Bursts     []Burst     `json:"bursts"`
	Passages   []Passage   `json:"passages"`
	Rituals    []Ritual    `json:"rituals"`
	Floods     []Flood     `json:"floods"`
	TermBursts []TermBurst `json:"term_bursts"`
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

// Default returns a video of the given length with about n danmaku and
// every kind of planted truth, jittered by the seed:
//
//   - three bursts: laughter at 25%, praise at 55% and hype at 80% of the
//     length, each with 4% of n in 20 s (a 30th of the length if shorter);
//   - a negative passage from 38% to 46%;
//   - an opening ritual in the first 15 s and a closing ritual in the last
//     20 s (each at most a 20th of the length), each with 3% of n;
//   - a user flooding at 12% of the length, sending twice the background of
//     a burst's window within it;
//   - the term 名场面 bursting at 67% for 30 s (at most a 20th of the
//     length), said by half of the background there.
func Default(seed uint64, durationMs int64, n int) Config {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	jitter := func(frac float64) int64 {
		return int64((frac + (rng.Float64()-0.5)*0.04) * float64(durationMs))
	}
	burst := int(0.04 * float64(n))
	ritual := int(0.03 * float64(n))
	blen := min(20_000, max(1_000, durationMs/30))
	cfg := Config{
		Seed:       seed,
		Cid:        int64(10_000_000 + seed%1_000_000),
		DurationMs: durationMs,
		Background: max(0, n-3*burst-2*ritual),
		Drift:      0.3,
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
	for i := range cfg.Bursts {
		cfg.Bursts[i].Emotion = cfg.Bursts[i].Mood.Emotion()
	}
	opening := min(15_000, max(1_000, durationMs/20))
	closing := min(20_000, max(1_000, durationMs/20))
	cfg.Rituals = []Ritual{
		{AtMs: 0, LenMs: opening, Count: ritual},
		{AtMs: durationMs - closing, LenMs: closing, Count: ritual, Closing: true},
	}
	flood := max(30, int(2*float64(cfg.Background)*float64(blen)/float64(durationMs)))
	cfg.Floods = []Flood{{AtMs: jitter(0.12), LenMs: blen, Count: flood, UserHash: UserHash(FloodUser)}}
	cfg.TermBursts = []TermBurst{{Term: "名场面", AtMs: jitter(0.67), LenMs: min(30_000, max(1_000, durationMs/20)), Share: 0.5}}
	return cfg
}

// FloodUser is the user id of the flooding user Default plants; ordinary
// senders have ids from 10,000,000 on.
const FloodUser = 9_999_999

// UserHash is the user_hash of a user id, the way Bilibili's midHash is
// made: the hex CRC32 of the decimal id.
func UserHash(user int64) string {
	return strconv.FormatUint(uint64(crc32.ChecksumIEEE([]byte(strconv.FormatInt(user, 10)))), 16)
}

// Validate reports a configuration that cannot be generated.
func (c Config) Validate() error {
	if c.DurationMs <= 0 {
		return fmt.Errorf("synth: duration %d ms, want > 0", c.DurationMs)
	}
	if c.Background < 0 || c.Users < 0 {
		return fmt.Errorf("synth: negative background (%d) or users (%d)", c.Background, c.Users)
	}
	if c.Drift < 0 || c.Drift >= 1 {
		return fmt.Errorf("synth: drift %v, want [0, 1)", c.Drift)
	}
	inside := func(at, length int64) bool { return at >= 0 && length > 0 && at+length <= c.DurationMs }
	for _, b := range c.Bursts {
		if !inside(b.AtMs, b.LenMs) || b.Count < 0 {
			return fmt.Errorf("synth: burst %+v outside the %d ms video", b, c.DurationMs)
		}
	}
	for _, p := range c.Passages {
		if p.StartMs < 0 || p.EndMs <= p.StartMs || p.EndMs > c.DurationMs || p.Share < 0 || p.Share > 1 {
			return fmt.Errorf("synth: passage %+v outside the %d ms video or share not in [0,1]", p, c.DurationMs)
		}
	}
	for _, r := range c.Rituals {
		if !inside(r.AtMs, r.LenMs) || r.Count < 0 {
			return fmt.Errorf("synth: ritual %+v outside the %d ms video", r, c.DurationMs)
		}
	}
	for _, f := range c.Floods {
		if !inside(f.AtMs, f.LenMs) || f.Count < 0 || f.UserHash == "" {
			return fmt.Errorf("synth: flood %+v outside the %d ms video or without a user", f, c.DurationMs)
		}
	}
	for _, t := range c.TermBursts {
		if !inside(t.AtMs, t.LenMs) || t.Share < 0 || t.Share > 1 || t.Term == "" {
			return fmt.Errorf("synth: term burst %+v outside the %d ms video, share not in [0,1] or no term", t, c.DurationMs)
		}
	}
	return nil
}

// VideoKey returns the video_key of the generated danmaku.
func (c Config) VideoKey() string { return "bilibili:cid:" + strconv.FormatInt(c.Cid, 10) }

// Generator yields a video's danmaku in order of progress. It keeps only the
// planted events' times in memory (bursts, rituals, floods), not the
// background.
type Generator struct {
	cfg     Config
	rng     *rand.Rand
	zipfs   map[Mood]*rand.Zipf
	rituals [2]*rand.Zipf // opening, closing
	users   *rand.Zipf
	rate    float64 // background events per ms at the peak of the drift
	phase   float64
	next    float64 // next background candidate time, ms
	events  []event
	ei      int
	dmid    int64
	d       fetch.Danmaku
}

// eventKind says what a planted event sends.
type eventKind uint8

const (
	burstEvent eventKind = iota
	openingEvent
	closingEvent
	floodEvent
)

// event is one planted danmaku: when, what kind, and in which mood (bursts)
// or from which user (floods).
type event struct {
	at   int64
	kind eventKind
	mood Mood
	user string
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
	g.rituals[0] = rand.NewZipf(g.rng, 1.3, 2, uint64(len(openingRituals)-1))
	g.rituals[1] = rand.NewZipf(g.rng, 1.3, 2, uint64(len(closingRituals)-1))
	g.users = rand.NewZipf(g.rng, 1.2, 8, uint64(cfg.Users-1))
	g.rate = (1 + cfg.Drift) * float64(cfg.Background) / float64(cfg.DurationMs)
	g.phase = g.rng.Float64() * 2 * math.Pi
	g.dmid = 1_163_933_565_554_070_784 + g.rng.Int64N(1<<30)
	for _, b := range cfg.Bursts {
		for i := 0; i < b.Count; i++ {
			mood := b.Mood
			if g.rng.Float64() > 0.85 {
				mood = g.backgroundMood()
			}
			g.events = append(g.events, event{at: b.AtMs + g.triangular(b.LenMs), kind: burstEvent, mood: mood})
		}
	}
	for _, r := range cfg.Rituals {
		kind := openingEvent
		if r.Closing {
			kind = closingEvent
		}
		for i := 0; i < r.Count; i++ {
			g.events = append(g.events, event{at: r.AtMs + g.triangular(r.LenMs), kind: kind})
		}
	}
	for _, f := range cfg.Floods {
		for i := 0; i < f.Count; i++ {
			at := f.AtMs + int64((float64(i)+0.5)*float64(f.LenMs)/float64(f.Count))
			g.events = append(g.events, event{at: at, kind: floodEvent, user: f.UserHash})
		}
	}
	slices.SortStableFunc(g.events, func(a, b event) int { return cmp.Compare(a.at, b.at) })
	g.advance()
	return g, nil
}

// triangular returns an offset in [0, length) drawn from a triangular
// distribution: rising to the middle of the window, then falling.
func (g *Generator) triangular(length int64) int64 {
	u := (g.rng.Float64() + g.rng.Float64()) / 2
	return int64(u * float64(length))
}

// minDriftPeriodMs is the shortest period of the background rate's drift:
// a third of the video, but at least five minutes, so that the rate drifts
// slowly in short videos too.
const minDriftPeriodMs = 5 * 60_000

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
		period := max(float64(g.cfg.DurationMs)/3, minDriftPeriodMs)
		lambda := 1 + g.cfg.Drift*math.Sin(2*math.Pi*g.next/period+g.phase)
		if g.rng.Float64()*(1+g.cfg.Drift) < lambda {
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
	bgDone := g.next >= float64(g.cfg.DurationMs)
	switch {
	case g.ei < len(g.events) && (bgDone || float64(g.events[g.ei].at) <= g.next):
		e := g.events[g.ei]
		g.ei++
		switch e.kind {
		case openingEvent:
			g.fill(e.at, openingRituals[g.rituals[0].Uint64()], "")
		case closingEvent:
			g.fill(e.at, closingRituals[g.rituals[1].Uint64()], "")
		case floodEvent:
			g.fill(e.at, g.phrase(Neutral), e.user)
		default:
			g.fill(e.at, g.phrase(e.mood), "")
		}
	case !bgDone:
		at := int64(g.next)
		mood := g.backgroundMood()
		for _, p := range g.cfg.Passages {
			if at >= p.StartMs && at < p.EndMs {
				mood = Neutral
				if g.rng.Float64() < p.Share {
					mood = p.Mood
				}
			}
		}
		text := ""
		for _, t := range g.cfg.TermBursts {
			if at >= t.AtMs && at < t.AtMs+t.LenMs && g.rng.Float64() < t.Share {
				text = fmt.Sprintf(termPhrases[g.rng.IntN(len(termPhrases))], t.Term)
			}
		}
		if text == "" {
			text = g.phrase(mood)
		}
		g.fill(at, text, "")
		g.advance()
	default:
		return nil, false
	}
	return &g.d, true
}

// phrase draws a phrase of the mood, sometimes in full-width spelling or
// with a decoration appended.
func (g *Generator) phrase(mood Mood) string {
	pool := pools[mood]
	text := pool[g.zipfs[mood].Uint64()]
	if fw, ok := fullWidth[text]; ok && g.rng.Float64() < 0.15 {
		text = fw
	}
	if g.rng.Float64() < 0.2 {
		text += decorations[g.rng.IntN(len(decorations))]
	}
	return text
}

// fill sets g.d to a danmaku at progress at with the given text, sent by
// user (a user_hash), or by a user drawn from the heavy-tailed crowd when
// user is empty.
func (g *Generator) fill(at int64, text, user string) {
	if user == "" {
		user = UserHash(10_000_000 + int64(g.users.Uint64()))
	}
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
		UserHash:   user,
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
