package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/danmakuscope/danmakuscope/report"
)

// A user lexicon changes the analysis and is recorded by format and digest,
// never by path, in summary.json and the Parquet metadata.
func TestRunUserLexicon(t *testing.T) {
	dir := t.TempDir()
	lex := filepath.Join(dir, "my-negative-words.txt")
	if err := os.WriteFile(lex, []byte("哈哈哈\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	input := filepath.Join(samples, "sample.xml")
	base, with := t.TempDir(), t.TempDir()
	if code, _, stderr := runCLI(t, "", "run", "--progress", "none", "--out", base, input); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	code, _, stderr := runCLI(t, "", "run", "--progress", "plain", "--lexicon", lex, "--out", with, input)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "my-negative-words.txt (negative, utf-8): 1 entries") {
		t.Errorf("stderr does not describe the lexicon:\n%s", stderr)
	}
	sb := readSummary(t, filepath.Join(base, "bilibili_cid_10000001", "summary.json"))
	sw := readSummary(t, filepath.Join(with, "bilibili_cid_10000001", "summary.json"))
	if sb.LexiconDigest == sw.LexiconDigest {
		t.Error("the lexicon digest ignores the user lexicon")
	}
	if !(*sw.Sentiment.ValenceMean < *sb.Sentiment.ValenceMean) {
		t.Errorf("laughter made negative: mean valence %v, want below %v", *sw.Sentiment.ValenceMean, *sb.Sentiment.ValenceMean)
	}
	var params struct {
		Lexicons []lexiconRef `json:"lexicons"`
	}
	if err := json.Unmarshal(sw.Parameters, &params); err != nil {
		t.Fatal(err)
	}
	if len(params.Lexicons) != 1 || params.Lexicons[0].Format != "negative" || len(params.Lexicons[0].SHA256) != 64 || params.Lexicons[0].Entries != 1 {
		t.Errorf("parameters.lexicons = %+v", params.Lexicons)
	}
	if strings.Contains(string(sw.Parameters), dir) || strings.Contains(string(sw.Parameters), "my-negative") {
		t.Errorf("parameters name the lexicon's path: %s", sw.Parameters)
	}
	pf := openParquet(t, filepath.Join(with, "bilibili_cid_10000001", "curves.parquet"))
	if v, _ := pf.Lookup(report.MetaParams); !strings.Contains(v, params.Lexicons[0].SHA256) {
		t.Errorf("Parquet params %q lack the lexicon digest", v)
	}
	if v, _ := pf.Lookup(report.MetaLexiconDigest); v != sw.LexiconDigest {
		t.Errorf("Parquet lexicon digest %q, want %q", v, sw.LexiconDigest)
	}
}

func TestLexiconFlagErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.tsv")
	if err := os.WriteFile(bad, []byte("term\tvalence\temotion\tweight\tnote\n好看\t2\tlike\t\t\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"bad format name", []string{"score", "--lexicon-format", "hownet"}, exitUsage, "--lexicon-format"},
		{"missing file", []string{"score", "--lexicon", filepath.Join(dir, "none.txt")}, exitFailure, "none.txt"},
		{"bad line", []string{"score", "--lexicon", bad}, exitFailure, "bad.tsv:2"},
		{"bad line with a prefix", []string{"score", "--lexicon", "tsv:" + bad}, exitFailure, "bad.tsv:2"},
		{"empty after prefix", []string{"score", "--lexicon", "positive:"}, exitUsage, "no file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "", tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, stderr, tt.code, tt.want)
			}
		})
	}
}

// score --eval reads a labeled set and prints the figures; bad sets are
// errors naming the line.
func TestScoreEval(t *testing.T) {
	dir := t.TempDir()
	pol := filepath.Join(dir, "pol.csv")
	if err := os.WriteFile(pol, []byte("text,label\n太好看了,pos\n垃圾,neg\n今天星期三,neu\n\"好看，但是太贵了\",neg\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "", "score", "--eval", pol)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"4 texts, polarity labels", "accuracy: 1.0000", "macro-F1: 1.0000", "lexicon coverage: 75.0%", "confusion", "pos/neg texts (3): accuracy 1.0000"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, stdout)
		}
	}
	emo := filepath.Join(dir, "emo.tsv")
	if err := os.WriteFile(emo, []byte("text\temotion\n哈哈哈哈\tjoy\n气死我了\tanger\n今天星期三\tnone\n好感动\tjoy\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runCLI(t, "", "score", "--eval", emo, "--eval-format", "json")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var rep struct {
		Task     string  `json:"task"`
		Texts    int     `json:"texts"`
		Accuracy float64 `json:"accuracy"`
		Polar    struct {
			Texts    int     `json:"texts"`
			Accuracy float64 `json:"accuracy"`
		} `json:"polar"`
		Misses []struct {
			Line      int    `json:"line"`
			Predicted string `json:"predicted"`
		} `json:"misses"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	// 好感动 is like, which counts as joy in a set without like.
	if rep.Task != "emotion" || rep.Texts != 4 || rep.Accuracy != 1 || rep.Polar.Texts != 3 || rep.Polar.Accuracy != 1 || len(rep.Misses) != 0 {
		t.Errorf("emotion report %+v\n%s", rep, stdout)
	}
	badLabel := filepath.Join(dir, "bad.tsv")
	if err := os.WriteFile(badLabel, []byte("text\tlabel\n好看\tpos\n难看\tterrible\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "", "score", "--eval", badLabel); code != exitFailure || !strings.Contains(stderr, "bad.tsv:3") || !strings.Contains(stderr, "terrible") {
		t.Errorf("bad label: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", "score", "--eval-misses", "3"); code != exitUsage || !strings.Contains(stderr, "--eval") {
		t.Errorf("--eval-misses without --eval: exit %d, %q", code, stderr)
	}
}
