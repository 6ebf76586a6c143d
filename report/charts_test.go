package report

import (
	"bytes"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"

	"github.com/danmakuscope/danmakuscope/nlp"
	"github.com/danmakuscope/danmakuscope/stats"
)

// testCurves builds a 20-minute video in 6 s buckets with a burst around
// 7:10, a negative passage around 15:00 and a few empty buckets.
func testCurves() stats.Curves {
	const bucket, dur = 6000, 20 * 60 * 1000
	c := stats.Curves{BucketMs: bucket, DurationMs: dur}
	for i := 0; i*bucket < dur; i++ {
		t := float64(i*bucket) / 1000
		n := int64(8 + 4*math.Sin(t/70))
		if t > 400 && t < 460 {
			n += 40
		}
		if i%37 == 5 {
			n = 0
		}
		b := stats.Bucket{Index: i, StartMs: int64(i * bucket), EndMs: int64((i + 1) * bucket), Summary: stats.Summary{Count: n}}
		b.DensityPerMin = float64(n) * 10
		b.ValenceMean, b.ValenceCILow, b.ValenceCIHigh = math.NaN(), math.NaN(), math.NaN()
		b.PosShare, b.NegShare, b.NeuShare = math.NaN(), math.NaN(), math.NaN()
		if n > 0 {
			v := 0.3
			// Emotions: joy and like all along, sorrow in the negative
			// passage, a little of the rest, the remainder none.
			e := &b.EmotionCounts
			e[nlp.Joy], e[nlp.Like], e[nlp.Surprise] = n/4, n/5, n/10
			if t > 880 && t < 980 {
				v = -0.6
				e[nlp.Joy], e[nlp.Sorrow], e[nlp.Anger] = 0, n/2, n/8
			}
			var some int64
			for _, k := range e {
				some += k
			}
			e[nlp.NoEmotion] = n - some
			b.ValenceMean = v
			hw := 1 / math.Sqrt(float64(n))
			b.ValenceCILow, b.ValenceCIHigh = v-hw, v+hw
		}
		c.Buckets = append(c.Buckets, b)
	}
	// A smoothed density: the mean of five buckets around each.
	c.BandwidthMs = bucket
	for i := range c.Buckets {
		var sum float64
		n := 0
		for j := max(0, i-2); j <= min(len(c.Buckets)-1, i+2); j++ {
			sum += c.Buckets[j].DensityPerMin
			n++
		}
		c.Buckets[i].DensitySmooth = sum / float64(n)
	}
	return c
}

// testKeywords returns 25 ranked Chinese keywords.
func testKeywords() []stats.Keyword {
	terms := strings.Fields("哈哈哈 前方高能 awsl 泪目 弹幕护体 名场面 233 好家伙 爷青回 破防了 主播 这个剧情 yyds 笑死 空降成功 " +
		"第一集 太好看了吧这也 up主辛苦了 三连 下次一定 其一 其二 其三 其四 其五")
	kws := make([]stats.Keyword, len(terms))
	for i, term := range terms {
		kws[i] = stats.Keyword{Term: term, Count: int64(1000/(i+1) + 3), DocFreq: int64(500 / (i + 1)), Rank: i + 1}
	}
	return kws
}

// testBucketTerms are keywords_by_bucket rows for c: each bucket's danmaku
// spread over the first few keywords, the fourth bursting near 7:10.
func testBucketTerms(c stats.Curves, kws []stats.Keyword) []stats.BucketTerm {
	var out []stats.BucketTerm
	for _, b := range c.Buckets {
		for r, kw := range kws[:min(len(kws), 6)] {
			n := b.Count / int64(r+2)
			if n <= 0 {
				continue
			}
			burst := r == 3 && b.StartMs >= 400_000 && b.StartMs < 460_000
			if burst {
				n += 20
			}
			out = append(out, stats.BucketTerm{Bucket: b.Index, StartMs: b.StartMs, EndMs: b.EndMs, Term: kw.Term,
				Count: n, Weighted: float64(n), Rank: r + 1, Bursting: burst})
		}
	}
	return out
}

