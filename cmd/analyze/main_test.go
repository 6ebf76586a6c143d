package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/danmakuscope/danmakuscope/report"
)

// runCLI runs one command line in-process and returns its exit code and
// output. Panics are not recovered: a panic fails the test run.
func runCLI(t testing.TB, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runWith(t, env{}, stdin, args...)
}

// runWith is runCLI with a font finder of the test's choosing (nil: the
// real one).
func runWith(t testing.TB, e env, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e = env{
		findFont: e.findFont,
		stdin:    strings.NewReader(stdin),
		stdout:   &out,
		stderr:   &errb,
		getenv: func(k string) string {
			if k == report.FontEnv {
				return "" // use the system's fonts, whatever the test's environment says
			}
			return os.Getenv(k)
		},
	}
	if e.findFont == nil {
		e.findFont = report.FindFont
	}
	code = execute(context.Background(), e, args)
	return code, out.String(), errb.String()
}

// samples is the bundled sample corpus, relative to this package.
var samples = filepath.Join("..", "..", "testdata", "samples")

func readSummary(t testing.TB, path string) *report.Summary {
	t.Helper()
	s, err := report.ReadSummary(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"run"}, "at least one INPUT"},
		{[]string{"run", "--bucket", "-5s", samples}, "--bucket"},
		{[]string{"run", "--progress", "fancy", samples}, "--progress"},
		{[]string{"run", "--timezone", "Mars/Olympus_Mons", samples}, "--timezone"},
		{[]string{"run", "--flood-window", "0s", samples}, "--flood-window"},
		{[]string{"run", "--flood-threshold", "-1", samples}, "--flood-threshold"},
		{[]string{"run", "--max-highlights", "0", samples}, "--max-highlights"},
		{[]string{"run", "--lag", "-2s", samples}, "--lag"},
		{[]string{"run", "--highlight-z", "0", samples}, "--highlight-z"},
		{[]string{"run", "--bucket-terms", "0", samples}, "--bucket-terms"},
		{[]string{"run", "--no-such-flag", samples}, "unknown flag"},
		{[]string{"diff", "one"}, "accepts 2 arg"},
		{[]string{"diff", "--tolerance", "x", "a", "b"}, "tolerance"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
	}
	for _, tt := range tests {
		code, _, stderr := runCLI(t, "", tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 mentioning %q", tt.args, code, stderr, tt.want)
		}
	}
}

func TestHelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"run", "--help"}, {"score", "--help"}, {"diff", "--help"}, {"version", "--help"}} {
		code, stdout, _ := runCLI(t, "", args...)
		if code != exitOK || !strings.Contains(stdout, "Usage:") {
			t.Errorf("%v: exit %d, stdout lacks Usage:\n%s", args, code, stdout)
		}
	}
	code, stdout, _ := runCLI(t, "", "version")
	if code != exitOK || !strings.Contains(stdout, "danmakuscope "+report.EngineVersion) || !strings.Contains(stdout, "report schema v1") {
		t.Errorf("version: exit %d, %q", code, stdout)
	}
}
