package report

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/stats"
)

// hostile is untrusted danmaku text: markup, quotes and control characters.
const hostile = "<script>alert('x')</script>\"'&<img src=x onerror=alert(1)>\x01\x08\x1b[31m"

func pageFixture(t *testing.T) (VideoPage, string) {
	t.Helper()
	dir := t.TempDir()
	chart := filepath.Join(dir, "density.png")
	c := stats.Curves{BucketMs: 5000, DurationMs: 60000}
	for i := 0; i < 12; i++ {
		c.Buckets = append(c.Buckets, stats.Bucket{Index: i, StartMs: int64(i) * 5000, EndMs: int64(i+1) * 5000,
			DensityPerMin: float64(12 * (i%4 + 1)), Summary: stats.Summary{Count: int64(i%4 + 1), ValenceMean: 0.2,
				ValenceCILow: math.NaN(), ValenceCIHigh: math.NaN(), PosShare: 1}})
	}
	if err := DensityChart(chart, hostile, c, nil, ChartOptions{}); err != nil {
		t.Fatal(err)
	}
	mean, lo, hi, pos, neg := 0.31, 0.2, 0.42, 0.5, 0.1
	s := &Summary{SchemaVersion: SchemaVersion, VideoKey: "bilibili:cid:1" + hostile, Source: "file-xml",
		Counts:     Counts{Items: 1234568, Danmaku: 1234567, SkippedTotal: 1},
		Skips:      []fetch.Skip{{File: "a.xml", Line: 7, Reason: "illegal_char", Detail: "control character " + hostile}},
		Sentiment:  Sentiment{ValenceMean: &mean, ValenceCILow: &lo, ValenceCIHigh: &hi, PosShare: &pos, NegShare: &neg},
		DurationMs: 3725000, Parameters: []byte(`{"bucket_ms":0}`), LexiconDigest: "sha256:abc"}
	p := VideoPage{
		Summary:  s,
		Charts:   []PageChart{{Path: chart, Alt: "danmaku density " + hostile, Caption: "density " + hostile}},
		Keywords: []stats.Keyword{{Term: hostile, Count: 3, DocFreq: 2, TFIDF: 0.5, Rank: 1}, {Term: "泪目", Count: 2, DocFreq: 2, TFIDF: 0.3, Rank: 2}},
		Highlights: []PageHighlight{
			{Rank: 1, StartMs: 180000, EndMs: 200000, PeakMs: 190000, LaggedStartMs: 175000, Intensity: 4.2, Emotion: "joy",
				ValenceMean: 0.6, Keywords: []string{"哈哈哈", hostile}, Samples: []string{"笑死我了", hostile, "233"}},
			{Rank: 2, StartMs: 3600000, EndMs: 3620000, PeakMs: 3610000, LaggedStartMs: 3600000, Intensity: 2.1, Emotion: "sorrow",
				ValenceMean: math.NaN(), Keywords: nil, Samples: []string{"泪目"}},
		},
		VideoURL: func(sec int64) string {
			return "https://www.bilibili.com/video/BV1xx411c7mD?t=" + strconv.FormatInt(sec, 10)
		},
	}
	return p, filepath.Join(dir, "index.html")
}

func TestVideoPageEscapesUntrustedText(t *testing.T) {
	p, path := pageFixture(t)
	if err := WriteVideoPage(path, p); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, bad := range []string{"<script", "<img src=x", "\x01", "\x08", "\x1b"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q: untrusted text was not escaped", bad)
		}
	}
	for _, want := range []string{
		"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", // a sample, escaped
		`id="danmaku-count">1,234,567<`,
		`href="https://www.bilibili.com/video/BV1xx411c7mD?t=175"`, // the lag-corrected start
		`href="https://www.bilibili.com/video/BV1xx411c7mD?t=3600"`,
		"3:00–3:20", "1:00:00–1:00:20", "moment ≈ 2:55",
		"data:image/png;base64,",
		"The top 2 of 2 terms",
		"<td>joy 乐</td>", "<td>sorrow 哀</td>", // emotions named in Chinese too
		`id="no-sendtime"`, // the fixture has no send times
		`<td class="num">7</td><td>illegal_char</td>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if n := strings.Count(page, `<tr class="highlight">`); n != 2 {
		t.Errorf("%d highlight rows, want 2", n)
	}
}

func TestPagesAreDeterministic(t *testing.T) {
	p, path := pageFixture(t)
	if err := WriteVideoPage(path, p); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(path)
	if err := WriteVideoPage(path, p); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if string(a) != string(b) || len(a) == 0 {
		t.Error("two writes of the same page differ")
	}
}

func TestRunPage(t *testing.T) {
	p, _ := pageFixture(t)
	path := filepath.Join(t.TempDir(), "index.html")
	videos := []RunVideo{{S: p.Summary, Href: "bilibili_cid_1/index.html"}, {S: p.Summary, Href: "b/index.html", Title: "BV1xx411c7mD p2 · cid 62132"}}
	if err := WriteRunPage(path, "run "+hostile, videos, nil); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	page := string(b)
	if strings.Contains(page, "<script") || strings.Count(page, `<tr class="video">`) != 2 ||
		!strings.Contains(page, `href="bilibili_cid_1/index.html"`) || !strings.Contains(page, `id="danmaku-count">2,469,134<`) ||
		!strings.Contains(page, `<a href="b/index.html">BV1xx411c7mD p2 · cid 62132</a>`) || !strings.Contains(page, `id="no-comparison"`) {
		t.Errorf("run page wrong:\n%s", page)
	}
}

func TestGroupDigits(t *testing.T) {
	for in, want := range map[string]string{"0": "0", "999": "999", "1000": "1,000", "123456": "123,456",
		"1234567": "1,234,567", "-1234": "-1,234", "1.5": "1.5"} {
		if got := groupDigits(in); got != want {
			t.Errorf("groupDigits(%s) = %s, want %s", in, got, want)
		}
	}
}
