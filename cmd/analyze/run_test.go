package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/danmakuscope/danmakuscope/report"
	"github.com/parquet-go/parquet-go"
)

// reportFiles are the files every video directory of the samples holds
// (sendtime.parquet because their danmaku carry send times).
var reportFiles = []string{"danmaku.parquet", "curves.parquet", "keywords.parquet", "summary.json", "index.html",
	"highlights.parquet", "keywords_by_bucket.parquet", "term_bursts.parquet", "sendtime.parquet",
	"charts/density.png", "charts/sentiment.png", "charts/keywords.png", "charts/emotions.png",
	"charts/keywords_time.png", "charts/sendtime.png"}

// runFiles are the run-level files of a run over several videos.
var runFiles = []string{"index.html", "videos.parquet", "keywords.parquet", "keyness.parquet", "charts/videos.png"}

// openParquet opens a Parquet file for the rest of the test.
func openParquet(t testing.TB, path string) *parquet.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return pf
}

func parquetRows(t testing.TB, path string) int64 {
	t.Helper()
	return openParquet(t, path).NumRows()
}

func TestRunSamples(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := runCLI(t, "", "run", "--progress", "plain", "--out", out, samples)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	want := []string{"bilibili_cid_10000001", "bilibili_cid_10000007", "bilibili_cid_10000008"}
	dirs, _ := filepath.Glob(filepath.Join(out, "*", "summary.json"))
	var got []string
	for _, d := range dirs {
		got = append(got, filepath.Base(filepath.Dir(d)))
	}
	if !slices.Equal(got, want) {
		t.Fatalf("video directories %v, want %v", got, want)
	}
	for _, f := range runFiles {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("run-level %s: %v", f, err)
		}
	}
	if n := parquetRows(t, filepath.Join(out, "videos.parquet")); n != 3 {
		t.Errorf("videos.parquet has %d rows, want 3", n)
	}
	if b, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || strings.Count(string(b), `<tr class="video">`) != 3 {
		t.Errorf("run index.html missing or not listing the 3 videos: %v", err)
	} else if strings.Count(string(b), "<img ") != 1 {
		t.Errorf("run index.html does not embed the comparison chart")
	}
	for _, v := range want {
		dir := filepath.Join(out, v)
		for _, f := range reportFiles {
			if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
				t.Errorf("%s/%s: %v", v, f, err)
			}
		}
		s := readSummary(t, filepath.Join(dir, "summary.json"))
		if s.Counts.Items != int(s.Counts.Danmaku)+s.Counts.SkippedTotal {
			t.Errorf("%s: %d items ≠ %d danmaku + %d skipped", v, s.Counts.Items, s.Counts.Danmaku, s.Counts.SkippedTotal)
		}
		if n := parquetRows(t, filepath.Join(dir, "danmaku.parquet")); n != s.Counts.Danmaku {
			t.Errorf("%s: danmaku.parquet has %d rows, summary says %d", v, n, s.Counts.Danmaku)
		}
		if n := parquetRows(t, filepath.Join(dir, "curves.parquet")); int(n) != s.Buckets || n < 50 {
			t.Errorf("%s: curves.parquet has %d rows, summary says %d buckets", v, n, s.Buckets)
		}
		if len(s.TopKeywords) == 0 || s.Sentiment.ValenceMean == nil {
			t.Errorf("%s: summary lacks keywords or sentiment: %+v", v, s)
		}
		if n := parquetRows(t, filepath.Join(dir, "highlights.parquet")); int(n) != s.Reactions.Highlights || n < 2 {
			t.Errorf("%s: highlights.parquet has %d rows, summary says %d; every sample has at least 2", v, n, s.Reactions.Highlights)
		}
		if n := parquetRows(t, filepath.Join(dir, "term_bursts.parquet")); int(n) != s.Reactions.TermBursts {
			t.Errorf("%s: term_bursts.parquet has %d rows, summary says %d", v, n, s.Reactions.TermBursts)
		}
		excluded := int64(0)
		for _, n := range s.Counts.Excluded {
			excluded += n
		}
		if s.Counts.Analysed+excluded != s.Counts.Danmaku {
			t.Errorf("%s: %d analysed + %d excluded ≠ %d danmaku", v, s.Counts.Analysed, excluded, s.Counts.Danmaku)
		}
		if !s.Render.CJK && os.Getenv("DANMAKUSCOPE_REQUIRE_CJK") != "" {
			t.Errorf("%s: charts drawn without a CJK font: %s", v, s.Render.Warning)
		}
	}
	// The hand-written sample holds gift, sc and guard elements: counted, not analysed.
	s := readSummary(t, filepath.Join(out, want[0], "summary.json"))
	if s.Counts.Ignored["gift"] == 0 || s.Counts.Ignored["sc"] == 0 || s.Counts.Ignored["guard"] == 0 {
		t.Errorf("ignored elements %v, want gift, sc and guard counted", s.Counts.Ignored)
	}
	// … and two subtitle-pool danmaku and one of mode 7: in danmaku.parquet, out of the analysis.
	if s.Counts.Excluded["subtitle_pool"] != 2 || s.Counts.Excluded["special_mode"] != 1 || s.Counts.Analysed != 317 {
		t.Errorf("excluded %v, analysed %d; want 2 subtitle, 1 special, 317 analysed", s.Counts.Excluded, s.Counts.Analysed)
	}
	// The gzip sample is recognised by content.
	s = readSummary(t, filepath.Join(out, want[2], "summary.json"))
	if len(s.Inputs) != 1 || s.Inputs[0].Format != "xml+gzip" || len(s.Inputs[0].SHA256) != 64 {
		t.Errorf("inputs %+v, want one xml+gzip input with its SHA-256", s.Inputs)
	}
	if !strings.Contains(stderr, "analysed 3 of 3 videos") {
		t.Errorf("stderr lacks the run summary:\n%s", stderr)
	}
}

