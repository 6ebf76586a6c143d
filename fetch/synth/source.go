package synth

import (
	"context"
	"io"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/danmakuscope/danmakuscope/fetch"
)

// Source generates a synthetic video as a fetch.Source, with no file or
// parsing in between: the source column reads "synth".
type Source struct {
	Config Config
}

var _ fetch.Source = Source{}

// Name names the source by its video key and seed.
func (s Source) Name() string {
	return "synth:" + s.Config.VideoKey()
}

// Open starts generating.
func (s Source) Open(ctx context.Context, opt fetch.Options) (fetch.Stream, error) {
	g, err := NewGenerator(s.Config)
	if err != nil {
		return nil, err
	}
	return &stream{ctx: ctx, g: g, opt: opt, b: fetch.NewBatchBuilder(opt.Allocator, opt.BatchSize),
		stats: fetch.ReadStats{Format: "synth"}}, nil
}

type stream struct {
	ctx   context.Context
	g     *Generator
	opt   fetch.Options
	b     *fetch.BatchBuilder
	stats fetch.ReadStats
	done  bool
}

func (s *stream) Video() fetch.Video {
	c := s.g.cfg
	return fetch.Video{Key: c.VideoKey(), Source: "synth", Cid: c.Cid, DurationMs: c.DurationMs}
}

func (s *stream) Next() (arrow.Record, error) {
	if s.done {
		return nil, io.EOF
	}
	if err := s.ctx.Err(); err != nil {
		return nil, err
	}
	for {
		d, ok := s.g.Next()
		if !ok {
			s.done = true
			if rec := s.b.NewRecord(); rec != nil {
				return rec, nil
			}
			return nil, io.EOF
		}
		s.stats.Items++
		if s.opt.Dedupe != nil && !s.opt.Dedupe.Add(d.Dmid) {
			if s.stats.Skipped == nil {
				s.stats.Skipped = map[string]int{}
			}
			s.stats.Skipped["duplicate_dmid"]++
			continue
		}
		s.stats.Kept++
		if s.b.Append(d) {
			return s.b.NewRecord(), nil
		}
	}
}

func (s *stream) Stats() fetch.ReadStats { return s.stats }

func (s *stream) Close() error {
	s.b.Release()
	return nil
}
