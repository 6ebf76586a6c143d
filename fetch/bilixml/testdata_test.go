package bilixml

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/danmakuscope/danmakuscope/fetch"
)

const (
	samplePath = "../../testdata/samples/sample.xml"
	badDir     = "../../testdata/bad/"
)

// readPath reads a file of testdata through NewStream.
func readPath(t *testing.T, path string, opt fetch.Options) result {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return read(t, f, path, Config{}, opt)
}

// TestBadFiles checks the exact outcome of each file in testdata/bad, as
// listed in its README.md.
func TestBadFiles(t *testing.T) {
	tests := []struct {
		file     string
		dedupe   bool
		texts    []string
		skips    []skipKey
		sentinel error  // the error NewStream returns, nil for none
		detail   string // part of the first skip's detail or of the error
	}{
		{file: "truncated.xml", texts: []string{"来了", "前排", "打卡"}, skips: []skipKey{{6, ReasonTruncated}}, detail: "inside <d>"},
		{file: "control-char.xml", texts: []string{"正常的一条", "又一条正常的", "最后一条"},
			skips: []skipKey{{4, ReasonIllegalChar}, {6, ReasonIllegalChar}}, detail: "U+0007"},
		{file: "invalid-utf8.xml", texts: []string{"好看", "也好看"},
			skips: []skipKey{{4, ReasonInvalidUTF8}, {6, ReasonInvalidUTF8}}, detail: "0xff"},
		{file: "appended.xml", texts: []string{"第一份", "第一份第二条", "两份都有这条", "两份都有这条", "只在第二份"},
			skips: []skipKey{{7, ReasonAppended}}},
		{file: "appended.xml", dedupe: true, texts: []string{"第一份", "第一份第二条", "两份都有这条", "只在第二份"},
			skips: []skipKey{{7, ReasonAppended}, {9, ReasonDuplicate}}},
		{file: "seven-fields.xml", texts: []string{"八个字段以上没问题", "这条也没问题"},
			skips: []skipKey{{4, ReasonBadPFields}}, detail: "7 fields"},
		{file: "malformed.xml", texts: []string{"开头", "结尾"}, skips: []skipKey{{4, ReasonMalformed}}, detail: "nested"},
		{file: "empty.xml", sentinel: fetch.ErrEmpty, detail: "empty"},
		{file: "not-danmaku.xml", sentinel: fetch.ErrNotDanmaku, detail: "not-danmaku.xml:2: root element is <rss>"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			opt := fetch.Options{}
			if tt.dedupe {
				opt.Dedupe = fetch.NewIDSet()
			}
			res := readPath(t, badDir+tt.file, opt)
			if tt.sentinel != nil {
				var pe *fetch.ParseError
				if !errors.Is(res.err, tt.sentinel) || !errors.As(res.err, &pe) || !strings.Contains(res.err.Error(), tt.detail) {
					t.Fatalf("err = %v, want a *fetch.ParseError wrapping %v saying %q", res.err, tt.sentinel, tt.detail)
				}
				return
			}
			if res.err != nil {
				t.Fatal(res.err)
			}
			if !reflect.DeepEqual(res.texts(), tt.texts) {
				t.Errorf("texts %q, want %q", res.texts(), tt.texts)
			}
			if got := skipKeys(res.skips); !reflect.DeepEqual(got, tt.skips) {
				t.Errorf("skips %v, want %v", res.skips, tt.skips)
			}
			if tt.detail != "" && !strings.Contains(res.skips[0].Detail, tt.detail) {
				t.Errorf("detail %q lacks %q", res.skips[0].Detail, tt.detail)
			}
			for _, s := range res.skips {
				if s.File != badDir+tt.file {
					t.Errorf("skip names %q, want %q", s.File, badDir+tt.file)
				}
			}
			// Strict mode fails on the first damage instead.
			if tt.dedupe {
				return
			}
			strict := readPath(t, badDir+tt.file, fetch.Options{Strict: true})
			var pe *fetch.ParseError
			if !errors.As(strict.err, &pe) || !errors.Is(strict.err, fetch.ErrDamaged) || pe.Line != tt.skips[0].line {
				t.Errorf("strict: err %v, want ErrDamaged at line %d", strict.err, tt.skips[0].line)
			}
		})
	}
}