// Same input and version: byte-identical files, charts included.
func TestRunDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, out := range []string{a, b} {
		if code, _, stderr := runCLI(t, "", "run", "--progress", "none", "--workers", "2", "--out", out, samples); code != exitOK {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	}
	n := 0
	err := filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil {
			t.Errorf("%s missing in second run", rel)
		} else if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", rel)
		}
		n++
		return nil
	})
	if want := 3*len(reportFiles) + len(runFiles); err != nil || n != want {
		t.Errorf("compared %d files (%v), want %d", n, err, want)
	}
}

// Two copies of one file are one video; each danmaku is kept once.
func TestRunMergesInputsOfOneVideo(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join(samples, "sample.xml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "a.xml"), src, 0o644)
	os.WriteFile(filepath.Join(dir, "b.xml"), src, 0o644)
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "", "run", "--progress", "none", "--out", out, dir); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	s := readSummary(t, filepath.Join(out, "bilibili_cid_10000001", "summary.json"))
	if len(s.Inputs) != 2 || s.Counts.Skipped["duplicate_dmid"] != int(s.Counts.Danmaku) || s.Counts.Danmaku != 320 {
		t.Errorf("inputs %d, danmaku %d, duplicates %v; want 2 inputs, 320 danmaku, 320 duplicates",
			len(s.Inputs), s.Counts.Danmaku, s.Counts.Skipped)
	}
}

