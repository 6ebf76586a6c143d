package report

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/danmakuscope/danmakuscope/stats"
	"github.com/parquet-go/parquet-go"
)

// testReactions is one video's reaction analytics for the writer tests.
func testReactions() stats.Reactions {
	return stats.Reactions{
		Highlights: []stats.Highlight{
			{Rank: 1, StartMs: 170_000, EndMs: 190_000, PeakMs: 181_500, LaggedStartMs: 165_000, Intensity: 3.2, Z: 9.1,
				Count: 180, Weighted: 171.5, Excess: 95, PeakPerMin: 640, BaselinePerMin: 200, Emotion: "joy", ValenceMean: 0.41,
				Keywords: []string{"哈哈哈", "233"}, Samples: []string{"哈哈哈", "笑死我了"}},
			{Rank: 2, StartMs: 0, EndMs: 14_000, PeakMs: 6_500, Intensity: 2, Z: 5, ValenceMean: math.NaN(), Ritual: true},
		},
		BucketTerms: []stats.BucketTerm{
			{Bucket: 0, StartMs: 0, EndMs: 5000, Term: "打卡", Rank: 1, Count: 3, Weighted: 2.5, Share: 0.4, Expected: 0.1, BurstScore: math.NaN()},
			{Bucket: 36, StartMs: 180_000, EndMs: 185_000, Term: "哈哈哈", Rank: 1, Count: 40, Weighted: 36, Share: 0.5, Expected: 6, BurstScore: 48, Bursting: true},
		},
		Bursts: []stats.TermBurst{
			{Rank: 1, Term: "名场面", StartMs: 470_000, EndMs: 485_000, PeakMs: 482_500, Count: 28, Weighted: 28, Expected: 0, Ratio: math.Inf(1), Score: 151},
			{Rank: 2, Term: "哈哈哈", StartMs: 170_000, EndMs: 185_000, PeakMs: 177_500, Count: 42, Weighted: 36.8, Expected: 5.7, Ratio: 6.4, Score: 66},
		},
		SendTime: stats.SendTime{Zone: "Asia/Shanghai",
			Days: []stats.SendDay{{Day: 0, Date: "2024-03-01", Weekday: 5, Summary: stats.Summary{Count: 2, ValenceMean: 0.5,
				ValenceCILow: 0.1, ValenceCIHigh: 0.9, PosShare: 1, NegShare: 0, NeuShare: 0}},
				{Day: 1, Date: "2024-03-02", Weekday: 6, Summary: emptySummary()}},
			Week: []stats.SendHour{{Weekday: 1, Hour: 0, Summary: emptySummary()}, {Weekday: 5, Hour: 23, Summary: stats.Summary{Count: 2, ValenceMean: 0.5,
				ValenceCILow: math.NaN(), ValenceCIHigh: math.NaN(), PosShare: 1}}}},
		HasSendTime: true,
	}
}

func emptySummary() stats.Summary {
	nan := math.NaN()
	return stats.Summary{ValenceMean: nan, ValenceCILow: nan, ValenceCIHigh: nan, PosShare: nan, NegShare: nan, NeuShare: nan}
}

