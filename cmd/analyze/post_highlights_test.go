package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/danmakuscope/danmakuscope/report"
)

// A report's highlights become one danmaku each, at their lag-corrected
// starts; a dry run sends nothing, --yes sends them all.
func TestPostHighlights(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "", "run", "--progress", "none", "--include-rituals", "--out", out, filepath.Join(samples, "synth-10000007.xml")); code != exitOK {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	dir := filepath.Join(out, "bilibili_cid_10000007")
	hs, err := report.ReadHighlights(filepath.Join(dir, "highlights.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	var want []int64
	for _, h := range hs {
		if !h.Ritual {
			want = append(want, max(h.LaggedStartMs, 0))
		}
	}
	if len(want) < 2 || len(want) == len(hs) {
		t.Fatalf("the sample has %d highlights, %d of them rituals: want several of each kind", len(hs), len(hs)-len(want))
	}
	s := newServices(t)

	// An XML report knows its cid but not its aid.
	code, _, stderr := runEnv(t, s.vars, "post", "--highlights", dir)
	if code != exitFailure || !strings.Contains(stderr, "--aid or --bvid") {
		t.Errorf("without an aid: exit %d\n%s", code, stderr)
	}

	code, stdout, stderr := runEnv(t, s.vars, "post", "--highlights", dir, "--aid", "2", "--mode", "5")
	if code != exitOK || len(s.bili.Requests()) != 0 || !strings.Contains(stdout, fmt.Sprintf("dry run: nothing sent (%d danmaku)", len(want))) {
		t.Fatalf("dry run: exit %d, %d requests\n%s\n%s", code, len(s.bili.Requests()), stdout, stderr)
	}
	for _, ms := range want {
		if !strings.Contains(stdout, fmt.Sprintf("progress=%d\n", ms)) && !strings.Contains(stdout, fmt.Sprintf("progress=%d&", ms)) &&
			!strings.Contains(stdout, fmt.Sprintf("progress=%d ", ms)) {
			t.Errorf("dry run lacks a post at %d ms:\n%s", ms, stdout)
		}
	}

	code, stdout, stderr = runEnv(t, s.vars, "post", "--highlights", dir, "--aid", "2", "--interval", "0s", "--yes")
	if code != exitOK || len(s.bili.Posted) != len(want) {
		t.Fatalf("--yes: exit %d, %d posted, want %d\n%s\n%s", code, len(s.bili.Posted), len(want), stdout, stderr)
	}
	for i, form := range s.bili.Posted {
		if got := form["progress"]; len(got) != 1 || got[0] != fmt.Sprint(want[i]) {
			t.Errorf("post %d at %v, want %d", i+1, got, want[i])
		}
		if got := form["oid"]; len(got) != 1 || got[0] != "10000007" {
			t.Errorf("post %d to oid %v, want the report's cid", i+1, got)
		}
		if msg := form["msg"]; len(msg) != 1 || !strings.HasPrefix(msg[0], "高光时刻 #") {
			t.Errorf("post %d says %v", i+1, msg)
		}
	}

	// A cid that contradicts the report is refused.
	if code, _, stderr := runEnv(t, s.vars, "post", "--highlights", dir, "--aid", "2", "--cid", "62131"); code != exitFailure || !strings.Contains(stderr, "differs") {
		t.Errorf("contradicting cid: exit %d\n%s", code, stderr)
	}
}

func TestHighlightText(t *testing.T) {
	h := report.HighlightEntry{Rank: 3, PeakMs: 83_000, Emotion: "joy", Keywords: []string{"哈哈哈", "名场面", strings.Repeat("长", 90), "泪目"}}
	if got := highlightText("#{rank} {emotion} {time} {keywords}", report.HighlightEntry{Rank: 1, PeakMs: 3_725_000, Emotion: "like", Keywords: []string{"好看"}}); got != "#1 like 1:02:05 好看" {
		t.Errorf("filled template %q", got)
	}
	got := highlightText(defaultHighlightMsg, h)
	if utf8.RuneCountInString(got) > maxMsgRunes || !strings.HasSuffix(got, "哈哈哈 名场面") || strings.Contains(got, "长") {
		t.Errorf("long keywords: %q (%d runes): want the trailing keywords dropped until it fits", got, utf8.RuneCountInString(got))
	}
	if got := highlightText(strings.Repeat("字", 150), h); utf8.RuneCountInString(got) != maxMsgRunes {
		t.Errorf("a long template is cut to %d runes, got %d", maxMsgRunes, utf8.RuneCountInString(got))
	}
}