func TestRunBadInputs(t *testing.T) {
	bad := filepath.Join("..", "..", "testdata", "bad")
	tests := []struct {
		file    string
		strict  bool
		code    int
		stderr  []string
		skipped map[string]int
	}{
		{"truncated.xml", false, exitOK, []string{"truncated.xml:6:", "(truncated)"}, map[string]int{"truncated": 1}},
		{"truncated.xml", true, exitFailure, []string{"truncated.xml:6:"}, nil},
		{"control-char.xml", false, exitOK, []string{"control-char.xml:4:", "control-char.xml:6:"}, map[string]int{"illegal_char": 2}},
		{"invalid-utf8.xml", false, exitOK, []string{"invalid-utf8.xml:4:", "(invalid_utf8)"}, map[string]int{"invalid_utf8": 2}},
		{"seven-fields.xml", false, exitOK, []string{"seven-fields.xml:4:", "7 fields"}, map[string]int{"bad_p_fields": 1}},
		{"seven-fields.xml", true, exitFailure, []string{"seven-fields.xml:4:", "7 fields"}, nil},
		{"malformed.xml", false, exitOK, []string{"malformed.xml:4:"}, map[string]int{"malformed": 1}},
		{"appended.xml", false, exitOK, []string{"appended.xml:7:"}, map[string]int{"appended_document": 1, "duplicate_dmid": 1}},
		{"empty.xml", false, exitFailure, []string{"empty.xml", "empty"}, nil},
		{"not-danmaku.xml", false, exitFailure, []string{"not-danmaku.xml:2:", "root element is <rss>"}, nil},
	}
	for _, tt := range tests {
		name := tt.file
		if tt.strict {
			name += " strict"
		}
		t.Run(name, func(t *testing.T) {
			out := t.TempDir()
			args := []string{"run", "--progress", "none", "--out", out}
			if tt.strict {
				args = append(args, "--strict")
			}
			code, _, stderr := runCLI(t, "", append(args, filepath.Join(bad, tt.file))...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s", code, tt.code, stderr)
			}
			for _, w := range tt.stderr {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if tt.skipped == nil {
				if code == exitOK {
					t.Fatal("want a failure")
				}
				entries, _ := os.ReadDir(out)
				for _, e := range entries {
					if files, _ := filepath.Glob(filepath.Join(out, e.Name(), "*.parquet")); len(files) > 0 {
						t.Errorf("a failed video left files behind: %v", files)
					}
				}
				return
			}
			dirs, _ := filepath.Glob(filepath.Join(out, "*", "summary.json"))
			if len(dirs) != 1 {
				t.Fatalf("want one report, got %v", dirs)
			}
			s := readSummary(t, dirs[0])
			for reason, n := range tt.skipped {
				if s.Counts.Skipped[reason] != n {
					t.Errorf("skipped[%s] = %d, want %d (all: %v)", reason, s.Counts.Skipped[reason], n, s.Counts.Skipped)
				}
			}
			if len(s.Skips) == 0 || s.Skips[0].Line == 0 || s.Skips[0].File == "" {
				t.Errorf("summary lists skips %+v, want file and line", s.Skips)
			}
		})
	}
}

func TestScoreCommand(t *testing.T) {
	code, stdout, stderr := runCLI(t, "太好看了！\n真的好难受\n\n这是哪里\n", "score")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	want := []string{"pos", "neg", "neu", "neu"}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), stdout)
	}
	for i, line := range lines {
		var got scoreLine
		if err := json.Unmarshal([]byte(line), &got); err != nil {
			t.Fatalf("line %d: %v: %s", i+1, err, line)
		}
		if string(got.Label) != want[i] || got.Valence < -1 || got.Valence > 1 || got.Tokens == nil {
			t.Errorf("line %d: %+v, want label %s", i+1, got, want[i])
		}
		if wantEmo := []string{"like", "sorrow", "none", "none"}[i]; got.Emotion.String() != wantEmo {
			t.Errorf("line %d: emotion %s, want %s", i+1, got.Emotion, wantEmo)
		}
		if (got.Hits > 0) != (want[i] != "neu") {
			t.Errorf("line %d: %d hits", i+1, got.Hits)
		}
	}
	if !strings.Contains(stdout, `"emotions":{"joy":`) {
		t.Errorf("score output lacks the emotion scores:\n%s", stdout)
	}
}

