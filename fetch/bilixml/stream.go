package bilixml

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// Config says how a decoded document maps into the schema.
type Config struct {
	// Source is the value of the source column, e.g. "file-xml" or
	// "bilibili-xml"; empty means "file-xml".
	Source string
	// FallbackKey is the video_key when neither Cid nor the document's
	// <chatid> is a positive integer; empty means "file:" and the base name
	// of the name given to NewStream.
	FallbackKey string
	// Aid and Cid are known Bilibili ids, used when > 0: Cid overrides
	// <chatid> for the video_key and the cid column; Aid fills the aid
	// column, which is null otherwise.
	Aid, Cid int64
}

// errClosed is returned by Next after Close.
var errClosed = errors.New("stream closed")

// stream is the [fetch.Stream] of one document.
type stream struct {
	ctx    context.Context
	name   string
	opt    fetch.Options
	p      *parser
	bb     *fetch.BatchBuilder
	video  fetch.Video
	stats  fetch.ReadStats
	err    error // sticky: io.EOF after the last batch, or the failure
	closer io.Closer
	closed bool
}

// NewStream decodes one danmaku XML document from r. The encoding (plain,
// gzip, zlib or raw deflate) is recognised by content, never by name. name
// identifies the input in every error and skip. NewStream reads the header
// (up to the first danmaku) before returning, so Video is valid; input that
// is not danmaku XML fails here with a [*fetch.ParseError] wrapping
// [fetch.ErrNotDanmaku] or [fetch.ErrEmpty].
//
// Skips are counted in Stats, one item each, so that Items == Kept + the sum
// of Skipped. With opt.Strict the first damage (any skip but
// "duplicate_dmid") ends the stream with a [*fetch.ParseError] wrapping
// [fetch.ErrDamaged], returned by NewStream or Next, after the rows read
// before it; it is counted in Stats but not passed to opt.OnSkip.
//
// The stream does not close r.
func NewStream(ctx context.Context, r io.Reader, name string, cfg Config, opt fetch.Options) (fetch.Stream, error) {
	return newStream(ctx, r, name, cfg, opt, nil)
}

