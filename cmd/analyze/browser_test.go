package main

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/danmakuscope/danmakuscope/report"
	"github.com/danmakuscope/danmakuscope/report/browsertest"
)

// The pages of a real run over the samples, loaded in headless Chromium:
// each video page has one highlight row per row of its highlights.parquet,
// its keyword table, every section, every chart decoded, working links
// and no console error; the run page lists every video with the
// comparison chart.
func TestPagesInBrowser(t *testing.T) {
	browsertest.Chromium(t) // skip early, before the run, without a browser
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "", "run", "--progress", "none", "--out", out, samples); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	b := browsertest.Open(t, out)
	const (
		hl, kw, videos = "#highlight-table tbody tr", "#keyword-table tbody tr", "#video-table tbody tr"
		figures        = "#summary .figure"
	)
	sections := []string{"#summary", "#charts", "#highlights", "#keywords"}
	dirs, _ := filepath.Glob(filepath.Join(out, "*", "summary.json"))
	if len(dirs) != 3 {
		t.Fatalf("%d videos, want 3", len(dirs))
	}
	for _, sum := range dirs {
		dir := filepath.Dir(sum)
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			p := b.Load(name+"/index.html", append([]string{hl, kw, figures}, sections...)...)
			if want := parquetRows(t, filepath.Join(dir, "highlights.parquet")); int64(p.Counts[hl]) != want || want == 0 {
				t.Errorf("%d highlight rows, highlights.parquet has %d", p.Counts[hl], want)
			}
			if want := min(parquetRows(t, filepath.Join(dir, "keywords.parquet")), report.MaxPageKeywords); int64(p.Counts[kw]) != want {
				t.Errorf("%d keyword rows, want %d", p.Counts[kw], want)
			}
			for _, s := range sections {
				if p.Counts[s] != 1 {
					t.Errorf("section %s: %d on the page, want 1", s, p.Counts[s])
				}
			}
			if p.Counts[figures] < 5 {
				t.Errorf("%d summary figures", p.Counts[figures])
			}
			charts, _ := filepath.Glob(filepath.Join(dir, "charts", "*.png"))
			if p.Images != len(charts) || p.Loaded != p.Images || len(charts) != 6 {
				t.Errorf("%d of %d images loaded, %d charts written (broken: %q)", p.Loaded, p.Images, len(charts), p.Broken)
			}
			if key := readSummary(t, sum).VideoKey; p.Title != key {
				t.Errorf("title %q, want the video key %q", p.Title, key)
			}
			checkLinks(t, out, name, p.Links)
			if len(p.ConsoleErrors) > 0 {
				t.Errorf("console errors: %v", p.ConsoleErrors)
			}
		})
	}
	t.Run("run", func(t *testing.T) {
		p := b.Load("index.html", videos, "#summary", "#charts", "#videos")
		if p.Counts[videos] != 3 || p.Images != 1 || p.Loaded != 1 {
			t.Errorf("%d video rows, %d of %d images loaded; want 3 and the comparison chart", p.Counts[videos], p.Loaded, p.Images)
		}
		for _, s := range []string{"#summary", "#charts", "#videos"} {
			if p.Counts[s] != 1 {
				t.Errorf("section %s: %d on the run page, want 1", s, p.Counts[s])
			}
		}
		if len(p.Links) != 3 {
			t.Errorf("links %q, want one per video", p.Links)
		}
		checkLinks(t, out, ".", p.Links)
		if len(p.ConsoleErrors) > 0 {
			t.Errorf("console errors: %v", p.ConsoleErrors)
		}
	})
}

// checkLinks checks that the relative links of the page in dir (a slash
// path under out) name files that exist, and that absolute ones are https.
func checkLinks(t *testing.T, out, dir string, links []string) {
	t.Helper()
	for _, l := range links {
		u, err := url.Parse(l)
		switch {
		case err != nil:
			t.Errorf("link %q: %v", l, err)
		case u.IsAbs():
			if u.Scheme != "https" {
				t.Errorf("link %q is not https", l)
			}
		default:
			target := filepath.Join(out, filepath.FromSlash(path.Join(dir, u.Path)))
			if _, err := os.Stat(target); err != nil || strings.Contains(u.Path, "..") {
				t.Errorf("link %q: %v", l, err)
			}
		}
	}
}
