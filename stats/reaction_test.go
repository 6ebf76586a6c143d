package stats

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestFloodWeights(t *testing.T) {
	tests := []struct {
		name      string
		threshold int
		window    int64
		sends     []int64 // progress of one user's danmaku, in input order
		want      []float64
	}{
		{"below threshold", 3, 10_000, []int64{0, 1000, 2000}, []float64{1, 1, 1}},
		{"decreasing beyond it", 3, 10_000, []int64{0, 1000, 2000, 3000, 4000, 5000}, []float64{1, 1, 1, 0.5, 1.0 / 3, 0.25}},
		{"spread out is fine", 3, 10_000, []int64{0, 10_000, 20_000, 30_000, 40_000}, []float64{1, 1, 1, 1, 1}},
		{"window slides", 2, 10_000, []int64{0, 5000, 9000, 14_000, 25_000}, []float64{1, 1, 0.5, 0.5, 1}},
		{"off", 0, 10_000, []int64{0, 0, 0, 0}, []float64{1, 1, 1, 1}},
		{"input out of order", 2, 10_000, []int64{9000, 0, 5000}, []float64{1, 1, 0.5}},
	}
	for _, tt := range tests {
		f := newFloodControl(tt.threshold, tt.window)
		for i, p := range tt.sends {
			if got := f.weight("u1", p); math.Abs(got-tt.want[i]) > 1e-12 {
				t.Errorf("%s: danmaku %d at %d ms weighs %v, want %v", tt.name, i, p, got, tt.want[i])
			}
		}
		// Another user is never affected.
		if got := f.weight("u2", 0); got != 1 {
			t.Errorf("%s: another user weighs %v, want 1", tt.name, got)
		}
		// An unknown sender is never flood-controlled.
		for i := 0; i < 10; i++ {
			if got := f.weight("", 0); got != 1 {
				t.Fatalf("%s: unknown sender weighs %v, want 1", tt.name, got)
			}
		}
	}
	f := newFloodControl(3, 10_000)
	for i := 0; i < 6; i++ {
		f.weight("u1", int64(i)*100)
	}
	if s := f.summary(); s.Users != 1 || s.Danmaku != 3 || math.Abs(s.WeightRemoved-(0.5+2.0/3+0.75)) > 1e-12 {
		t.Errorf("summary %+v, want 1 user, 3 danmaku, weight removed 1.9167", s)
	}
}

// Subtitle-pool and mode 7–9 danmaku are left out and counted, unless kept.
func TestExcludeSpecial(t *testing.T) {
	rows := []rrow{
		{progress: 1000, tokens: []string{"好看"}, valence: 0.6, label: "pos"},
		{progress: 2000, tokens: []string{"字幕"}, pool: 1},
		{progress: 3000, tokens: []string{"代码"}, mode: 8},
		{progress: 4000, tokens: []string{"高级"}, mode: 7, pool: 2},
		{progress: 5000, tokens: []string{"底部"}, mode: 4},
	}
	tests := []struct {
		keep     bool
		n        int64
		excluded map[string]int64
	}{
		{false, 2, map[string]int64{ExcludedSubtitle: 1, ExcludedSpecial: 2}},
		{true, 5, map[string]int64{}},
	}
	for _, tt := range tests {
		a := accumulate(t, Options{Reactions: ReactionOptions{KeepSpecial: tt.keep}}, rows, false)
		r := a.Reactions(a.Curves(0))
		if a.Count() != tt.n || len(r.Excluded) != len(tt.excluded) || a.Excluded() != 5-tt.n {
			t.Errorf("keep %v: %d analysed, excluded %v; want %d, %v", tt.keep, a.Count(), r.Excluded, tt.n, tt.excluded)
		}
		for k, v := range tt.excluded {
			if r.Excluded[k] != v {
				t.Errorf("keep %v: excluded[%s] = %d, want %d", tt.keep, k, r.Excluded[k], v)
			}
		}
		kept := map[string]bool{}
		for _, k := range a.Keywords() {
			kept[k.Term] = true
		}
		if kept["字幕"] != tt.keep || !kept["好看"] {
			t.Errorf("keep %v: keywords %v", tt.keep, kept)
		}
	}
}

