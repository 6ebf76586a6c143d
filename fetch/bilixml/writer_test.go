package bilixml

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/danmakuscope/danmakuscope/fetch"
)

const wantHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
	`<i><chatserver>chat.bilibili.com</chatserver><chatid>62131</chatid><mission>0</mission><maxlimit>3000</maxlimit><state>0</state><real_name>0</real_name><source>k-v</source>` + "\n"

func TestWriter(t *testing.T) {
	d1 := fetch.Danmaku{ProgressMs: 490191, Mode: 1, Fontsize: 25, Color: 16777215, SentAtMs: 1584268892000, HasSentAt: true,
		UserHash: "a16fe0dd", Dmid: 29950852386521095, Weight: 3, HasWeight: true, Text: "前方高能 & <b>"}
	d2 := fetch.Danmaku{ProgressMs: -1500, Mode: 5, Fontsize: 36, Color: 255, Pool: 1, Dmid: 7, Text: "\"q\"\r\n\tx"}
	d3 := fetch.Danmaku{ProgressMs: 5, Mode: 1, Fontsize: 25, SentAtMs: 1709900000123, HasSentAt: true, UserHash: `a"b`, Dmid: 8}
	tests := []struct {
		fields int
		want   string
	}{
		{8, wantHeader +
			`<d p="490.19100,1,25,16777215,1584268892,0,a16fe0dd,29950852386521095">前方高能 &amp; &lt;b&gt;</d>` + "\n" +
			`<d p="-1.50000,5,36,255,0,1,,7">"q"&#13;` + "\n\tx</d>\n" +
			`<d p="0.00500,1,25,0,1709900000123,0,a&quot;b,8"></d>` + "\n" +
			`<gift ts="1"/>` + "\n</i>\n"},
		{9, wantHeader +
			`<d p="490.19100,1,25,16777215,1584268892,0,a16fe0dd,29950852386521095,3">前方高能 &amp; &lt;b&gt;</d>` + "\n" +
			`<d p="-1.50000,5,36,255,0,1,,7,0">"q"&#13;` + "\n\tx</d>\n" +
			`<d p="0.00500,1,25,0,1709900000123,0,a&quot;b,8,0"></d>` + "\n" +
			`<gift ts="1"/>` + "\n</i>\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		w := NewWriter(&buf, 62131, tt.fields)
		for _, d := range []*fetch.Danmaku{&d1, &d2, &d3} {
			if err := w.Write(d); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.WriteElement(`<gift ts="1"/>`); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if buf.String() != tt.want {
			t.Errorf("%d fields:\n got %q\nwant %q", tt.fields, buf.String(), tt.want)
		}
	}
}

func TestWriterEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := NewWriter(&buf, 62131, 9).Close(); err != nil {
		t.Fatal(err)
	}
	if want := wantHeader + "</i>\n"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

type failWriter struct{}

var errDiskFull = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestWriterErrors(t *testing.T) {
	ok := fetch.Danmaku{Mode: 1, Fontsize: 25, Dmid: 1, Text: "fine"}
	tests := []struct {
		name string
		run  func(w *Writer) error
		w    func() *Writer
		want string
	}{
		{"bad field count", func(w *Writer) error { return w.Write(&ok) },
			func() *Writer { return NewWriter(&bytes.Buffer{}, 1, 7) }, "8 or 9"},
		{"bad field count on Close", func(w *Writer) error { return w.Close() },
			func() *Writer { return NewWriter(&bytes.Buffer{}, 1, 10) }, "8 or 9"},
		{"control character", func(w *Writer) error { return w.Write(&fetch.Danmaku{Dmid: 5, Text: "a\x01"}) },
			func() *Writer { return NewWriter(&bytes.Buffer{}, 1, 9) }, "U+0001"},
		{"invalid UTF-8", func(w *Writer) error { return w.Write(&fetch.Danmaku{Dmid: 5, Text: "\xff"}) },
			func() *Writer { return NewWriter(&bytes.Buffer{}, 1, 9) }, "UTF-8"},
		{"comma in the hash", func(w *Writer) error { return w.Write(&fetch.Danmaku{Dmid: 5, UserHash: "a,b"}) },
			func() *Writer { return NewWriter(&bytes.Buffer{}, 1, 9) }, "comma"},
		{"write after Close", func(w *Writer) error { w.Close(); return w.Write(&ok) },
			func() *Writer { return NewWriter(&bytes.Buffer{}, 1, 9) }, "closed"},
	}
	for _, tt := range tests {
		if err := tt.run(tt.w()); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err %v, want one saying %q", tt.name, err, tt.want)
		}
	}
	w := NewWriter(failWriter{}, 1, 9)
	if err := w.Write(&ok); !errors.Is(err, errDiskFull) {
		t.Errorf("failing writer: %v, want errDiskFull", err)
	}
	if err := w.Close(); !errors.Is(err, errDiskFull) {
		t.Errorf("Close after a failure: %v, want errDiskFull", err)
	}
}
