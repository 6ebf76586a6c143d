package bilibili

import (
	"context"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/archive"
	"github.com/danmakuscope/danmakuscope/fetch/fakeapi"
)

// benchVideo is an hour of danmaku at the segment cap: 10 segments of 6000.
const benchDanmaku = 60000

func benchSource(b *testing.B, f *fakeapi.Bilibili) *Source {
	return &Source{Client: testClient(f, ""), Spec: "bilibili:cid=62131", Cid: 62131, DurationMs: 60 * 60 * 1000,
		NoFallback: true, Archive: archive.Dir{Path: b.TempDir()}}
}

// BenchmarkFetchSegments fetches an hour of danmaku from the loopback fake
// into a fresh archive (network, archiving, inspection).
func BenchmarkFetchSegments(b *testing.B) {
	f := fakeapi.NewBilibili()
	defer f.Close()
	f.Danmaku[62131] = elems(1<<60, benchDanmaku, 60*60*1000)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		src := benchSource(b, f)
		b.StartTimer()
		if _, err := src.Fetch(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchDanmaku*b.N)/b.Elapsed().Seconds(), "danmaku/s")
}

// BenchmarkReadArchive decodes the archived segments into record batches.
func BenchmarkReadArchive(b *testing.B) {
	f := fakeapi.NewBilibili()
	defer f.Close()
	f.Danmaku[62131] = elems(1<<60, benchDanmaku, 60*60*1000)
	src := benchSource(b, f)
	if _, err := src.Fetch(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		st, err := src.Open(context.Background(), fetch.Options{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		if err := fetch.ForEach(st, func(rec arrow.Record) error {
			n += int(rec.NumRows())
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		st.Close()
		if n != benchDanmaku {
			b.Fatalf("%d rows", n)
		}
	}
	b.ReportMetric(float64(benchDanmaku*b.N)/b.Elapsed().Seconds(), "danmaku/s")
}