// Smoothed curves: flood-weighted counts, densities that keep their level
// at the edges, and a valence that follows the danmaku.
func TestSmoothedCurves(t *testing.T) {
	var rows []rrow
	for s := int64(0); s < 60; s++ {
		rows = append(rows, rrow{progress: s*1000 + 500, valence: 0.5, label: "pos", user: "u" + string(rune('a'+s%26))})
	}
	// A flooding user: ten danmaku in one second.
	for i := int64(0); i < 10; i++ {
		rows = append(rows, rrow{progress: 30_000 + i*10, valence: -1, label: "neg", user: "flood"})
	}
	a := accumulate(t, Options{BucketMs: 5000, Reactions: DefaultReactionOptions()}, rows, false)
	c := a.Curves(60_000)
	if c.BandwidthMs != 5000 || len(c.Buckets) != 12 {
		t.Fatalf("bandwidth %d, %d buckets; want one bucket (5000) and 12", c.BandwidthMs, len(c.Buckets))
	}
	for _, b := range c.Buckets {
		if b.Index == 6 {
			// 5 + 10 danmaku, of which the flood counts 3 + ½ + ⅓ + … + ⅛.
			want := 5 + 3 + 0.5 + 1.0/3 + 0.25 + 0.2 + 1.0/6 + 1.0/7 + 0.125
			if math.Abs(b.Weighted-want) > 1e-9 || b.Count != 15 {
				t.Errorf("bucket 6: count %d, weighted %v; want 15, %v", b.Count, b.Weighted, want)
			}
			continue
		}
		if b.Weighted != 5 {
			t.Errorf("bucket %d: weighted %v, want 5", b.Index, b.Weighted)
		}
		// One danmaku per second everywhere beyond the kernel's reach of
		// the flood (4σ = 20 s): 60 per minute, at the edges too.
		if b.Index <= 1 || b.Index >= 11 {
			if math.Abs(b.DensitySmooth-60) > 1e-6 || math.Abs(b.ValenceSmooth-0.5) > 1e-9 {
				t.Errorf("bucket %d: smoothed density %v, valence %v; want 60 and 0.5", b.Index, b.DensitySmooth, b.ValenceSmooth)
			}
		}
	}
	if v := c.Buckets[6].ValenceSmooth; !(v < 0.5) {
		t.Errorf("bucket 6: smoothed valence %v, want pulled below 0.5 by the (damped) negative flood", v)
	}
	// An empty video has no buckets and nothing to smooth.
	empty := accumulate(t, Options{}, nil, false)
	if c := empty.Curves(0); len(c.Buckets) != 0 {
		t.Errorf("empty: %d buckets", len(c.Buckets))
	}
}

// Send times by day and hour of the week, in the configured zone.
func TestSendTime(t *testing.T) {
	day := func(s string) int64 {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm.UnixMilli()
	}
	rows := []rrow{
		{progress: 1, valence: 0.5, label: "pos", sentMs: day("2024-03-01T15:30:00Z")},  // Fri 23:30 in UTC+8
		{progress: 2, valence: -0.5, label: "neg", sentMs: day("2024-03-01T16:30:00Z")}, // Sat 00:30 in UTC+8
		{progress: 3, valence: 0.1, label: "neu", sentMs: day("2024-03-04T01:00:00Z")},  // Mon 09:00
		{progress: 4, valence: 0.9, label: "pos"},                                       // no send time
	}
	a := accumulate(t, Options{}, rows, false)
	r := a.Reactions(a.Curves(0))
	if !r.HasSendTime {
		t.Fatal("no send-time trends")
	}
	st := r.SendTime
	wantDays := []struct {
		date  string
		count int64
	}{{"2024-03-01", 1}, {"2024-03-02", 1}, {"2024-03-03", 0}, {"2024-03-04", 1}}
	if len(st.Days) != len(wantDays) {
		t.Fatalf("days %+v, want %d", st.Days, len(wantDays))
	}
	for i, w := range wantDays {
		d := st.Days[i]
		if d.Date != w.date || d.Count != w.count || d.Day != i {
			t.Errorf("day %d: %s count %d (day %d), want %s count %d", i, d.Date, d.Count, d.Day, w.date, w.count)
		}
	}
	if st.Days[0].Weekday != 5 || !math.IsNaN(st.Days[2].ValenceMean) || st.Days[1].ValenceMean != -0.5 {
		t.Errorf("days %+v: want Friday first, an empty Sunday, valence −0.5 on Saturday", st.Days)
	}
	if len(st.Week) != 168 {
		t.Fatalf("%d hours of the week, want 168", len(st.Week))
	}
	for _, h := range st.Week {
		want := int64(0)
		if (h.Weekday == 5 && h.Hour == 23) || (h.Weekday == 6 && h.Hour == 0) || (h.Weekday == 1 && h.Hour == 9) {
			want = 1
		}
		if h.Count != want {
			t.Errorf("weekday %d hour %d: %d, want %d", h.Weekday, h.Hour, h.Count, want)
		}
	}
	// Another zone moves days and hours.
	utc := accumulate(t, Options{Reactions: ReactionOptions{Location: time.UTC}}, rows, false)
	if st := utc.Reactions(utc.Curves(0)).SendTime; st.Days[0].Count != 2 || st.Zone != "UTC" {
		t.Errorf("UTC: first day %+v, zone %q; want both Friday danmaku on it", st.Days[0], st.Zone)
	}
	// Without send times there are no trends.
	none := accumulate(t, Options{}, rows[3:], false)
	if none.Reactions(none.Curves(0)).HasSendTime {
		t.Error("trends without any send time")
	}
}

