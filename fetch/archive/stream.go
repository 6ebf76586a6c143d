package archive

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// Skip reasons of archived replies.
const (
	// ReasonBadReply: a whole reply whose shape is not understood. It stays
	// in the archive; its danmaku (if any) are not read.
	ReasonBadReply = "bad_reply"
	// ReasonBadItem: one item of a reply that does not map into the schema.
	ReasonBadItem = "bad_item"
	// ReasonDuplicate: a danmaku whose dmid was already read.
	ReasonDuplicate = "duplicate_dmid"
)

// Decoder decodes one reply body of danmaku items. It calls emit for each
// danmaku (the stream fills in video_key, and source, aid and cid when the
// decoder leaves them unset) and skip for each item it cannot map, with a
// reason and a detail naming the item. It returns an error when the reply
// as a whole is not understood.
type Decoder func(body []byte, emit func(*fetch.Danmaku), skip func(reason, detail string)) error

// Opener reads a reply that is a document of its own (e.g. list.so XML)
// as a stream.
type Opener func(ctx context.Context, body io.Reader, name string, opt fetch.Options) (fetch.Stream, error)

// Part is one archived reply to read: Decode or Open says how.
type Part struct {
	Dir    Dir
	Name   string // the reply's file in Dir
	Label  string // names the reply in messages, e.g. "segment 3"
	Decode Decoder
	Open   Opener
}

// stream reads parts in order.
type stream struct {
	ctx    context.Context
	name   string
	video  fetch.Video
	parts  []Part
	opt    fetch.Options
	bb     *fetch.BatchBuilder
	queue  []fetch.Danmaku
	sub    fetch.Stream
	stats  fetch.ReadStats
	err    error
	closed bool
}

// NewStream returns a stream of the danmaku in parts, in order. name is
// the source's name in messages, format goes into the stats. Rows whose
// dmid opt.Dedupe already holds are skipped as "duplicate_dmid"; replies
// and items that cannot be decoded are skipped with their label (or, with
// opt.Strict, end the stream with an error wrapping [fetch.ErrDamaged]).
// Replies are read one at a time, when needed.
func NewStream(ctx context.Context, name string, video fetch.Video, format string, parts []Part, opt fetch.Options) fetch.Stream {
	if opt.Dedupe == nil {
		opt.Dedupe = fetch.NewIDSet()
	}
	return &stream{ctx: ctx, name: name, video: video, parts: parts, opt: opt,
		bb: fetch.NewBatchBuilder(opt.Allocator, opt.BatchSize), stats: fetch.ReadStats{Format: format}}
}

func (s *stream) Video() fetch.Video     { return s.video }
func (s *stream) Stats() fetch.ReadStats { return s.stats }

func (s *stream) batchSize() int {
	if s.opt.BatchSize > 0 {
		return s.opt.BatchSize
	}
	return fetch.DefaultBatchSize
}

// Next returns the next batch, or io.EOF after the last.
func (s *stream) Next() (arrow.Record, error) {
	if s.closed {
		return nil, fmt.Errorf("%s: stream closed", s.name)
	}
	if s.err != nil {
		return nil, s.err
	}
	for {
		if err := s.ctx.Err(); err != nil {
			s.err = fmt.Errorf("%s: %w", s.name, err)
			return nil, s.err
		}
		if s.sub != nil {
			rec, err := s.sub.Next()
			if err == nil {
				return rec, nil
			}
			s.stats.Add(s.sub.Stats())
			s.sub.Close()
			s.sub = nil
			if !errors.Is(err, io.EOF) {
				return s.fail(err)
			}
			continue
		}
		for len(s.queue) > 0 && s.bb.Len() < s.batchSize() {
			s.bb.Append(&s.queue[0])
			s.queue = s.queue[1:]
		}
		if s.bb.Len() >= s.batchSize() {
			return s.bb.NewRecord(), nil
		}
		if len(s.parts) == 0 {
			s.err = io.EOF
			if rec := s.bb.NewRecord(); rec != nil {
				return rec, nil
			}
			return nil, io.EOF
		}
		p := s.parts[0]
		s.parts = s.parts[1:]
		if err := s.load(p); err != nil {
			return s.fail(err)
		}
	}
}

// fail ends the stream with err after handing out the rows already built.
func (s *stream) fail(err error) (arrow.Record, error) {
	s.err = err
	s.queue = nil
	if rec := s.bb.NewRecord(); rec != nil {
		return rec, nil
	}
	return nil, err
}

// load reads one part into the queue or opens it as a sub-stream.
func (s *stream) load(p Part) error {
	body, err := p.Dir.Read(p.Name)
	if err != nil {
		return fmt.Errorf("%s %s: %w", s.name, p.Label, err)
	}
	where := s.name + " " + p.Label
	if p.Open != nil {
		opt := s.opt
		sub, err := p.Open(s.ctx, bytes.NewReader(body), where, opt)
		if err != nil {
			if errors.Is(err, fetch.ErrNotDanmaku) || errors.Is(err, fetch.ErrEmpty) {
				return s.skip(where, ReasonBadReply, err.Error())
			}
			return err
		}
		s.sub = sub
		return nil
	}
	var failed error
	emit := func(d *fetch.Danmaku) {
		if failed != nil {
			return
		}
		if !s.opt.Dedupe.Add(d.Dmid) {
			failed = s.skip(where, ReasonDuplicate, fmt.Sprintf("dmid %d already read", d.Dmid))
			return
		}
		d.VideoKey = s.video.Key
		if d.Source == "" {
			d.Source = s.video.Source
		}
		if !d.HasAid && s.video.Aid > 0 {
			d.Aid, d.HasAid = s.video.Aid, true
		}
		if !d.HasCid && s.video.Cid > 0 {
			d.Cid, d.HasCid = s.video.Cid, true
		}
		s.stats.Items++
		s.stats.Kept++
		s.queue = append(s.queue, *d)
	}
	skip := func(reason, detail string) {
		if failed == nil {
			failed = s.skip(where, reason, detail)
		}
	}
	if err := p.Decode(body, emit, skip); err != nil {
		if failed == nil {
			failed = s.skip(where, ReasonBadReply, fmt.Sprintf("reply not understood (kept in the archive as %s): %v", p.Name, err))
		}
	}
	return failed
}

// skip counts one skipped item and reports it, or in strict mode returns
// the error that ends the stream.
func (s *stream) skip(where, reason, detail string) error {
	s.stats.Items++
	if s.stats.Skipped == nil {
		s.stats.Skipped = map[string]int{}
	}
	s.stats.Skipped[reason]++
	if s.opt.Strict && reason != ReasonDuplicate {
		return &fetch.ParseError{File: where, Reason: reason, Detail: detail, Err: fetch.ErrDamaged}
	}
	if s.opt.OnSkip != nil {
		s.opt.OnSkip(fetch.Skip{File: where, Reason: reason, Detail: detail})
	}
	return nil
}

// Close releases the stream's buffers.
func (s *stream) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	if s.sub != nil {
		s.sub.Close()
	}
	s.bb.Release()
	return nil
}