// newStream is NewStream with a closer (the file) that Close closes, also
// when newStream fails.
func newStream(ctx context.Context, r io.Reader, name string, cfg Config, opt fetch.Options, c io.Closer) (_ fetch.Stream, err error) {
	closers := multiCloser{c}
	defer func() {
		if err != nil {
			closers.Close()
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	src := &errTrack{r: r}
	dec, err := detect(src, name)
	if err != nil {
		return nil, err
	}
	closers = append(multiCloser{dec.closer}, closers...)
	s := &stream{
		ctx:    ctx,
		name:   name,
		opt:    opt,
		p:      newParser(newInput(dec.r), src, name),
		stats:  fetch.ReadStats{Format: dec.format},
		closer: closers,
	}
	if err := s.readHeader(); err != nil {
		return nil, err
	}
	s.video = videoOf(cfg, name, s.p.chatID)
	s.p.d = fetch.Danmaku{
		VideoKey: s.video.Key,
		Source:   s.video.Source,
		Aid:      s.video.Aid,
		HasAid:   s.video.Aid > 0,
		Cid:      s.video.Cid,
		HasCid:   s.video.Cid > 0,
	}
	s.bb = fetch.NewBatchBuilder(opt.Allocator, opt.BatchSize)
	return s, nil
}

// readHeader reads up to the first danmaku.
func (s *stream) readHeader() error {
	for {
		ev := s.p.next()
		switch ev.kind {
		case evBody:
			return nil
		case evEnd:
			s.err = io.EOF
			return nil
		}
		if err := s.handle(ev); err != nil {
			return err
		}
	}
}

// videoOf identifies the video from the configuration and the document's
// chatid.
func videoOf(cfg Config, name, chatID string) fetch.Video {
	v := fetch.Video{Source: cfg.Source, Aid: max(cfg.Aid, 0), Cid: cfg.Cid}
	if v.Source == "" {
		v.Source = "file-xml"
	}
	if v.Cid <= 0 {
		v.Cid = 0
		if id, err := strconv.ParseInt(chatID, 10, 64); err == nil && id > 0 {
			v.Cid = id
		}
	}
	switch {
	case v.Cid > 0:
		v.Key = "bilibili:cid:" + strconv.FormatInt(v.Cid, 10)
	case cfg.FallbackKey != "":
		v.Key = cfg.FallbackKey
	default:
		v.Key = "file:" + filepath.Base(name)
	}
	return v
}

// handle applies one parser event to the batch and the counts. It returns
// the error that ends the stream, if any.
func (s *stream) handle(ev event) error {
	switch ev.kind {
	case evDanmaku:
		if s.opt.Dedupe != nil && !s.opt.Dedupe.Add(s.p.d.Dmid) {
			return s.skip(ev.line, ReasonDuplicate, fmt.Sprintf("dmid %d already read", s.p.d.Dmid))
		}
		s.stats.Items++
		s.stats.Kept++
		s.bb.Append(&s.p.d)
	case evSkip:
		return s.skip(ev.line, ev.reason, ev.detail)
	case evIgnored:
		if s.stats.Ignored == nil {
			s.stats.Ignored = make(map[string]int)
		}
		s.stats.Ignored[ev.name]++
	case evFatal:
		return ev.err
	case evEnd:
		return io.EOF
	}
	return nil
}

// skip counts one skipped item and reports it, or in strict mode turns
// damage into the error that ends the stream.
func (s *stream) skip(line int, reason, detail string) error {
	s.stats.Items++
	if s.stats.Skipped == nil {
		s.stats.Skipped = make(map[string]int)
	}
	s.stats.Skipped[reason]++
	if s.opt.Strict && reason != ReasonDuplicate {
		return &fetch.ParseError{File: s.name, Line: line, Reason: reason, Detail: detail, Err: fetch.ErrDamaged}
	}
	if s.opt.OnSkip != nil {
		s.opt.OnSkip(fetch.Skip{File: s.name, Line: line, Reason: reason, Detail: detail})
	}
	return nil
}

// Video returns the video the document belongs to.
func (s *stream) Video() fetch.Video { return s.video }

// Stats returns the counts so far.
func (s *stream) Stats() fetch.ReadStats { return s.stats }

// Next returns the next batch of at most opt.BatchSize rows, or io.EOF.
func (s *stream) Next() (arrow.Record, error) {
	if s.closed {
		return nil, fmt.Errorf("%s: %w", s.name, errClosed)
	}
	if s.err != nil {
		return nil, s.err
	}
	if err := s.ctx.Err(); err != nil {
		s.err = fmt.Errorf("%s: %w", s.name, err)
		return nil, s.err
	}
	for {
		if err := s.handle(s.p.next()); err != nil {
			s.err = err
			if rec := s.bb.NewRecord(); rec != nil {
				return rec, nil
			}
			return nil, err
		}
		if s.bb.Len() >= s.batchSize() {
			return s.bb.NewRecord(), nil
		}
	}
}

func (s *stream) batchSize() int {
	if s.opt.BatchSize > 0 {
		return s.opt.BatchSize
	}
	return fetch.DefaultBatchSize
}

// Close releases the batch builder and closes the decompressor and, for a
// [File], the file. It may be called more than once.
func (s *stream) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	if s.bb != nil {
		s.bb.Release()
	}
	if err := s.closer.Close(); err != nil {
		return fmt.Errorf("close %s: %w", s.name, err)
	}
	return nil
}

// multiCloser closes each non-nil closer in order and returns the first
// error.
type multiCloser []io.Closer

func (m multiCloser) Close() error {
	var first error
	for _, c := range m {
		if c == nil {
			continue
		}
		if err := c.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}