func TestLogLikelihood(t *testing.T) {
	tests := []struct {
		a, cx, b, cy float64
		want         float64
	}{
		{10, 100, 10, 100, 0},
		{0, 100, 0, 100, 0},
		{5, 0, 5, 100, 0},
		// Rayson's worked form: 2(a ln(a/E1) + b ln(b/E2)).
		{20, 1000, 5, 1000, 2 * (20*math.Log(20/12.5) + 5*math.Log(5/12.5))},
	}
	for _, tt := range tests {
		if got := logLikelihood(tt.a, tt.cx, tt.b, tt.cy); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("logLikelihood(%v, %v, %v, %v) = %v, want %v", tt.a, tt.cx, tt.b, tt.cy, got, tt.want)
		}
	}
	if ll := logLikelihood(5, 1000, 20, 1000); ll >= 0 {
		t.Errorf("an under-used term has keyness %v, want negative", ll)
	}
}

// A term that jumps in two buckets bursts there, and only there; steady
// terms never burst; the per-bucket rows list the top terms and every
// bursting one.
func TestTermBursts(t *testing.T) {
	var rows []rrow
	for s := int64(0); s < 600; s++ {
		toks := []string{"日常", "聊天"}
		if s%7 == 0 {
			toks = append(toks, "名场面")
		}
		if s >= 300 && s < 310 {
			toks = append(toks, "名场面", "名场面")
		}
		rows = append(rows, rrow{progress: s * 1000, tokens: toks, user: "u"})
	}
	a := accumulate(t, Options{BucketMs: 5000, Reactions: ReactionOptions{BucketTerms: 1}}, rows, false)
	r := a.Reactions(a.Curves(600_000))
	if len(r.Bursts) != 1 {
		t.Fatalf("bursts %+v, want one", r.Bursts)
	}
	b := r.Bursts[0]
	if b.Term != "名场面" || b.StartMs != 300_000 || b.EndMs != 310_000 || b.Rank != 1 || !(b.Ratio > 3) || b.Count != 22 {
		t.Errorf("burst %+v, want 名场面 over 300–310 s with 22 occurrences", b)
	}
	perBucket := map[int]int{}
	for _, bt := range r.BucketTerms {
		perBucket[bt.Bucket]++
		if bt.Bursting != (bt.Term == "名场面" && bt.Bucket >= 60 && bt.Bucket < 62) {
			t.Errorf("bucket %d term %s: bursting %v", bt.Bucket, bt.Term, bt.Bursting)
		}
		if bt.Rank < 1 || bt.Share <= 0 || bt.Share > 1 {
			t.Errorf("row %+v: rank and share out of range", bt)
		}
	}
	if perBucket[0] != 1 || perBucket[60] != 1 {
		t.Errorf("rows per bucket %v: want 1 (the top term) and, in bucket 60, the bursting one only once", perBucket)
	}
}

