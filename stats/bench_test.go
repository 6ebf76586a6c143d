package stats_test

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/synth"
	"github.com/danmakuscope/danmakuscope/stats"
)

// annotated returns the annotated record batches of a synthetic video.
func annotated(b *testing.B, cfg synth.Config) ([]arrow.Record, int) {
	b.Helper()
	m := loadModel(b)
	st, err := synth.Source{Config: cfg}.Open(context.Background(), fetch.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	an := m.NewAnalyzer()
	var recs []arrow.Record
	n := 0
	for {
		rec, err := st.Next()
		if errors.Is(err, io.EOF) {
			return recs, n
		}
		if err != nil {
			b.Fatal(err)
		}
		ann, err := an.Annotate(rec)
		rec.Release()
		if err != nil {
			b.Fatal(err)
		}
		n += int(ann.NumRows())
		recs = append(recs, ann)
	}
}

// BenchmarkAccumulate measures the statistics of one video of 200,000
// danmaku (40 minutes) after annotation: "add" aggregates its record
// batches (per-second cells, terms, flood control, slices, memes, send
// times), "results" computes everything at the end of the video (curves,
// keywords, highlights, keyword dynamics, send-time trends, the partial
// aggregate of the run).
func BenchmarkAccumulate(b *testing.B) {
	cfg := synth.Default(3, 40*60_000, 200_000)
	recs, n := annotated(b, cfg)
	defer func() {
		for _, r := range recs {
			r.Release()
		}
	}()
	m := loadModel(b)
	b.Run("add", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			acc := stats.NewAccumulator(stats.Options{Reactions: stats.DefaultReactionOptions()}, m)
			for _, r := range recs {
				if err := acc.Add(r); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "danmaku/s")
	})
	acc := stats.NewAccumulator(stats.Options{Reactions: stats.DefaultReactionOptions()}, m)
	for _, r := range recs {
		if err := acc.Add(r); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("results", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			c := acc.Curves(cfg.DurationMs)
			kws := acc.Keywords()
			r := acc.Reactions(c)
			acc.Partial(cfg.VideoKey(), "synth", c, kws, r)
		}
	})
}