func TestDiffCommand(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, out := range []string{a, b} {
		if code, _, stderr := runCLI(t, "", "run", "--progress", "none", "--out", out, filepath.Join(samples, "sample.xml")); code != exitOK {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	}
	if code, stdout, stderr := runCLI(t, "", "diff", a, b); code != exitOK || stdout != "" || !strings.Contains(stderr, "no differences") {
		t.Fatalf("identical trees: exit %d\n%s%s", code, stdout, stderr)
	}
	// Analyse with other buckets: curves and summary differ, and diff says where.
	c := t.TempDir()
	if code, _, stderr := runCLI(t, "", "run", "--progress", "none", "--bucket", "10s", "--out", c, filepath.Join(samples, "sample.xml")); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	code, stdout, _ := runCLI(t, "", "diff", a, c)
	if code != exitDifferences {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, w := range []string{"bilibili_cid_10000001/curves.parquet bucket=0 count:", "summary.json bucket_ms: 5000 → 10000"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("diff output lacks %q:\n%s", w, stdout)
		}
	}
	if code, _, stderr := runCLI(t, "", "diff", a, filepath.Join(c, "missing")); code != exitFailure || !strings.Contains(stderr, "missing") {
		t.Errorf("missing tree: exit %d, %s", code, stderr)
	}
}

// Without any CJK font a run still succeeds, warns once (not once per
// video), and says so in summary.json.
func TestRunWithoutCJKFont(t *testing.T) {
	out := t.TempDir()
	none := func(string, func(string) string) (*report.Font, error) { return nil, nil }
	code, _, stderr := runWith(t, env{findFont: none}, "", "run", "--progress", "none", "--out", out, samples)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if n := strings.Count(stderr, "no font with Chinese glyphs"); n != 1 {
		t.Errorf("warned %d times, want once:\n%s", n, stderr)
	}
	if !strings.Contains(stderr, "fonts-noto-cjk") || !strings.Contains(stderr, "--font") {
		t.Errorf("the warning does not say how to get a font:\n%s", stderr)
	}
	dirs, _ := filepath.Glob(filepath.Join(out, "*", "summary.json"))
	if len(dirs) != 3 {
		t.Fatalf("want 3 reports, got %v", dirs)
	}
	for _, p := range dirs {
		s := readSummary(t, p)
		if s.Render.CJK || s.Render.Font != "" || !strings.Contains(s.Render.Warning, "no font") {
			t.Errorf("%s: render %+v, want no CJK font and the warning", p, s.Render)
		}
		for _, c := range reportFiles {
			if !strings.HasPrefix(c, "charts/") {
				continue
			}
			if st, err := os.Stat(filepath.Join(filepath.Dir(p), filepath.FromSlash(c))); err != nil || st.Size() == 0 {
				t.Errorf("%s: chart %s missing: %v", p, c, err)
			}
		}
	}
}

// An explicit --font that cannot be used is an error naming it, before
// any work starts.
func TestRunBadFont(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "not-a-font.ttf")
	os.WriteFile(bad, []byte("hello"), 0o644)
	out := t.TempDir()
	code, _, stderr := runCLI(t, "", "run", "--progress", "none", "--font", bad, "--out", out, samples)
	if code != exitFailure || !strings.Contains(stderr, "not-a-font.ttf") {
		t.Errorf("exit %d, stderr %q; want 3 naming the font", code, stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("files written despite the error: %v", entries)
	}
}

// One unreadable file among good ones: the good videos are analysed, the
// bad file is named, and the run exits 3.
func TestRunContinuesPastUnreadableInput(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join(samples, "sample.xml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "a-good.xml"), src, 0o644)
	os.WriteFile(filepath.Join(dir, "b-page.xml"), []byte("<html><body>404</body></html>"), 0o644)
	out := t.TempDir()
	code, _, stderr := runCLI(t, "", "run", "--progress", "none", "--out", out, dir)
	if code != exitFailure {
		t.Fatalf("exit %d, want 3\n%s", code, stderr)
	}
	for _, w := range []string{"b-page.xml", "root element is <html>", "1 of 2 inputs could not be read"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "bilibili_cid_10000001", "summary.json")); err != nil {
		t.Errorf("the good video was not analysed: %v", err)
	}
}

// Danmaku without send times: no sendtime.parquet, no send-time chart (one
// left by an earlier run is removed), and the page says why.
func TestRunWithoutSendTimes(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><i><chatid>4242</chatid>` + "\n")
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&b, `<d p="%d.5,1,25,16777215,0,0,%08x,%d">%s</d>`+"\n", i, i%37, 1000+i, []string{"哈哈哈", "好看", "泪目"}[i%3])
	}
	b.WriteString("</i>\n")
	in := filepath.Join(t.TempDir(), "nosend.xml")
	os.WriteFile(in, []byte(b.String()), 0o644)
	out := t.TempDir()
	stale := filepath.Join(out, "bilibili_cid_4242", "charts", "sendtime.png")
	os.MkdirAll(filepath.Dir(stale), 0o755)
	os.WriteFile(stale, []byte("old"), 0o644)
	if code, _, stderr := runCLI(t, "", "run", "--progress", "none", "--out", out, in); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	dir := filepath.Join(out, "bilibili_cid_4242")
	for _, gone := range []string{"sendtime.parquet", "charts/sendtime.png"} {
		if _, err := os.Stat(filepath.Join(dir, gone)); !os.IsNotExist(err) {
			t.Errorf("%s exists without send times (%v)", gone, err)
		}
	}
	page, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	if !strings.Contains(string(page), `id="no-sendtime"`) || strings.Count(string(page), "<img ") != 5 {
		t.Errorf("page: want the no-send-time note and 5 charts")
	}
}