// Every new table reads back as written: values, nulls for undefined
// numbers and unknown emotions, empty lists as lists, the video key and
// the metadata; and two writes give the same bytes.
func TestReactionTablesRoundTrip(t *testing.T) {
	dir := t.TempDir()
	meta := Meta{VideoKey: "bilibili:cid:7", LexiconDigest: "sha256:x", Params: `{"lag_ms":5000}`}
	r := testReactions()
	write := func(d string) {
		for _, err := range []error{
			WriteHighlights(filepath.Join(d, "highlights.parquet"), r.Highlights, meta),
			WriteBucketTerms(filepath.Join(d, "keywords_by_bucket.parquet"), r.BucketTerms, meta),
			WriteTermBursts(filepath.Join(d, "term_bursts.parquet"), r.Bursts, meta),
			WriteSendTime(filepath.Join(d, "sendtime.parquet"), r.SendTime, meta),
		} {
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	write(dir)
	again := t.TempDir()
	write(again)
	for _, f := range []string{"highlights.parquet", "keywords_by_bucket.parquet", "term_bursts.parquet", "sendtime.parquet"} {
		a, _ := os.ReadFile(filepath.Join(dir, f))
		b, _ := os.ReadFile(filepath.Join(again, f))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: two writes differ (or are empty)", f)
		}
		tb, err := openTable(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if tb.meta(MetaVideoKey) != meta.VideoKey || tb.meta(MetaParams) != meta.Params || tb.meta(MetaSchemaVersion) != "1" {
			t.Errorf("%s: metadata video %q params %q schema %q", f, tb.meta(MetaVideoKey), tb.meta(MetaParams), tb.meta(MetaSchemaVersion))
		}
		tb.Close()
	}

	hs, err := parquet.ReadFile[highlightRow](filepath.Join(dir, "highlights.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 2 || hs[0].VideoKey != meta.VideoKey || hs[0].Emotion == nil || *hs[0].Emotion != "joy" ||
		!slices.Equal(hs[0].Keywords, []string{"哈哈哈", "233"}) || hs[0].LaggedStartMs != 165_000 || hs[0].ZScore != 9.1 {
		t.Errorf("highlight 1 read back as %+v", hs[0])
	}
	if hs[1].Emotion != nil || hs[1].ValenceMean != nil || hs[1].Keywords == nil || len(hs[1].Keywords) != 0 || !hs[1].Ritual {
		t.Errorf("highlight 2 read back as %+v: want null emotion and valence, empty lists, ritual", hs[1])
	}
	bts, err := parquet.ReadFile[bucketTermRow](filepath.Join(dir, "keywords_by_bucket.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	if len(bts) != 2 || bts[0].BurstScore != nil || bts[1].BurstScore == nil || *bts[1].BurstScore != 48 || !bts[1].Bursting || bts[1].Term != "哈哈哈" {
		t.Errorf("bucket terms read back as %+v", bts)
	}
	tbs, err := parquet.ReadFile[termBurstRow](filepath.Join(dir, "term_bursts.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tbs) != 2 || tbs[0].Ratio != nil || tbs[1].Ratio == nil || *tbs[1].Ratio != 6.4 || tbs[0].Term != "名场面" {
		t.Errorf("term bursts read back as %+v: want a null ratio where the term occurs nowhere else", tbs)
	}
	sts, err := parquet.ReadFile[sendTimeRow](filepath.Join(dir, "sendtime.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) != 4 || sts[0].Grain != GrainDay || *sts[0].Date != "2024-03-01" || sts[0].Hour != nil || sts[0].TimeZone != "Asia/Shanghai" ||
		sts[1].ValenceMean != nil || sts[3].Grain != GrainHourOfWeek || sts[3].Day != nil || *sts[3].Hour != 23 || sts[3].Weekday != 5 {
		t.Errorf("send times read back as %+v", sts)
	}
}

// The run-level tables read back as written.
func TestRunTablesRoundTrip(t *testing.T) {
	dir := t.TempDir()
	meta := Meta{LexiconDigest: "sha256:x"}
	vs := []stats.VideoFacts{
		{VideoKey: "bilibili:cid:1", Source: "file-xml", Danmaku: 317, Excluded: 3, DurationMs: 711_360, BucketMs: 5000,
			MeanPerMin: 26.7, PeakPerMin: 147, Sentiment: stats.Summary{Count: 317, ValenceMean: 0.25, ValenceCILow: 0.2, ValenceCIHigh: 0.3,
				PosShare: 0.5, NegShare: 0.1, NeuShare: 0.4}, Highlights: 2, TermBursts: 4, TopKeywords: []string{"哈哈哈"}},
		{VideoKey: "bilibili:cid:2", Sentiment: emptySummary(), Emotions: stats.EmotionMix{Known: true, Shares: [stats.NumEmotions]float64{0.5, 0, 0, 0, 0, 0, 0.1, 0.4}}},
	}
	if err := WriteVideos(filepath.Join(dir, VideosFile), vs, meta); err != nil {
		t.Fatal(err)
	}
	rows, err := parquet.ReadFile[videoRow](filepath.Join(dir, VideosFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Danmaku != 317 || rows[0].JoyShare != nil || *rows[0].ValenceMean != 0.25 || rows[0].Highlights != 2 {
		t.Errorf("video 1 read back as %+v: want no emotion shares (unknown)", rows[0])
	}
	if rows[1].ValenceMean != nil || rows[1].JoyShare == nil || *rows[1].JoyShare != 0.5 || *rows[1].NoneShare != 0.4 || rows[1].TopKeywords == nil {
		t.Errorf("video 2 read back as %+v", rows[1])
	}
	kws := []stats.CorpusKeyword{{Term: "哈哈哈", Kind: stats.KindWord, Count: 290, DocFreq: 290, Videos: 3, TFIDF: 0.65, Keyness: math.NaN(), Rank: 1}}
	if err := WriteCorpusKeywords(filepath.Join(dir, CorpusKeywordsFile), kws, meta); err != nil {
		t.Fatal(err)
	}
	krows, err := parquet.ReadFile[corpusKeywordRow](filepath.Join(dir, CorpusKeywordsFile))
	if err != nil || len(krows) != 1 || krows[0].Videos != 3 || krows[0].Keyness != nil || krows[0].Kind != "word" {
		t.Errorf("corpus keywords read back as %+v (%v)", krows, err)
	}
	ks := []stats.VideoKeyness{{VideoKey: "bilibili:cid:1", Term: "笑死", Kind: "word", Count: 5, OtherCount: 0, LogLikelihood: 24.2, LogRatio: 6.8, Rank: 1}}
	if err := WriteKeyness(filepath.Join(dir, KeynessFile), ks, meta); err != nil {
		t.Fatal(err)
	}
	yrows, err := parquet.ReadFile[keynessRow](filepath.Join(dir, KeynessFile))
	if err != nil || len(yrows) != 1 || yrows[0].LogLikelihood != 24.2 || yrows[0].VideoKey != "bilibili:cid:1" {
		t.Errorf("keyness read back as %+v (%v)", yrows, err)
	}
}

// reactionTree writes a one-video tree with the reaction tables and the
// run-level videos.parquet; edit may change the inputs first.
func reactionTree(t *testing.T, edit func(r *stats.Reactions, vs *[]stats.VideoFacts)) string {
	t.Helper()
	root := tree(t, t.TempDir(), nil)
	r := testReactions()
	vs := []stats.VideoFacts{{VideoKey: "bilibili:cid:1", Sentiment: emptySummary(), Highlights: 2}}
	if edit != nil {
		edit(&r, &vs)
	}
	dir := filepath.Join(root, "bilibili_cid_1")
	meta := Meta{VideoKey: "bilibili:cid:1"}
	for _, err := range []error{
		WriteHighlights(filepath.Join(dir, "highlights.parquet"), r.Highlights, meta),
		WriteBucketTerms(filepath.Join(dir, "keywords_by_bucket.parquet"), r.BucketTerms, meta),
		WriteTermBursts(filepath.Join(dir, "term_bursts.parquet"), r.Bursts, meta),
		WriteSendTime(filepath.Join(dir, "sendtime.parquet"), r.SendTime, meta),
		WriteVideos(filepath.Join(root, VideosFile), vs, Meta{}),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// diff names the row of each new file by its key columns, and compares the
// run-level files.
func TestDiffReactionTables(t *testing.T) {
	base := reactionTree(t, nil)
	tests := []struct {
		name string
		edit func(r *stats.Reactions, vs *[]stats.VideoFacts)
		tol  []string
		want []string
	}{
		{"identical", nil, nil, nil},
		{"highlight moves", func(r *stats.Reactions, _ *[]stats.VideoFacts) { r.Highlights[0].PeakMs += 1000 },
			nil, []string{"bilibili_cid_1/highlights.parquet rank=1 peak_ms: 181500 → 182500"}},
		{"highlight moves within its file's tolerance", func(r *stats.Reactions, _ *[]stats.VideoFacts) { r.Highlights[0].PeakMs += 1000 },
			[]string{"highlights.parquet=1000"}, nil},
		{"highlight keyword list", func(r *stats.Reactions, _ *[]stats.VideoFacts) { r.Highlights[0].Keywords[1] = "xswl" },
			nil, []string{`highlights.parquet rank=1 keywords: ["哈哈哈" "233"] → ["哈哈哈" "xswl"] (element 1 differs)`}},
		{"bucket term by bucket and term", func(r *stats.Reactions, _ *[]stats.VideoFacts) { r.BucketTerms[1].Count = 41 },
			nil, []string{`keywords_by_bucket.parquet bucket=36 term="哈哈哈" count: 40 → 41`}},
		{"burst gone", func(r *stats.Reactions, _ *[]stats.VideoFacts) { r.Bursts = r.Bursts[:1] },
			nil, []string{`term_bursts.parquet term="哈哈哈" start_ms=170000: row → absent (row only in baseline)`}},
		{"send day by grain and day", func(r *stats.Reactions, _ *[]stats.VideoFacts) { r.SendTime.Days[0].Count = 3 },
			nil, []string{`sendtime.parquet grain="day" day=0 weekday=5 hour=null count: 2 → 3`}},
		{"run-level row", func(_ *stats.Reactions, vs *[]stats.VideoFacts) { (*vs)[0].Highlights = 3 },
			nil, []string{`videos.parquet video_key="bilibili:cid:1" highlights: 2 → 3`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur := reactionTree(t, tt.edit)
			tol := Tolerances{Float: DefaultTolerance}
			for _, s := range tt.tol {
				if err := ParseTolerance(s, &tol); err != nil {
					t.Fatal(err)
				}
			}
			res, err := Diff(base, cur, tol)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range res.Differences {
				got = append(got, d.String())
			}
			if len(got) != len(tt.want) {
				t.Fatalf("differences:\n%s\nwant %q", strings.Join(got, "\n"), tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("difference %q, want it to contain %q", got[i], w)
				}
			}
			if res.Files != 9 {
				t.Errorf("compared %d files, want 9 (8 of the video, 1 of the run)", res.Files)
			}
		})
	}
	// A run-level file on one side only.
	cur := reactionTree(t, nil)
	if err := WriteKeyness(filepath.Join(cur, KeynessFile), nil, Meta{}); err != nil {
		t.Fatal(err)
	}
	res, err := Diff(base, cur, Tolerances{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Differences) != 1 || res.Differences[0].String() != "keyness.parquet (file only in current)" {
		t.Errorf("differences %v, want keyness.parquet only in current", res.Differences)
	}
}

func TestComparisonChart(t *testing.T) {
	video := func(i int) stats.VideoFacts {
		v := 0.5 - 0.1*float64(i%10)
		return stats.VideoFacts{VideoKey: "bilibili:cid:" + strings.Repeat("9", i%5+1), Danmaku: int64(1000 - i), MeanPerMin: float64(i%13) * 7,
			Highlights: i % 4, Sentiment: stats.Summary{ValenceMean: v, ValenceCILow: v - 0.1, ValenceCIHigh: v + 0.1}}
	}
	many := func(n int) []stats.VideoFacts {
		var vs []stats.VideoFacts
		for i := 0; i < n; i++ {
			v := video(i)
			v.VideoKey += "-" + strings.Repeat("x", i)
			vs = append(vs, v)
		}
		return vs
	}
	hostile := []stats.VideoFacts{{VideoKey: "", MeanPerMin: math.Inf(1), Sentiment: stats.Summary{ValenceMean: 3, ValenceCILow: math.NaN(), ValenceCIHigh: 9}},
		{VideoKey: "\n换行", MeanPerMin: -4, Sentiment: emptySummary()}}
	tests := []struct {
		name string
		vs   []stats.VideoFacts
		rows int
	}{
		{"none", nil, 3}, {"two", many(2), 3}, {"seven", many(7), 7}, {"more than the cap", many(55), maxCompared}, {"hostile", hostile, 3},
	}
	for fontName, opt := range chartFonts(t) {
		for _, tt := range tests {
			path := filepath.Join(t.TempDir(), "charts", "videos.png")
			if err := ComparisonChart(path, tt.vs, opt); err != nil {
				t.Fatalf("%s/%s: %v", fontName, tt.name, err)
			}
			first := checkPNG(t, path, compareChartW, compareChromeH+compareRowH*tt.rows)
			if err := ComparisonChart(path, tt.vs, opt); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, checkPNG(t, path, compareChartW, compareChromeH+compareRowH*tt.rows)) {
				t.Errorf("%s/%s: two drawings differ", fontName, tt.name)
			}
		}
	}
}

func TestComparisonValenceRange(t *testing.T) {
	row := func(m, lo, hi float64) stats.VideoFacts {
		return stats.VideoFacts{Sentiment: stats.Summary{ValenceMean: m, ValenceCILow: lo, ValenceCIHigh: hi}}
	}
	tests := []struct {
		name   string
		rows   []stats.VideoFacts
		lo, hi float64
	}{
		{"positive videos start at 0", []stats.VideoFacts{row(0.18, 0.17, 0.2), row(0.24, 0.21, 0.28)}, 0, 0.3},
		{"both signs", []stats.VideoFacts{row(-0.3, -0.42, -0.2), row(0.5, 0.4, 0.6)}, -0.6, 0.6},
		{"clamped", []stats.VideoFacts{row(0.9, 0.8, 1.4)}, 0, 1},
		{"nothing defined", []stats.VideoFacts{row(math.NaN(), math.NaN(), math.NaN())}, -1, 1},
	}
	for _, tt := range tests {
		lo, hi := valenceRange(tt.rows)
		if math.Abs(lo-tt.lo) > 1e-9 || math.Abs(hi-tt.hi) > 1e-9 {
			t.Errorf("%s: [%v, %v], want [%v, %v]", tt.name, lo, hi, tt.lo, tt.hi)
		}
	}
}