// Recurring multi-word phrases become keywords of kind meme; the parts of
// a longer meme and chance neighbours do not.
func TestMemes(t *testing.T) {
	var rows []rrow
	add := func(n int, toks ...string) {
		for i := 0; i < n; i++ {
			rows = append(rows, rrow{progress: int64(len(rows)) * 100, tokens: toks})
		}
	}
	add(12, "我", "真的", "会谢") // a meme
	add(6, "前方", "高能", "预警") // another, whose parts are not memes by themselves
	add(3, "这里", "好看")       // too rare
	add(40, "真的", "无聊")      // recurs as a pair
	a := accumulate(t, Options{}, rows, false)
	memes := map[string]int64{}
	for _, k := range a.Keywords() {
		if k.Kind == KindMeme {
			memes[k.Term] = k.Count
		} else if k.Kind != KindWord {
			t.Errorf("keyword %+v: kind %q", k, k.Kind)
		}
	}
	want := map[string]int64{"我真的会谢": 12, "前方高能预警": 6, "真的无聊": 40}
	if len(memes) != len(want) {
		t.Errorf("memes %v, want %v", memes, want)
	}
	for m, n := range want {
		if memes[m] != n {
			t.Errorf("meme %q counted %d, want %d (all: %v)", m, memes[m], n, memes)
		}
	}
	if got := joinWords([]string{"awsl", "yyds", "好"}); got != "awsl yyds好" {
		t.Errorf("joinWords = %q", got)
	}
}

// Highlights carry their emotion, valence, keywords and samples.
func TestHighlightDetails(t *testing.T) {
	var rows []rrow
	for s := int64(0); s < 600; s++ {
		rows = append(rows, rrow{progress: s * 1000, tokens: []string{"日常"}, valence: 0, user: "bg" + string(rune('a'+s%20)), text: "日常"})
		if s >= 200 && s < 210 {
			for i := int64(0); i < 8; i++ {
				toks, emo := []string{"哈哈哈"}, "joy"
				if i%4 == 3 {
					toks, emo = []string{"笑死", "我", "了"}, "joy"
				}
				if i == 7 {
					emo = "surprise"
				}
				rows = append(rows, rrow{progress: s*1000 + i*100, tokens: toks, valence: 0.8, label: "pos",
					user: "fan" + string(rune('a'+i)) + string(rune('a'+s%10)), emotion: emo})
			}
		}
	}
	for _, emotions := range []bool{false, true} {
		a := accumulate(t, Options{Reactions: DefaultReactionOptions()}, rows, emotions)
		r := a.Reactions(a.Curves(600_000))
		if len(r.Highlights) != 1 {
			t.Fatalf("emotions %v: highlights %+v, want one", emotions, r.Highlights)
		}
		h := r.Highlights[0]
		if h.PeakMs < 200_000 || h.PeakMs > 210_000 || h.StartMs > 200_000 || h.EndMs < 209_000 || h.LaggedStartMs != h.StartMs-DefaultLagMs {
			t.Errorf("highlight %d–%d (peak %d, lagged %d), want around 200–210 s", h.StartMs, h.EndMs, h.PeakMs, h.LaggedStartMs)
		}
		if h.Rank != 1 || !(h.Intensity > 3) || !(h.Z >= DefaultThreshold) || h.Count < 80 || !(h.ValenceMean > 0.5) {
			t.Errorf("highlight %+v: want rank 1, intensity above 3, 80+ danmaku, positive", h)
		}
		if len(h.Keywords) == 0 || h.Keywords[0] != "哈哈哈" || len(h.Samples) < 2 || h.Samples[0] != "哈哈哈" || h.Samples[1] != "笑死我了" {
			t.Errorf("keywords %v, samples %v; want 哈哈哈 first, and 笑死我了 among the samples", h.Keywords, h.Samples)
		}
		wantEmotion := ""
		if emotions {
			wantEmotion = "joy"
		}
		if h.Emotion != wantEmotion || r.Emotions.Known != emotions {
			t.Errorf("emotions %v: highlight emotion %q, mix known %v; want %q", emotions, h.Emotion, r.Emotions.Known, wantEmotion)
		}
		// 600 danmaku without emotion, 70 joy, 10 surprise.
		if emotions && (math.Abs(r.Emotions.Shares[0]-70.0/680) > 1e-12 || math.Abs(r.Emotions.Shares[6]-10.0/680) > 1e-12) {
			t.Errorf("emotion mix %+v: want joy 70/680, surprise 10/680", r.Emotions)
		}
	}
	// An unknown emotion is an error naming it.
	a := NewAccumulator(Options{}, fakeTerms{})
	rec := reactionRecord(t, []rrow{{progress: 1, emotion: "glee"}}, true)
	defer rec.Release()
	if err := a.Add(rec); err == nil || !strings.Contains(err.Error(), `"glee"`) {
		t.Errorf("unknown emotion: error %v", err)
	}
}
