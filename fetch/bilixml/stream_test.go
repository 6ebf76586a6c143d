package bilixml

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// fieldsDoc exercises every column; its expected rows are written out by
// hand in TestStreamFields.
var fieldsDoc = doc(
	`<d p="490.19100,1,25,16777215,1584268892,0,a16fe0dd,29950852386521095">前方高能</d>`,
	`<d p="181.37900,5,36,16646914,1665842893,1,78695de5,1163933565554070784,11" raw='{"a":1}' foo="bar">哈哈哈哈</d>`,
	`<d p="0.00050,4,18,0,0,2,,9223372036854775807,0">x &amp; &lt;y&gt; &quot;z&quot; &apos;w&apos; &#65;&#x42;</d>`,
	`<d p="12.456999778748,1,25,16777215,1444811244000,0,550e9706,1278188533">a<![CDATA[<b>&amp;</b>]]>b<!-- note -->c</d>`,
	`<d p="3,1,25,16777215,1709900000,0,ffff,42,10"/>`,
	`</i>`,
)

func TestStreamFields(t *testing.T) {
	base := fetch.Danmaku{VideoKey: "bilibili:cid:62131", Source: "file-xml", Cid: 62131, HasCid: true}
	want := []fetch.Danmaku{
		{ProgressMs: 490191, Mode: 1, Fontsize: 25, Color: 16777215, SentAtMs: 1584268892000, HasSentAt: true,
			UserHash: "a16fe0dd", Dmid: 29950852386521095, Text: "前方高能"},
		{ProgressMs: 181379, Mode: 5, Fontsize: 36, Color: 16646914, SentAtMs: 1665842893000, HasSentAt: true, Pool: 1,
			UserHash: "78695de5", Dmid: 1163933565554070784, Weight: 11, HasWeight: true, Text: "哈哈哈哈"},
		{ProgressMs: 1, Mode: 4, Fontsize: 18, Pool: 2, Dmid: 9223372036854775807, HasWeight: true,
			Text: `x & <y> "z" 'w' AB`},
		{ProgressMs: 12457, Mode: 1, Fontsize: 25, Color: 16777215, SentAtMs: 1444811244000, HasSentAt: true,
			UserHash: "550e9706", Dmid: 1278188533, Text: "a<b>&amp;</b>bc"},
		{ProgressMs: 3000, Mode: 1, Fontsize: 25, Color: 16777215, SentAtMs: 1709900000000, HasSentAt: true,
			UserHash: "ffff", Dmid: 42, Weight: 10, HasWeight: true},
	}
	for i := range want {
		want[i].VideoKey, want[i].Source, want[i].Cid, want[i].HasCid = base.VideoKey, base.Source, base.Cid, base.HasCid
	}
	res := readString(t, fieldsDoc, fetch.Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if !reflect.DeepEqual(res.rows, want) {
		t.Errorf("rows\n got %+v\nwant %+v", res.rows, want)
	}
	if len(res.skips) != 0 || res.stats.Items != 5 || res.stats.Format != FormatPlain {
		t.Errorf("skips %v, stats %+v", res.skips, res.stats)
	}
}

// TestStreamHostileReaders decodes documents through readers that return
// one byte or half the asked bytes at a time, and expects the same result.
func TestStreamHostileReaders(t *testing.T) {
	docs := map[string]string{
		"fields":    fieldsDoc,
		"damaged":   doc(dline("1", "a"), `<d p="1,1,25,0,0,0,h,2">b<x/></d>`, dline("3", "c\x01"), dline("4", "d"), `</i><?xml version="1.0"?><i>`, dline("5", "e")),
		"truncated": doc(dline("1", "a"), `<d p="1,1,25,0,0,0,h,2">b`),
	}
	wrappers := map[string]func(io.Reader) io.Reader{
		"OneByteReader": iotest.OneByteReader,
		"HalfReader":    iotest.HalfReader,
		"DataErrReader": iotest.DataErrReader,
	}
	for dname, d := range docs {
		want := readString(t, d, fetch.Options{})
		if want.err != nil || len(want.rows) == 0 {
			t.Fatalf("%s: plain read: %v, %d rows", dname, want.err, len(want.rows))
		}
		for wname, wrap := range wrappers {
			got := read(t, wrap(strings.NewReader(d)), "test.xml", Config{}, fetch.Options{BatchSize: 2})
			if got.err != nil || !reflect.DeepEqual(got.rows, want.rows) || !reflect.DeepEqual(got.skips, want.skips) ||
				!reflect.DeepEqual(got.stats, want.stats) {
				t.Errorf("%s via %s: err %v\nrows  %v\nwant  %v\nskips %v\nwant  %v", dname, wname, got.err,
					got.texts(), want.texts(), got.skips, want.skips)
			}
		}
	}
}

func TestStreamVideo(t *testing.T) {
	body := "\n" + dline("1", "a") + "\n</i>"
	withChat := func(id string) string {
		return `<?xml version="1.0"?><i><chatserver>chat.bilibili.com</chatserver><chatid>` + id + `</chatid>` + body
	}
	tests := []struct {
		name string
		doc  string
		cfg  Config
		want fetch.Video
	}{
		{"chatid", withChat("62131"), Config{}, fetch.Video{Key: "bilibili:cid:62131", Source: "file-xml", Cid: 62131}},
		{"chatid 0 falls back to the name", withChat("0"), Config{}, fetch.Video{Key: "file:x.xml", Source: "file-xml"}},
		{"chatid not a number", withChat("abc"), Config{FallbackKey: "file:other"}, fetch.Video{Key: "file:other", Source: "file-xml"}},
		{"no chatid", `<i>` + body, Config{Source: "bilibili-xml"}, fetch.Video{Key: "file:x.xml", Source: "bilibili-xml"}},
		{"cid overrides chatid, aid kept", withChat("62131"), Config{Source: "bilibili-xml", Aid: 7, Cid: 99},
			fetch.Video{Key: "bilibili:cid:99", Source: "bilibili-xml", Aid: 7, Cid: 99}},
		{"chatid with spaces", withChat(" 62131 "), Config{}, fetch.Video{Key: "bilibili:cid:62131", Source: "file-xml", Cid: 62131}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, strings.NewReader(tt.doc), "dir/x.xml", tt.cfg, fetch.Options{})
			if res.err != nil {
				t.Fatal(res.err)
			}
			if res.video != tt.want {
				t.Errorf("Video() = %+v, want %+v", res.video, tt.want)
			}
			d := res.rows[0]
			if d.VideoKey != tt.want.Key || d.Source != tt.want.Source || d.HasAid != (tt.want.Aid > 0) || d.Aid != tt.want.Aid ||
				d.HasCid != (tt.want.Cid > 0) || d.Cid != tt.want.Cid {
				t.Errorf("row ids %+v do not match %+v", d, tt.want)
			}
		})
	}
}