// testSendTime spreads c's danmaku over the hours of the week: evenings
// and weekends busiest, none on Tuesday mornings.
func testSendTime(c stats.Curves) stats.SendTime {
	var total int64
	for _, b := range c.Buckets {
		total += max(b.Count, 0)
	}
	st := stats.SendTime{Zone: "Asia/Shanghai", Days: []stats.SendDay{{Day: 0, Date: "2024-03-01"}, {Day: 1, Date: "2024-03-02"}}}
	for d := 1; d <= 7; d++ {
		for h := 0; h < 24; h++ {
			n := total / 400
			if h >= 19 {
				n *= 4
			}
			if d >= 6 {
				n *= 2
			}
			if d == 2 && h < 12 {
				n = 0
			}
			st.Week = append(st.Week, stats.SendHour{Weekday: d, Hour: h, Summary: stats.Summary{Count: n}})
		}
	}
	return st
}

// testHighlights are highlights of testCurves: the burst around 7:10,
// three close together (their labels must not collide), and a ritual at
// the start.
func testHighlights() []stats.Highlight {
	return []stats.Highlight{
		{Rank: 1, StartMs: 400_000, EndMs: 460_000, PeakMs: 430_000},
		{Rank: 2, StartMs: 700_000, EndMs: 712_000, PeakMs: 705_000},
		{Rank: 3, StartMs: 714_000, EndMs: 720_000, PeakMs: 716_000},
		{Rank: 4, StartMs: 722_000, EndMs: 723_000, PeakMs: 722_500},
		{Rank: 5, StartMs: 0, EndMs: 15_000, PeakMs: 6_000, Ritual: true},
	}
}

// chartCase is one chart drawn by the tests.
type chartCase struct {
	name string
	w, h int
	draw func(path string, opt ChartOptions) error
}

// chartCases draws each chart for the given curves and keywords.
func chartCases(c stats.Curves, kws []stats.Keyword, hs []stats.Highlight) []chartCase {
	const title = "【测试】弹幕视频 第1集"
	bt, st := testBucketTerms(c, kws), testSendTime(c)
	return []chartCase{
		{"density", timeChartW, timeChartH, func(p string, o ChartOptions) error { return DensityChart(p, title, c, hs, o) }},
		{"sentiment", timeChartW, timeChartH, func(p string, o ChartOptions) error { return SentimentChart(p, title, c, o) }},
		{"keywords", keywordChartW, keywordChartH, func(p string, o ChartOptions) error { return KeywordsChart(p, title, kws, 20, o) }},
		{"emotions", timeChartW, timeChartH, func(p string, o ChartOptions) error { return EmotionChart(p, title, c, o) }},
		{"keywords_time", timeChartW, heatmapChromeH + heatmapRowH*max(len(termRows(timeBins(c), bt)), minHeatmapRows),
			func(p string, o ChartOptions) error { return KeywordTimeChart(p, title, c, bt, o) }},
		{"sendtime", sendTimeChartW, sendTimeChartH, func(p string, o ChartOptions) error { return SendTimeChart(p, title, st, o) }},
	}
}

// chartFonts are the font settings charts are drawn with: no font, and the
// system CJK font when there is one.
func chartFonts(t *testing.T) map[string]ChartOptions {
	opts := map[string]ChartOptions{"default fonts": {}}
	if f, err := FindFont("", realEnvWithFont("")); err == nil && f != nil {
		opts["CJK font"] = ChartOptions{Font: f}
	} else {
		t.Log("no CJK font found; charts are drawn with gonum's default fonts only")
	}
	return opts
}

// checkPNG decodes the PNG at path and checks its size.
func checkPNG(t *testing.T, path string, w, h int) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: not a PNG: %v", path, err)
	}
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Errorf("%s is %dx%d, want %dx%d", path, b.Dx(), b.Dy(), w, h)
	}
	return data
}

