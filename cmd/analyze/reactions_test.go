package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/danmakuscope/danmakuscope/fetch/synth"
	"github.com/parquet-go/parquet-go"
)

// highlightRecord is the part of a highlights.parquet row the tests read.
type highlightRecord struct {
	StartMs       int64    `parquet:"start_ms"`
	EndMs         int64    `parquet:"end_ms"`
	PeakMs        int64    `parquet:"peak_ms"`
	LaggedStartMs int64    `parquet:"lagged_start_ms"`
	Rank          int32    `parquet:"rank"`
	Keywords      []string `parquet:"keywords,list"`
	Samples       []string `parquet:"samples,list"`
	Ritual        bool     `parquet:"ritual"`
}

// burstRecord is the part of a term_bursts.parquet row the tests read.
type burstRecord struct {
	Term    string `parquet:"term"`
	StartMs int64  `parquet:"start_ms"`
	EndMs   int64  `parquet:"end_ms"`
}

func readRows[T any](t *testing.T, path string) []T {
	t.Helper()
	rows, err := parquet.ReadFile[T](path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// End to end on a generated video with planted truth: the three bursts
// are the highlights (with their lag-corrected starts, keywords and
// samples), the flooding user and the rituals are not, the planted term
// bursts at its time, and send-time trends are written; asked for, the
// rituals are reported and marked.
func TestRunPlantedVideo(t *testing.T) {
	in := t.TempDir()
	cfg := synth.Default(21, 12*60_000, 5000)
	if _, err := writeSynth(filepath.Join(in, "synth.xml"), cfg); err != nil {
		t.Fatal(err)
	}
	for _, rituals := range []bool{false, true} {
		out := t.TempDir()
		args := []string{"run", "--progress", "none", "--lag", "3s", "--out", out, in}
		if rituals {
			args = append(args, "--include-rituals")
		}
		if code, _, stderr := runCLI(t, "", args...); code != exitOK {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		dir := filepath.Join(out, dirName(cfg.VideoKey()))
		hs := readRows[highlightRecord](t, filepath.Join(dir, "highlights.parquet"))
		found, marked := 0, 0
		for _, h := range hs {
			if h.LaggedStartMs != max(0, h.StartMs-3000) || len(h.Keywords) == 0 || len(h.Samples) == 0 {
				t.Errorf("highlight %+v: want lagged start 3 s earlier, keywords and samples", h)
			}
			if h.Ritual {
				marked++
				continue
			}
			ok := false
			for _, b := range cfg.Bursts {
				ok = ok || (h.PeakMs >= b.AtMs && h.PeakMs < b.AtMs+b.LenMs)
			}
			if !ok {
				t.Errorf("highlight %+v matches no planted burst %+v (flood %+v, rituals %+v)", h, cfg.Bursts, cfg.Floods, cfg.Rituals)
			}
			found++
		}
		if found != 3 || (rituals && marked != 2) || (!rituals && marked != 0) {
			t.Errorf("include rituals %v: %d highlights, %d rituals; want 3 and %d", rituals, found, marked, map[bool]int{true: 2}[rituals])
		}
		term := cfg.TermBursts[0]
		hit := false
		for _, b := range readRows[burstRecord](t, filepath.Join(dir, "term_bursts.parquet")) {
			hit = hit || (b.Term == term.Term && b.StartMs < term.AtMs+term.LenMs && b.EndMs > term.AtMs)
		}
		if !hit {
			t.Errorf("term %q planted to burst at %d ms is not in term_bursts.parquet", term.Term, term.AtMs)
		}
		s := readSummary(t, filepath.Join(dir, "summary.json"))
		if s.Reactions.RitualBursts != 2 || s.Reactions.Flood.Users < 1 || !s.Reactions.SendTime || parquetRows(t, filepath.Join(dir, "sendtime.parquet")) < 168 {
			t.Errorf("summary reactions %+v: want 2 ritual bursts, a flooding user and send-time trends", s.Reactions)
		}
	}
}

// A run over one video writes videos.parquet and keywords.parquet for the
// run, but no keyness or comparison chart, and removes those an earlier
// run over several videos left in the same place.
func TestRunLevelFilesOfOneVideo(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "", "run", "--progress", "none", "--out", out, samples); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", "run", "--progress", "none", "--out", out, filepath.Join(samples, "sample.xml")); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if n := parquetRows(t, filepath.Join(out, "videos.parquet")); n != 1 {
		t.Errorf("videos.parquet has %d rows, want 1", n)
	}
	for _, stale := range []string{"keyness.parquet", "charts/videos.png"} {
		if _, err := os.Stat(filepath.Join(out, stale)); !os.IsNotExist(err) {
			t.Errorf("%s of the earlier run is still there (%v)", stale, err)
		}
	}
}

// diff covers every new file: it names the video, file, row key and column
// of each difference, per-file and per-column tolerances apply to them,
// and the run-level files are compared too.
func TestDiffReactionFiles(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	run := func(out string, extra ...string) {
		args := append([]string{"run", "--progress", "none", "--out", out}, extra...)
		if code, _, stderr := runCLI(t, "", append(args, samples)...); code != exitOK {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	}
	run(a)
	run(b, "--lag", "8s", "--bucket-terms", "3", "--max-highlights", "2")
	code, stdout, _ := runCLI(t, "", "diff", a, b)
	if code != exitDifferences {
		t.Fatalf("diff exit %d, want 1\n%s", code, stdout)
	}
	for _, w := range []string{
		"bilibili_cid_10000007/highlights.parquet rank=1 lagged_start_ms: ",
		"bilibili_cid_10000007/highlights.parquet rank=3: row → absent (row only in baseline)",
		"bilibili_cid_10000001/keywords_by_bucket.parquet bucket=36 term=",
		`videos.parquet video_key="bilibili:cid:10000007" highlights: 3 → 2`,
		"summary.json parameters.reactions.lag_ms: 5000 → 8000",
	} {
		if !strings.Contains(stdout, w) {
			t.Errorf("diff output lacks %q", w)
		}
	}
	// Tolerances per column and per file silence exactly those.
	c := t.TempDir()
	run(c, "--lag", "8s")
	code, stdout, _ = runCLI(t, "", "diff", "--tolerance", "highlights.parquet:lagged_start_ms=3000",
		"--tolerance", "summary.json:parameters.reactions.lag_ms=3000", a, c)
	if code != exitOK || stdout != "" {
		t.Errorf("with tolerances: exit %d\n%s", code, stdout)
	}
	code, stdout, _ = runCLI(t, "", "diff", "--tolerance", "highlights.parquet=2999",
		"--tolerance", "summary.json:parameters.reactions.lag_ms=3000", a, c)
	if code != exitDifferences || !strings.Contains(stdout, "lagged_start_ms") || !strings.Contains(stdout, "> tolerance 2999") {
		t.Errorf("a file tolerance just too small: exit %d\n%s", code, stdout)
	}
}