// TestSample checks the hand-written sample against facts taken from its
// bytes, independently of the reader.
func TestSample(t *testing.T) {
	raw, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	res := readPath(t, samplePath, fetch.Options{Strict: true})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if res.video.Key != "bilibili:cid:10000001" || res.video.Cid != 10000001 {
		t.Errorf("video %+v", res.video)
	}
	pAttrs := regexp.MustCompile(`<d p="([^"]*)"`).FindAllSubmatch(raw, -1)
	if n := len(res.rows); n != len(pAttrs) || n < 300 || n > 400 {
		t.Fatalf("%d rows, %d <d> in the file; want equal and 300–400", n, len(pAttrs))
	}
	if want := map[string]int{"gift": 2, "sc": 1, "guard": 1}; !reflect.DeepEqual(res.stats.Ignored, want) {
		t.Errorf("Ignored %v, want %v", res.stats.Ignored, want)
	}

	// dmids, exact, and the field count, against the raw attributes.
	eight := 0
	for i, m := range pAttrs {
		f := strings.Split(string(m[1]), ",")
		if f[7] != strconv.FormatInt(res.rows[i].Dmid, 10) {
			t.Errorf("row %d: dmid %d, file says %s", i, res.rows[i].Dmid, f[7])
		}
		if res.rows[i].Dmid <= 1<<53 {
			t.Errorf("row %d: dmid %d is not above 2^53", i, res.rows[i].Dmid)
		}
		if len(f) == 8 {
			eight++
			if res.rows[i].HasWeight || len(f[7]) != 17 {
				t.Errorf("row %d: 8 fields but weight %v, dmid of %d digits", i, res.rows[i].HasWeight, len(f[7]))
			}
		} else if len(f[7]) != 19 {
			t.Errorf("row %d: 9 fields but a dmid of %d digits", i, len(f[7]))
		}
	}
	if eight == 0 || eight > len(pAttrs)/2 {
		t.Errorf("%d of %d danmaku have 8 fields, want some but a minority", eight, len(pAttrs))
	}

	texts := map[string]bool{}
	modes := map[int8]int{}
	subtitles := 0
	var last int64
	for _, d := range res.rows {
		texts[d.Text] = true
		modes[d.Mode]++
		if d.Pool == 1 {
			subtitles++
		}
		last = max(last, d.ProgressMs)
		if d.Mode == 7 {
			var v []any
			if err := json.Unmarshal([]byte(d.Text), &v); err != nil {
				t.Errorf("mode 7 text %q is not a JSON array: %v", d.Text, err)
			}
		}
	}
	for _, s := range []string{"A&B组合太配了", "<(￣︶￣)>", "ＡＢＣ", "前排", "xswl", "yyds", "蚌埠住了", "太烂了"} {
		if !texts[s] {
			t.Errorf("no danmaku %q", s)
		}
	}
	if modes[1] == 0 || modes[4] == 0 || modes[5] == 0 || modes[7] != 1 || subtitles != 2 {
		t.Errorf("modes %v, %d subtitle danmaku; want modes 1, 4, 5, one 7 and 2 subtitles", modes, subtitles)
	}
	if last < 11*60000 || last >= 12*60000 {
		t.Errorf("last danmaku at %d ms, want about 12 minutes", last)
	}

	// Density: the laughter (03:00–03:20) and praise (08:00–08:20) bursts
	// are at least three times the mean of a 20-second window.
	mean := float64(len(res.rows)) / 36
	for _, w := range []struct {
		from int64
		word string
	}{{180000, "哈"}, {480000, "好"}} {
		n, hits := 0, 0
		for _, d := range res.rows {
			if d.ProgressMs >= w.from && d.ProgressMs < w.from+20000 {
				n++
				if strings.Contains(d.Text, w.word) {
					hits++
				}
			}
		}
		if float64(n) < 3*mean || hits < n/4 {
			t.Errorf("window at %d ms: %d danmaku (%d with %q), mean %.1f", w.from, n, hits, w.word, mean)
		}
	}
	if !bytes.Contains(raw, []byte("&amp;")) || !bytes.Contains(raw, []byte("&quot;")) {
		t.Error("sample lacks entities")
	}
}