func TestChartsWritePNGs(t *testing.T) {
	inputs := []struct {
		name string
		c    stats.Curves
		kws  []stats.Keyword
		hs   []stats.Highlight
	}{
		{"realistic", testCurves(), testKeywords(), testHighlights()},
		{"empty", stats.Curves{}, nil, nil},
		{"empty with duration", stats.Curves{BucketMs: 5000, DurationMs: 90000}, []stats.Keyword{}, nil},
		{"one bucket", stats.Curves{BucketMs: 5000, DurationMs: 5000, Buckets: []stats.Bucket{
			{StartMs: 0, EndMs: 5000, DensityPerMin: 36, Summary: stats.Summary{Count: 3, ValenceMean: 0.2, ValenceCILow: -0.1, ValenceCIHigh: 0.5}},
		}}, []stats.Keyword{{Term: "一", Count: 1, Rank: 1}}, []stats.Highlight{{Rank: 1, StartMs: 0, EndMs: 5000, PeakMs: 2500}}},
		{"hostile values", stats.Curves{BucketMs: 5000, DurationMs: 15000, Buckets: []stats.Bucket{
			{StartMs: 0, EndMs: 5000, DensityPerMin: math.Inf(1), Summary: stats.Summary{Count: 2, ValenceMean: 3, ValenceCILow: 5, ValenceCIHigh: -5}},
			{StartMs: 5000, EndMs: 10000, DensityPerMin: -12, Summary: stats.Summary{Count: -1, ValenceMean: math.Inf(-1), ValenceCILow: math.NaN(), ValenceCIHigh: 0}},
			{StartMs: 10000, EndMs: 15000, DensityPerMin: math.NaN(), Summary: stats.Summary{Count: 0, ValenceMean: math.NaN(), ValenceCILow: math.NaN(), ValenceCIHigh: math.NaN()}},
		}}, []stats.Keyword{{Term: "", Count: -3, Rank: 0}, {Term: "\n换行\t", Count: 0, Rank: 2}},
			[]stats.Highlight{{Rank: 1, StartMs: -5000, EndMs: 99_000, PeakMs: 200_000}, {Rank: 2, StartMs: 9000, EndMs: 3000, PeakMs: -1}}},
	}
	for fontName, opt := range chartFonts(t) {
		for _, in := range inputs {
			for _, cc := range chartCases(in.c, in.kws, in.hs) {
				t.Run(fontName+"/"+in.name+"/"+cc.name, func(t *testing.T) {
					path := filepath.Join(t.TempDir(), "charts", cc.name+".png")
					if err := cc.draw(path, opt); err != nil {
						t.Fatalf("%s: %v", cc.name, err)
					}
					checkPNG(t, path, cc.w, cc.h)
				})
			}
		}
	}
}

func TestChartsDeterministic(t *testing.T) {
	for fontName, opt := range chartFonts(t) {
		for _, cc := range chartCases(testCurves(), testKeywords(), testHighlights()) {
			t.Run(fontName+"/"+cc.name, func(t *testing.T) {
				dir := t.TempDir()
				a, b := filepath.Join(dir, "a.png"), filepath.Join(dir, "b.png")
				if err := cc.draw(a, opt); err != nil {
					t.Fatal(err)
				}
				if err := cc.draw(b, opt); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(checkPNG(t, a, cc.w, cc.h), checkPNG(t, b, cc.w, cc.h)) {
					t.Errorf("%s: two drawings of the same input differ", cc.name)
				}
			})
		}
	}
}

func TestChartWriteErrorNamesFile(t *testing.T) {
	// The parent "directory" is a regular file, so nothing can be written.
	blocker := filepath.Join(t.TempDir(), "blocker")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cc := range chartCases(testCurves(), testKeywords(), testHighlights()) {
		path := filepath.Join(blocker, cc.name+".png")
		err := cc.draw(path, ChartOptions{})
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: error %v, want one naming %s", cc.name, err, path)
		}
	}
}

