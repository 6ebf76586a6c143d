package bilixml

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// newCompressor returns a writer compressing into w in the given format.
func newCompressor(t testing.TB, format string, w io.Writer) io.WriteCloser {
	t.Helper()
	switch format {
	case FormatGzip:
		return gzip.NewWriter(w)
	case FormatZlib:
		return zlib.NewWriter(w)
	case FormatDeflate:
		fw, err := flate.NewWriter(w, flate.DefaultCompression)
		if err != nil {
			t.Fatal(err)
		}
		return fw
	}
	t.Fatalf("unknown format %q", format)
	return nil
}

// compress returns data compressed in format (plain: as it is).
func compress(t testing.TB, format string, data []byte) []byte {
	t.Helper()
	if format == FormatPlain {
		return data
	}
	var buf bytes.Buffer
	zw := newCompressor(t, format, &buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// roundTripRows are written, compressed and read back.
func roundTripRows() []fetch.Danmaku {
	var rows []fetch.Danmaku
	texts := []string{"前排", "哈哈哈哈", "a & b < c", `"quoted"`, "tab\there", "two\nlines", "cr\rkept", "😂👍", "ＡＢＣ", ""}
	for i := range 200 {
		rows = append(rows, fetch.Danmaku{
			VideoKey: "bilibili:cid:42", Source: "bilibili-xml", Cid: 42, HasCid: true, Aid: 7, HasAid: true,
			Dmid: 1_300_000_000_000_000_000 + int64(i)*7919, ProgressMs: int64(i)*1234 - 500,
			HasSentAt: i%3 != 0,
			Mode:      int8(1 + i%7), Fontsize: []int16{18, 25, 36}[i%3], Color: uint32(i * 83885), Pool: int8(i % 3),
			Weight: int8(i % 12), HasWeight: true, UserHash: fmt.Sprintf("%x", i*2654435761%4294967296),
			Text: texts[i%len(texts)],
		})
	}
	for i := range rows {
		if rows[i].HasSentAt {
			rows[i].SentAtMs = 1_709_900_000_000 + int64(i)*1001
		}
	}
	return rows
}

func TestCompressedRoundTrip(t *testing.T) {
	want := roundTripRows()
	var plain bytes.Buffer
	w := NewWriter(&plain, 42, 9)
	for i := range want {
		if err := w.Write(&want[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Source: "bilibili-xml", Aid: 7}
	for _, format := range []string{FormatPlain, FormatDeflate, FormatZlib, FormatGzip} {
		t.Run(format, func(t *testing.T) {
			data := compress(t, format, plain.Bytes())
			res := read(t, bytes.NewReader(data), "r.xml", cfg, fetch.Options{BatchSize: 64})
			if res.err != nil {
				t.Fatal(res.err)
			}
			if res.stats.Format != format {
				t.Errorf("Format %q, want %q", res.stats.Format, format)
			}
			if !reflect.DeepEqual(res.rows, want) {
				for i := range min(len(res.rows), len(want)) {
					if res.rows[i] != want[i] {
						t.Fatalf("row %d\n got %+v\nwant %+v", i, res.rows[i], want[i])
					}
				}
				t.Fatalf("%d rows, want %d", len(res.rows), len(want))
			}
			if len(res.skips) != 0 {
				t.Errorf("skips %v", res.skips)
			}
		})
	}
}

// TestTruncatedCompressed cuts compressed documents short: the reader keeps
// what inflated, in order, and reports one truncation.
func TestTruncatedCompressed(t *testing.T) {
	var plain bytes.Buffer
	w := NewWriter(&plain, 42, 9)
	rows := roundTripRows()
	for i := range rows {
		w.Write(&rows[i])
	}
	w.Close()
	for _, format := range []string{FormatDeflate, FormatZlib, FormatGzip} {
		data := compress(t, format, plain.Bytes())
		for _, frac := range []float64{0.3, 0.7, 0.99} {
			cut := data[:int(float64(len(data))*frac)]
			res := read(t, bytes.NewReader(cut), "t.xml", Config{}, fetch.Options{})
			if res.err != nil {
				t.Fatalf("%s cut at %.0f%%: %v", format, frac*100, res.err)
			}
			if len(res.rows) == 0 || len(res.rows) >= len(rows) {
				t.Errorf("%s cut at %.0f%%: %d rows of %d", format, frac*100, len(res.rows), len(rows))
			}
			for i, r := range res.rows {
				if r.Dmid != rows[i].Dmid || r.Text != rows[i].Text {
					t.Fatalf("%s: row %d is %d %q, want %d %q", format, i, r.Dmid, r.Text, rows[i].Dmid, rows[i].Text)
				}
			}
			if len(res.skips) != 1 || res.skips[0].Reason != ReasonTruncated || !strings.Contains(res.skips[0].Detail, "compressed") {
				t.Errorf("%s cut at %.0f%%: skips %v, want one truncation of the compressed stream", format, frac*100, res.skips)
			}
		}
	}
}

func TestCompressedTrailingJunk(t *testing.T) {
	d := doc(dline("1", "a"), "</i>")
	data := append(compress(t, FormatGzip, []byte(d)), "junk after the gzip member"...)
	res := read(t, bytes.NewReader(data), "j.xml.gz", Config{}, fetch.Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if want := []string{"a"}; !reflect.DeepEqual(res.texts(), want) {
		t.Errorf("texts %q, want %q", res.texts(), want)
	}
	if want := []skipKey{{4, ReasonBadCompression}}; !reflect.DeepEqual(skipKeys(res.skips), want) {
		t.Errorf("skips %v, want %v", res.skips, want)
	}
}

func TestNotDanmaku(t *testing.T) {
	garbage := make([]byte, 3000)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range garbage {
		garbage[i] = byte(r.Uint32())
	}
	tests := []struct {
		name     string
		data     []byte
		sentinel error
		detail   string // part of the message
	}{
		{"empty", nil, fetch.ErrEmpty, "empty"},
		{"gzip of nothing", compress(t, FormatGzip, nil), fetch.ErrEmpty, "empty"},
		{"html", []byte("<!DOCTYPE html>\n<html><body><i>italic</i></body></html>"), fetch.ErrNotDanmaku, "<html>"},
		{"rss", []byte(`<?xml version="1.0"?>` + "\n" + `<rss version="2.0"><channel/></rss>`), fetch.ErrNotDanmaku, "<rss>"},
		{"deflated html", compress(t, FormatDeflate, []byte("<html></html>")), fetch.ErrNotDanmaku, "<html>"},
		{"json", []byte(`{"code":0,"data":{"danmaku":[]}}`), fetch.ErrNotDanmaku, "not XML"},
		{"json array", []byte(`[{"p":"1,1,25"}]`), fetch.ErrNotDanmaku, "not XML"},
		{"plain text", []byte("hello, world"), fetch.ErrNotDanmaku, "not XML"},
		{"white space", []byte(" \n\t\r\n "), fetch.ErrNotDanmaku, "no root element"},
		{"BOM only", []byte(utf8BOM), fetch.ErrNotDanmaku, "no root element"},
		{"garbage", garbage, fetch.ErrNotDanmaku, "not XML"},
		{"zip", append([]byte("PK\x03\x04"), garbage[:100]...), fetch.ErrNotDanmaku, "not XML"},
		{"gzip magic only", []byte{0x1f, 0x8b, 0x08}, fetch.ErrNotDanmaku, "gzip"},
		{"text before root", []byte("<?xml version='1.0'?>oops<i></i>"), fetch.ErrNotDanmaku, "text before"},
		{"declaration only", []byte(`<?xml version="1.0" encoding="UTF-8"?>`), fetch.ErrDamaged, "before the root"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := read(t, bytes.NewReader(tt.data), "in/bad.xml", Config{}, fetch.Options{})
			var pe *fetch.ParseError
			if !errors.Is(res.err, tt.sentinel) || !errors.As(res.err, &pe) {
				t.Fatalf("err = %v (%T), want a *fetch.ParseError wrapping %v", res.err, res.err, tt.sentinel)
			}
			msg := res.err.Error()
			if pe.File != "in/bad.xml" || !strings.HasPrefix(msg, "in/bad.xml") || !strings.Contains(msg, tt.detail) {
				t.Errorf("error %q should name in/bad.xml and say %q", msg, tt.detail)
			}
		})
	}
}

func TestEncodingByContent(t *testing.T) {
	d := doc(dline("1", "a"), "</i>")
	tests := []struct {
		name   string
		data   []byte
		format string
	}{
		{"BOM and white space", []byte(utf8BOM + "\n  " + d), FormatPlain},
		{"no declaration", []byte(`<i>` + dline("1", "a") + `</i>`), FormatPlain},
		{"raw deflate", compress(t, FormatDeflate, []byte(d)), FormatDeflate},
		{"raw deflate, stored block", storedDeflate(t, []byte(d)), FormatDeflate},
		{"zlib", compress(t, FormatZlib, []byte(d)), FormatZlib},
		{"gzip", compress(t, FormatGzip, []byte(d)), FormatGzip},
		{"deflated with BOM", compress(t, FormatDeflate, []byte(utf8BOM+d)), FormatDeflate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The name says gzip: content decides, never the name.
			res := read(t, bytes.NewReader(tt.data), "misnamed.xml.gz", Config{}, fetch.Options{})
			if res.err != nil {
				t.Fatal(res.err)
			}
			if res.stats.Format != tt.format || !reflect.DeepEqual(res.texts(), []string{"a"}) {
				t.Errorf("format %q texts %q, want %q [a]", res.stats.Format, res.texts(), tt.format)
			}
		})
	}
}

// storedDeflate returns data as raw deflate with no compression.
func storedDeflate(t testing.TB, data []byte) []byte {
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.NoCompression)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	fw.Close()
	return buf.Bytes()
}