func TestStreamBatches(t *testing.T) {
	lines := []string{}
	for _, id := range []string{"1", "2", "3", "4", "5"} {
		lines = append(lines, dline(id, "t"+id))
	}
	s, err := NewStream(context.Background(), strings.NewReader(doc(append(lines, "</i>")...)), "b.xml", Config{}, fetch.Options{BatchSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var sizes []int64
	for {
		rec, err := s.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, rec.NumRows())
		rec.Release()
	}
	if want := []int64{2, 2, 1}; !reflect.DeepEqual(sizes, want) {
		t.Errorf("batch sizes %v, want %v", sizes, want)
	}
	if _, err := s.Next(); err != io.EOF {
		t.Errorf("Next after the end = %v, want io.EOF", err)
	}
}

func TestStreamContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	d := doc(dline("1", "a"), dline("2", "b"), dline("3", "c"), "</i>")
	s, err := NewStream(ctx, strings.NewReader(d), "c.xml", Config{}, fetch.Options{BatchSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rec, err := s.Next()
	if err != nil {
		t.Fatal(err)
	}
	rec.Release()
	cancel()
	if _, err := s.Next(); !errors.Is(err, context.Canceled) {
		t.Errorf("Next after cancel = %v, want context.Canceled", err)
	}
	if _, err := NewStream(ctx, strings.NewReader(d), "c.xml", Config{}, fetch.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("NewStream with a cancelled context = %v, want context.Canceled", err)
	}
}

func TestStreamDedupe(t *testing.T) {
	set := fetch.NewIDSet()
	d := doc(dline("11", "a"), dline("12", "b"), dline("11", "a again"), dline("0", "no id"), dline("0", "no id either"), "</i>")
	// Strict must not fail on duplicates: they are not damage.
	res := readString(t, d, fetch.Options{Dedupe: set, Strict: true})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if want := []string{"a", "b", "no id", "no id either"}; !reflect.DeepEqual(res.texts(), want) {
		t.Errorf("texts %q, want %q", res.texts(), want)
	}
	if want := []skipKey{{5, ReasonDuplicate}}; !reflect.DeepEqual(skipKeys(res.skips), want) {
		t.Errorf("skips %v, want %v", res.skips, want)
	}
	// A second input of the same video shares the set.
	res = readString(t, doc(dline("12", "b"), dline("13", "c"), "</i>"), fetch.Options{Dedupe: set})
	if want := []string{"c"}; !reflect.DeepEqual(res.texts(), want) || res.stats.Skipped[ReasonDuplicate] != 1 {
		t.Errorf("second input: texts %q, stats %+v", res.texts(), res.stats)
	}
}

func TestStreamStrict(t *testing.T) {
	tests := []struct {
		name       string
		doc        string
		keptBefore []string // rows returned before the error
		line       int
		reason     string
		fromNew    bool // NewStream itself fails
	}{
		{"bad p fields", doc(dline("1", "a"), `<d p="1,1,25,0,0,0,h">b</d>`, "</i>"), []string{"a"}, 4, ReasonBadPFields, false},
		{"control char", doc(dline("1", "a"), dline("2", "b"), dline("3", "\x02"), "</i>"), []string{"a", "b"}, 5, ReasonIllegalChar, false},
		{"truncated", doc(dline("1", "a")), []string{"a"}, 3, ReasonTruncated, false},
		{"damage in the header", header + "< oops\n" + dline("1", "a"), nil, 3, ReasonMalformed, true},
		{"appended", doc(dline("1", "a"), "</i>", "<i>", dline("2", "b"), "</i>"), []string{"a"}, 5, ReasonAppended, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var onSkip int
			s, err := NewStream(context.Background(), strings.NewReader(tt.doc), "s.xml", Config{},
				fetch.Options{Strict: true, OnSkip: func(fetch.Skip) { onSkip++ }})
			var texts []string
			if err == nil {
				defer s.Close()
				for {
					rec, nerr := s.Next()
					if nerr != nil {
						err = nerr
						break
					}
					for _, d := range rowsOf(rec) {
						texts = append(texts, d.Text)
					}
					rec.Release()
				}
			} else if !tt.fromNew {
				t.Fatalf("NewStream: %v", err)
			}
			var pe *fetch.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, fetch.ErrDamaged) {
				t.Fatalf("error %v (%T), want a *fetch.ParseError wrapping ErrDamaged", err, err)
			}
			if pe.File != "s.xml" || pe.Line != tt.line || pe.Reason != tt.reason {
				t.Errorf("error at %s:%d %s, want s.xml:%d %s", pe.File, pe.Line, pe.Reason, tt.line, tt.reason)
			}
			if !reflect.DeepEqual(texts, tt.keptBefore) {
				t.Errorf("rows before the error %q, want %q", texts, tt.keptBefore)
			}
			if onSkip != 0 {
				t.Errorf("OnSkip called %d times in strict mode", onSkip)
			}
		})
	}
}