// latinFont is a Font made from a Latin-only face, so that the style tests
// run without a system CJK font.
func latinFont(t *testing.T) *Font {
	t.Helper()
	face, err := opentype.Parse(liberationsansregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	tf := font.Typeface("test face")
	return &Font{Name: "test", face: face, typeface: tf,
		handler: text.Plain{Fonts: font.NewCache(font.Collection{{Font: font.Font{Typeface: tf}, Face: face}})}}
}

func TestNewChartUsesFontEverywhere(t *testing.T) {
	f := latinFont(t)
	opt := ChartOptions{Font: f}
	p := newChart(opt, "t")
	legend := newLegend(opt)
	styles := map[string]text.Style{
		"title":         p.Title.TextStyle,
		"x label":       p.X.Label.TextStyle,
		"y label":       p.Y.Label.TextStyle,
		"x tick labels": p.X.Tick.Label,
		"y tick labels": p.Y.Tick.Label,
		"legend":        legend.style,
		"note":          newNote(opt, "n").style,
	}
	for name, sty := range styles {
		if sty.Font.Typeface != f.typeface {
			t.Errorf("%s uses typeface %q, want %q", name, sty.Font.Typeface, f.typeface)
		}
		if sty.Handler.Cache() != f.handler.Cache() {
			t.Errorf("%s does not use the font's own cache", name)
		}
	}
}

func TestChartMeanRunsAndBand(t *testing.T) {
	nan := math.NaN()
	bk := func(i int, mean, lo, hi float64) stats.Bucket {
		return stats.Bucket{Index: i, StartMs: int64(i) * 2000, EndMs: int64(i+1) * 2000, Summary: stats.Summary{ValenceMean: mean, ValenceCILow: lo, ValenceCIHigh: hi}}
	}
	tests := []struct {
		name      string
		buckets   []stats.Bucket
		runs      []int // points per line
		dots      int
		ringSizes []int
	}{
		{"none", nil, nil, 0, nil},
		{"all NaN", []stats.Bucket{bk(0, nan, nan, nan), bk(1, nan, nan, nan)}, nil, 0, nil},
		{"one run", []stats.Bucket{bk(0, 0.1, 0, 0.2), bk(1, 0.2, 0.1, 0.3), bk(2, 0.3, 0.2, 0.4)}, []int{3}, 0, []int{6}},
		{"gap splits", []stats.Bucket{bk(0, 0.1, 0, 0.2), bk(1, 0.2, 0.1, 0.3), bk(2, nan, nan, nan), bk(3, 0.3, 0.2, 0.4), bk(4, 0.1, 0, 0.2)}, []int{2, 2}, 0, []int{4, 4}},
		{"lone mean is a dot", []stats.Bucket{bk(0, 0.5, nan, nan), bk(1, nan, nan, nan), bk(2, 0.1, 0, 0.2), bk(3, 0.2, 0.1, 0.3)}, []int{2}, 1, []int{4}},
		{"lone interval is a box", []stats.Bucket{bk(0, 0.5, 0.4, 0.6)}, nil, 1, []int{4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runs, dots := meanRuns(tt.buckets)
			var got []int
			for _, r := range runs {
				got = append(got, len(r))
			}
			if !slices.Equal(got, tt.runs) || len(dots) != tt.dots {
				t.Errorf("meanRuns: runs %v dots %d, want %v and %d", got, len(dots), tt.runs, tt.dots)
			}
			var rings []int
			for _, r := range ciBand(tt.buckets) {
				rings = append(rings, len(r))
				for _, p := range r {
					if p.Y < -1 || p.Y > 1 || !isFinite(p.X) {
						t.Errorf("band point %v outside the chart", p)
					}
				}
			}
			if !slices.Equal(rings, tt.ringSizes) {
				t.Errorf("ciBand ring sizes %v, want %v", rings, tt.ringSizes)
			}
		})
	}
}

func TestChartDensityHelpers(t *testing.T) {
	buckets := []stats.Bucket{
		{StartMs: 0, EndMs: 30000, DensityPerMin: 20, Summary: stats.Summary{Count: 10}},
		{StartMs: 30000, EndMs: 60000, DensityPerMin: 40, Summary: stats.Summary{Count: 20}},
		{StartMs: 60000, EndMs: 90000, DensityPerMin: math.NaN(), Summary: stats.Summary{Count: 0}},
	}
	if got := averageDensity(buckets, 0); got != 20 {
		t.Errorf("averageDensity = %v, want 20 (30 danmaku in 1.5 min)", got)
	}
	if got := averageDensity(buckets, 80000); got != 22.5 {
		t.Errorf("averageDensity over an 80 s video = %v, want 22.5 (30 danmaku in 4/3 min, the last bucket running past the end)", got)
	}
	pts, peak := densitySteps(buckets)
	wantX := []float64{0, 30, 60, 90}
	wantY := []float64{20, 40, 0, 0}
	for i, p := range pts {
		if p.X != wantX[i] || p.Y != wantY[i] {
			t.Errorf("step point %d = %v, want (%v, %v)", i, p, wantX[i], wantY[i])
		}
	}
	if len(pts) != 4 || peak != 40 {
		t.Errorf("densitySteps: %d points, peak %v; want 4 and 40", len(pts), peak)
	}
	widths := []struct {
		ms   int64
		want string
	}{{500, "500 ms"}, {5000, "5 s"}, {1500, "1.5 s"}, {90000, "90 s"}, {60000, "1 min"}, {300000, "5 min"}}
	for _, w := range widths {
		if got := formatBucketWidth(w.ms); got != w.want {
			t.Errorf("formatBucketWidth(%d) = %q, want %q", w.ms, got, w.want)
		}
	}
	ends := []struct {
		c    stats.Curves
		want float64
	}{
		{stats.Curves{}, 60},
		{stats.Curves{DurationMs: 125000}, 125},
		{stats.Curves{DurationMs: 10000, Buckets: buckets}, 90},
	}
	for _, e := range ends {
		if got := videoEndSec(e.c); got != e.want {
			t.Errorf("videoEndSec(duration %d) = %v, want %v", e.c.DurationMs, got, e.want)
		}
	}
}

func TestChartKeywordBarsRankOneOnTop(t *testing.T) {
	kws := []stats.Keyword{
		{Term: "三", Count: 5, Rank: 3},
		{Term: "一", Count: 9, Rank: 1},
		{Term: "未排", Count: 100, Rank: 0},
		{Term: "二", Count: 7, Rank: 2},
	}
	top := topKeywords(kws, 3)
	kb := keywordBars(ChartOptions{}, top)
	// Bars are listed bottom-up: the last one is drawn at the top.
	if want := []string{"三", "二", "一"}; !slices.Equal(kb.names, want) {
		t.Errorf("bar labels bottom-up = %q, want %q", kb.names, want)
	}
	if want := []float64{5, 7, 9}; !slices.Equal([]float64(kb.values), want) {
		t.Errorf("bar lengths = %v, want the counts %v", kb.values, want)
	}
	if kb.peak != 9 || kb.counts[2] != "9" {
		t.Errorf("peak %v, top count label %q; want 9 and \"9\"", kb.peak, kb.counts[2])
	}
	if got := len(topKeywords(kws, 10)); got != 4 {
		t.Errorf("topKeywords(n=10) kept %d of 4", got)
	}
}

func TestChartNiceTicks(t *testing.T) {
	tests := []struct {
		name     string
		ticker   niceTicks
		min, max float64
		want     []string
	}{
		{"0–650", niceTicks{}, 0, 650, []string{"0", "100", "200", "300", "400", "500", "600"}},
		{"0–1", niceTicks{}, 0, 1, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		{"0–10", niceTicks{}, 0, 10, []string{"0", "2", "4", "6", "8", "10"}},
		{"0–17.5", niceTicks{}, 0, 17.5, []string{"0.0", "2.5", "5.0", "7.5", "10.0", "12.5", "15.0", "17.5"}},
		{"counts 0–17.5", niceTicks{whole: true}, 0, 17.5, []string{"0", "5", "10", "15"}},
		{"counts 0–3", niceTicks{whole: true}, 0, 3, []string{"0", "1", "2", "3"}},
		{"counts 0–993", niceTicks{whole: true}, 0, 993, []string{"0", "200", "400", "600", "800"}},
		{"empty", niceTicks{}, 5, 4, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tk := range tt.ticker.Ticks(tt.min, tt.max) {
				got = append(got, tk.Label)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Ticks(%v, %v) = %q, want %q", tt.min, tt.max, got, tt.want)
			}
		})
	}
	if got := (niceTicks{}).niceCeil(562); got != 600 {
		t.Errorf("niceCeil(562) = %v, want 600", got)
	}
}

func TestChartTitleFits(t *testing.T) {
	opt := ChartOptions{Font: latinFont(t)}
	sty := opt.style(text.Style{}, titleSize, nil)
	long := strings.Repeat("A very long video title ", 20)
	tests := []struct {
		video, want string
	}{
		{"", "sentiment"},
		{"Short", "Short — sentiment"},
		{"Line\nbreak", "Line break — sentiment"},
	}
	for _, tt := range tests {
		if got := chartTitle(opt, sty, tt.video, "sentiment", vg.Points(600)); got != tt.want {
			t.Errorf("chartTitle(%q) = %q, want %q", tt.video, got, tt.want)
		}
	}
	got := chartTitle(opt, sty, long, "sentiment", vg.Points(600))
	if sty.Width(got) > vg.Points(600) || !strings.HasSuffix(got, "… — sentiment") {
		t.Errorf("long title %q (width %v) does not fit 600 pt with an ellipsis", got, sty.Width(got))
	}
}

func TestChartsConcurrentSameBytes(t *testing.T) {
	opt := ChartOptions{}
	if f, err := FindFont("", realEnvWithFont("")); err == nil && f != nil {
		opt.Font = f
	}
	cases := chartCases(testCurves(), testKeywords(), testHighlights())
	dir := t.TempDir()
	ref := make([][]byte, len(cases))
	for i, cc := range cases {
		p := filepath.Join(dir, cc.name+"-ref.png")
		if err := cc.draw(p, opt); err != nil {
			t.Fatal(err)
		}
		ref[i] = checkPNG(t, p, cc.w, cc.h)
	}
	const workers = 4
	errs := make(chan error, workers*len(cases))
	done := make(chan struct{})
	for w := 0; w < workers; w++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i, cc := range cases {
				p := filepath.Join(dir, cc.name+"-"+string(rune('a'+w))+".png")
				if err := cc.draw(p, opt); err != nil {
					errs <- err
					continue
				}
				if data, err := os.ReadFile(p); err != nil || !bytes.Equal(data, ref[i]) {
					errs <- fmt.Errorf("%s differs from the sequential drawing (read error: %v)", p, err)
				}
			}
		}()
	}
	for w := 0; w < workers; w++ {
		<-done
	}
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// The sentiment chart merges sparse buckets into bins exactly and leaves
// out bins of fewer than MinSentimentCount danmaku: their means swing from
// −1 to 1 and would only draw noise.
func TestSentimentBins(t *testing.T) {
	bucket := func(i int, vals ...float64) stats.Bucket {
		var parts []stats.Summary
		for _, v := range vals {
			parts = append(parts, stats.Summary{Count: 1, ValenceMean: v, ValenceVar: math.NaN(), PosShare: 1})
		}
		return stats.Bucket{Index: i, StartMs: int64(i) * 5000, EndMs: int64(i+1) * 5000, Summary: stats.MergeSummaries(parts...)}
	}
	// 24 buckets of 5 s: the first 12 hold 3 danmaku each, the rest 1.
	c := stats.Curves{BucketMs: 5000, DurationMs: 120_000}
	var all []stats.Summary
	for i := 0; i < 24; i++ {
		b := bucket(i, 0.5, -0.1, 0.2)
		if i >= 12 {
			b = bucket(i, 0.9)
		}
		c.Buckets = append(c.Buckets, b)
		all = append(all, b.Summary)
	}
	bins := sentimentBins(c) // 48 danmaku: 4 bins of 30 s
	if len(bins) != 4 {
		t.Fatalf("%d bins, want 4", len(bins))
	}
	first := stats.MergeSummaries(all[:6]...)
	if b := bins[0]; b.Count != 18 || b.StartMs != 0 || b.EndMs != 30_000 || b.ValenceMean != first.ValenceMean ||
		b.ValenceCILow != first.ValenceCILow || math.IsNaN(b.ValenceCILow) {
		t.Errorf("first bin %+v, want the exact merge of its 6 buckets, 18 danmaku", b)
	}
	if b := bins[2]; b.Count != 6 || !math.IsNaN(b.ValenceMean) || !math.IsNaN(b.ValenceCIHigh) {
		t.Errorf("third bin %+v: 6 danmaku, fewer than %d, should not be drawn", b, MinSentimentCount)
	}
	if c.Buckets[0].ValenceMean != 0.2 {
		t.Error("sentimentBins changed its input")
	}
}
