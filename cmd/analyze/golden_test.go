package main

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/danmakuscope/danmakuscope/report"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output (review the git diff before committing)")

// golden is the checked-in report tree of the sample corpus.
var golden = filepath.Join("..", "..", "testdata", "golden")

// TestGolden analyses the sample corpus and compares the result with the
// golden tree through the same code as `analyze diff`. Charts are left out
// of the golden tree: their pixels depend on the machine's fonts, and they
// are checked by the report tests and TestRunDeterministic. After an
// intended change, refresh the tree deliberately with
//
//	go test ./cmd/analyze -run TestGolden -update
//
// and review `git diff testdata/golden` (and `analyze diff`) before committing.
func TestGolden(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "", "run", "--progress", "none", "--out", out, samples); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	// Charts, and the pages that embed them, depend on the machine's fonts.
	charts, _ := filepath.Glob(filepath.Join(out, "*", "charts"))
	pages, _ := filepath.Glob(filepath.Join(out, "*", "index.html"))
	for _, c := range slices.Concat(charts, pages, []string{filepath.Join(out, "charts"), filepath.Join(out, "index.html")}) {
		os.RemoveAll(c)
	}
	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(golden, os.DirFS(out)); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote %s", golden)
		return
	}
	res, err := report.Diff(golden, out, report.Tolerances{Float: report.DefaultTolerance})
	if err != nil {
		t.Fatalf("%v (refresh with: go test ./cmd/analyze -run TestGolden -update)", err)
	}
	for _, d := range res.Differences {
		t.Error(d)
	}
	if res.Omitted > 0 {
		t.Errorf("… and %d more differences", res.Omitted)
	}
	if res.Videos != 3 {
		t.Errorf("compared %d videos, want 3", res.Videos)
	}
}