func TestStreamIgnoredElements(t *testing.T) {
	d := header +
		`<BililiveRecorder version="2.6.0" />` + "\n" +
		`<BililiveRecorderXmlStyle><z:stylesheet version="1.0" xmlns:z="http://www.w3.org/1999/XSL/Transform"><z:template match="/"><d>not a danmaku</d></z:template></z:stylesheet></BililiveRecorderXmlStyle>` + "\n" +
		dline("1", "a") + "\n" +
		`<gift ts="1.2" giftname="x > y" raw="{&quot;a&quot;:1}"/>` + "\n" +
		`<sc ts="3" price="30">醒目留言 <b>bold</b></sc>` + "\n" +
		`stray text` + "\n" +
		`<guard ts="4" level="3"></guard><toast ts="5"/><gift ts="6"/>` + "\n" +
		`<!-- a comment --><?pi data?>` + "\n" +
		dline("2", "b") + "\n</i>"
	res := readString(t, d, fetch.Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if want := []string{"a", "b"}; !reflect.DeepEqual(res.texts(), want) {
		t.Errorf("texts %q, want %q", res.texts(), want)
	}
	want := map[string]int{"BililiveRecorder": 1, "BililiveRecorderXmlStyle": 1, "gift": 2, "sc": 1, "guard": 1, "toast": 1, "#text": 1}
	if !reflect.DeepEqual(res.stats.Ignored, want) {
		t.Errorf("Ignored %v, want %v", res.stats.Ignored, want)
	}
	if len(res.skips) != 0 {
		t.Errorf("skips %v", res.skips)
	}
}

// TestLiveRecorder checks that raw user ids and nicknames of live-recorder
// files are never stored. crc32("4764287") = 0x01da63f0 (computed outside Go).
func TestLiveRecorder(t *testing.T) {
	d := strings.Join([]string{
		`<?xml version="1.0" encoding="utf-8"?>`,
		`<?xml-stylesheet type="text/xsl" href="#s"?>`,
		`<i>`,
		`  <chatserver>chat.bilibili.com</chatserver>`,
		`  <chatid>0</chatid>`,
		`  <BililiveRecorder version="2.0.0" />`,
		`  <BililiveRecorderRecordInfo roomid="1" shortid="0" name="主播昵称" title="标题" start_time="2024-03-08T20:00:00+08:00" />`,
		`<d p="1.234,1,25,16777215,1709900000123,0,4764287,0" user="某个昵称" raw="[1,2]">弹幕一</d>`,
		`<d p="2,1,25,16777215,1709900000123,0,004764287,0" user="某个昵称">弹幕二</d>`,
		`<d p="3,1,25,16777215,1709900000123,0,,0" uid="4764287" user="某个昵称">弹幕三</d>`,
		`<d p="4,1,25,16777215,1709900000123,0,0,0" uid="0" user="匿名">弹幕四</d>`,
		`</i>`}, "\n")
	res := read(t, strings.NewReader(d), "rec/录播.xml", Config{}, fetch.Options{Dedupe: fetch.NewIDSet()})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if res.video.Key != "file:录播.xml" || len(res.skips) != 0 {
		t.Errorf("video %+v, skips %v", res.video, res.skips)
	}
	if want := map[string]int{"BililiveRecorder": 1, "BililiveRecorderRecordInfo": 1}; !reflect.DeepEqual(res.stats.Ignored, want) {
		t.Errorf("Ignored %v, want %v", res.stats.Ignored, want)
	}
	want := []string{"1da63f0", "1da63f0", "1da63f0", ""}
	for i, r := range res.rows {
		if r.UserHash != want[i] {
			t.Errorf("row %d: user_hash %q, want %q", i, r.UserHash, want[i])
		}
		if !r.HasSentAt || r.SentAtMs != 1709900000123 {
			t.Errorf("row %d: sent_at %d, want 1709900000123", i, r.SentAtMs)
		}
		for _, s := range []string{r.VideoKey, r.Source, r.UserHash, r.Text} {
			if strings.Contains(s, "昵称") || strings.Contains(s, "匿名") || strings.Contains(s, "4764287") {
				t.Errorf("row %d stores personal data: %q", i, s)
			}
		}
	}
	if len(res.rows) != len(want) {
		t.Errorf("%d rows, want %d", len(res.rows), len(want))
	}
}

func TestStreamCRLF(t *testing.T) {
	d := strings.ReplaceAll(doc(dline("1", "a"), `<d p="1,1,25,0,0,0,h,2">two`, `lines</d>`, dline("3", "\x03"), "</i>"), "\n", "\r\n")
	res := readString(t, d, fetch.Options{})
	if want := []string{"a", "two\nlines"}; !reflect.DeepEqual(res.texts(), want) {
		t.Errorf("texts %q, want %q", res.texts(), want)
	}
	if want := []skipKey{{6, ReasonIllegalChar}}; !reflect.DeepEqual(skipKeys(res.skips), want) {
		t.Errorf("skips %v, want %v", res.skips, want)
	}
}

// errBoom is the failure of a reader in TestStreamReadError.
var errBoom = errors.New("disk on fire")

func TestStreamReadError(t *testing.T) {
	d := doc(dline("1", "a"), dline("2", "b"), "</i>")
	var comp bytes.Buffer
	zw := newCompressor(t, FormatGzip, &comp)
	io.WriteString(zw, d)
	zw.Close()
	inputs := map[string][]byte{"plain": []byte(d), "gzip": comp.Bytes()}
	for name, data := range inputs {
		for _, cut := range []int{0, len(data) / 2, len(data)} {
			r := io.MultiReader(bytes.NewReader(data[:cut]), iotest.ErrReader(errBoom))
			res := read(t, r, "e.xml", Config{}, fetch.Options{})
			if !errors.Is(res.err, errBoom) {
				t.Errorf("%s cut at %d: err %v, want errBoom", name, cut, res.err)
			}
			if res.err != nil && !strings.Contains(res.err.Error(), "e.xml") {
				t.Errorf("%s: error %q does not name the input", name, res.err)
			}
		}
	}
}

func TestStreamClose(t *testing.T) {
	s, err := NewStream(context.Background(), strings.NewReader(doc(dline("1", "a"), "</i>")), "c.xml", Config{}, fetch.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := s.Next(); err == nil || err == io.EOF {
		t.Errorf("Next after Close = %v, want an error", err)
	}
}

func TestFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "clip.xml.gz")
	writeFile(t, path, compress(t, FormatGzip, []byte(`<?xml version="1.0"?><i><chatid>0</chatid>`+dline("5", "hi")+`</i>`)))
	f := File{Path: path}
	if f.Name() != path {
		t.Errorf("Name() = %q", f.Name())
	}
	s, err := f.Open(context.Background(), fetch.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if want := (fetch.Video{Key: "file:clip.xml.gz", Source: "file-xml"}); s.Video() != want {
		t.Errorf("Video() = %+v, want %+v", s.Video(), want)
	}
	rec, err := s.Next()
	if err != nil {
		t.Fatal(err)
	}
	rows := rowsOf(rec)
	rec.Release()
	if len(rows) != 1 || rows[0].Text != "hi" || rows[0].VideoKey != "file:clip.xml.gz" || rows[0].Source != "file-xml" {
		t.Errorf("rows %+v", rows)
	}
	if st := s.Stats(); st.Format != FormatGzip {
		t.Errorf("Format %q, want %q", st.Format, FormatGzip)
	}

	_, err = File{Path: filepath.Join(dir, "missing.xml")}.Open(context.Background(), fetch.Options{})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
}
