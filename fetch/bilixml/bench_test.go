package bilixml

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// benchDoc writes a document of n danmaku shaped like real ones: 9 fields,
// 19-digit dmids, short Chinese texts, an entity now and then.
func benchDoc(tb testing.TB, n int) []byte {
	texts := []string{"哈哈哈哈哈哈", "前方高能", "awsl", "这个UP主真用心，剪辑好流畅", "2333333", "泪目了家人们",
		"太好看了吧", "A&B", "打卡", "好家伙这也行", "yyds", "看不下去了，这段好拖沓"}
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	w := NewWriter(bw, 10000001, 9)
	for i := range n {
		d := fetch.Danmaku{ProgressMs: int64(i*7919) % 720000, Mode: 1, Fontsize: 25, Color: 16777215,
			SentAtMs: 1709900000000 + int64(i)*1000, HasSentAt: true, UserHash: "3f2a9c1b",
			Dmid: 1300000000000000000 + int64(i)*104729, Weight: 10, HasWeight: true, Text: texts[i%len(texts)]}
		if err := w.Write(&d); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	bw.Flush()
	return buf.Bytes()
}

// BenchmarkStream measures decoding throughput in danmaku per second on one
// core, for each encoding.
func BenchmarkStream(b *testing.B) {
	const n = 100_000
	plain := benchDoc(b, n)
	for _, format := range []string{FormatPlain, FormatDeflate, FormatGzip} {
		data := compress(b, format, plain)
		b.Run(format, func(b *testing.B) {
			b.SetBytes(int64(len(plain)))
			b.ReportAllocs()
			for b.Loop() {
				s, err := NewStream(context.Background(), bytes.NewReader(data), "bench.xml", Config{}, fetch.Options{})
				if err != nil {
					b.Fatal(err)
				}
				rows := 0
				for {
					rec, err := s.Next()
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
					rows += int(rec.NumRows())
					rec.Release()
				}
				s.Close()
				if rows != n {
					b.Fatalf("%d rows, want %d", rows, n)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "danmaku/s")
		})
	}
}

// BenchmarkWriter measures writing throughput.
func BenchmarkWriter(b *testing.B) {
	d := fetch.Danmaku{ProgressMs: 490191, Mode: 1, Fontsize: 25, Color: 16777215, SentAtMs: 1584268892000, HasSentAt: true,
		UserHash: "a16fe0dd", Dmid: 1163933565554070784, Weight: 10, HasWeight: true, Text: "这个UP主真用心 & 剪辑好流畅"}
	w := NewWriter(io.Discard, 1, 9)
	b.ReportAllocs()
	for b.Loop() {
		if err := w.Write(&d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "danmaku/s")
}
