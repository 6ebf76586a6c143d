package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/bilibili/dmpb"
	"github.com/danmakuscope/danmakuscope/fetch/fakeapi"
)

// burstElems is a page of durMs with n danmaku spread evenly and a burst
// of 150 more in the 10 s after burstMs.
func burstElems(base int64, n, durMs, burstMs int) []*dmpb.DanmakuElem {
	out := biliElems(base, n, durMs)
	for i := range 150 {
		out = append(out, &dmpb.DanmakuElem{Id: base + int64(n+i), Progress: int32(burstMs + i*10_000/150), Mode: 1,
			Fontsize: 25, Color: 16777215, MidHash: fmt.Sprintf("%08x", i), Content: "哈哈哈哈哈", Ctime: 1700000000, Weight: 3})
	}
	return out
}

// highlightStarts reads the lagged start, in whole seconds, of every row
// of a highlights.parquet.
func highlightStarts(t *testing.T, path string) []int64 {
	t.Helper()
	rows, err := parquet.ReadFile[struct {
		LaggedStartMs int64 `parquet:"lagged_start_ms"`
	}](path)
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, r := range rows {
		out = append(out, r.LaggedStartMs/1000)
	}
	return out
}

// A video fetched by its BV id links each highlight to the second it
// starts at, on the right page; a page named by its cid, and an XML file,
// say why they do not.
func TestPageLinksToTheVideo(t *testing.T) {
	s := newServices(t)
	s.bili.Archives[2] = []fakeapi.BiliPage{{Cid: 62131, Part: "P1", Duration: 10 * 60}, {Cid: 62132, Part: "P2", Duration: 6 * 60}}
	s.bili.Danmaku[62131] = burstElems(1<<60, 1200, 10*60*1000, 300_000)
	s.bili.Danmaku[62132] = burstElems(1<<61, 700, 6*60*1000, 100_000)
	s.bili.Archives[7] = []fakeapi.BiliPage{{Cid: 70001, Part: "P1", Duration: 6 * 60}}
	s.bili.Danmaku[70001] = burstElems(1<<59, 700, 6*60*1000, 200_000)
	out := t.TempDir()
	code, _, stderr := runEnv(t, s.vars, "run", "--progress", "none", fast, "--out", out, "bilibili:BV1xx411c7mD",
		"bilibili:cid=70001,aid=7", filepath.Join(samples, "sample.xml"))
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	page := func(dir string) string {
		b, err := os.ReadFile(filepath.Join(out, dir, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	linkRe := regexp.MustCompile(`<tr class="highlight">\s*<td class="num">\d+</td>\s*<td><a href="([^"]+)">`)
	for _, tt := range []struct {
		dir, suffix, title string
	}{
		{"bilibili_cid_62131", "", "BV1xx411c7mD p1 · cid 62131"},
		{"bilibili_cid_62132", "&amp;p=2", "BV1xx411c7mD p2 · cid 62132"},
	} {
		t.Run(tt.dir, func(t *testing.T) {
			starts := highlightStarts(t, filepath.Join(out, tt.dir, "highlights.parquet"))
			if len(starts) == 0 {
				t.Fatal("no highlights: the planted burst was not found")
			}
			p := page(tt.dir)
			var want, got []string
			for _, sec := range starts {
				want = append(want, fmt.Sprintf("https://www.bilibili.com/video/BV1xx411c7mD?t=%d%s", sec, tt.suffix))
			}
			for _, m := range linkRe.FindAllStringSubmatch(p, -1) {
				got = append(got, m[1])
			}
			if !slices.Equal(got, want) {
				t.Errorf("highlight links %q, want %q (one per row of highlights.parquet)", got, want)
			}
			if !strings.Contains(p, `<h1 id="title">`+tt.title+`</h1>`) || strings.Contains(p, `id="no-links"`) {
				t.Errorf("page lacks the title %q or says it has no links", tt.title)
			}
		})
	}
	for _, tt := range []struct{ dir, why string }{
		{"bilibili_cid_70001", "named by its cid"},
		{"bilibili_cid_10000001", "names only the cid"},
	} {
		p := page(tt.dir)
		if strings.Contains(p, "bilibili.com/video") || !strings.Contains(p, `id="no-links"`) || !strings.Contains(p, tt.why) {
			t.Errorf("%s: want no video links and a note saying %q", tt.dir, tt.why)
		}
	}
}

func TestLinkOf(t *testing.T) {
	tests := []struct {
		key     string
		v       fetch.Video
		url     string // at second 83
		missing string
	}{
		{"bilibili:cid:62132", fetch.Video{Aid: 2, Cid: 62132, Page: 2}, "https://www.bilibili.com/video/BV1xx411c7mD?t=83&p=2", ""},
		{"bilibili:cid:62131", fetch.Video{Aid: 2, Cid: 62131, Page: 1}, "https://www.bilibili.com/video/BV1xx411c7mD?t=83", ""},
		{"bilibili:cid:62131", fetch.Video{Aid: 2, Cid: 62131}, "", "named by its cid"},
		{"bilibili:cid:62131", fetch.Video{Cid: 62131}, "", "names only the cid"},
		{"bilibili:cid:62131", fetch.Video{Aid: 1 << 52, Page: 1}, "", "has no BV id"},
		{"polyv:vid:abc", fetch.Video{}, "", "Polyv"},
		{"file:a.xml", fetch.Video{}, "", "does not name its video"},
	}
	for _, tt := range tests {
		l := linkOf(tt.key, tt.v)
		var url string
		if l.Watch != nil {
			url = l.Watch(83)
		}
		if url != tt.url || !strings.Contains(l.Missing, tt.missing) || (tt.missing == "") != (l.Missing == "") {
			t.Errorf("linkOf(%s, %+v) = %q, missing %q; want %q, %q", tt.key, tt.v, url, l.Missing, tt.url, tt.missing)
		}
	}
	a, b, c := fetch.Video{Cid: 1}, fetch.Video{Cid: 1, Aid: 2}, fetch.Video{Cid: 1, Aid: 2, Page: 3}
	if moreKnown(a, b) != b || moreKnown(b, c) != c || moreKnown(c, b) != c || moreKnown(c, a) != c || moreKnown(a, a) != a {
		t.Error("moreKnown does not prefer aid and page")
	}
}
