package fetch

import (
	"context"
	"errors"
	"io"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// A Source is one input of danmaku: a file, or (in later sub-packages) a
// video on a network service. Opening it yields a [Stream] of record batches.
type Source interface {
	// Name identifies the source in messages: a file path or a source spec.
	Name() string
	// Open starts reading. It reads as much as needed to identify the video
	// (so that [Stream.Video] is valid) and fails with an error naming the
	// source when the input is not what the source expects.
	Open(ctx context.Context, opt Options) (Stream, error)
}

// A Stream yields the danmaku of one source as record batches in [Schema].
//
// Next returns the next batch, or (nil, io.EOF) after the last one. The caller
// owns each returned record and must Release it. Any other error ends the
// stream. A Stream is not safe for concurrent use; Close releases its
// resources and may be called at any time.
type Stream interface {
	Video() Video
	Next() (arrow.Record, error)
	// Stats returns the counts so far; complete once Next returned io.EOF.
	Stats() ReadStats
	Close() error
}

// ForEach calls fn with each record of st until st is exhausted, releasing
// each record when fn returns (fn must Retain what it keeps). It returns
// nil at the end of the stream, or the first error of st or fn.
func ForEach(st Stream, fn func(arrow.Record) error) error {
	for {
		rec, err := st.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		err = fn(rec)
		rec.Release()
		if err != nil {
			return err
		}
	}
}

// Options configure how a source is read. The zero value is usable.
type Options struct {
	// BatchSize is the maximum number of rows per record; 0 means
	// DefaultBatchSize.
	BatchSize int
	// Allocator allocates the records; nil means memory.DefaultAllocator.
	Allocator memory.Allocator
	// Strict turns any damage into an error instead of a counted skip.
	Strict bool
	// OnSkip, when set, is called for each skipped item, in input order.
	// Skips are counted in [ReadStats] whether or not it is set.
	OnSkip func(Skip)
	// Dedupe, when set, drops rows whose non-zero dmid is already in the set
	// (counted as skipped with reason "duplicate_dmid", not as damage) and
	// records the others. Share one set among the inputs of one video.
	Dedupe *IDSet
}

// Video identifies the video a stream belongs to.
type Video struct {
	// Key is the stable video_key (see [Schema]).
	Key string
	// Source is the value of the source column, e.g. "file-xml".
	Source string
	// Aid and Cid are the Bilibili ids; 0 when unknown.
	Aid, Cid int64
	// Page is the 1-based page ("分P") of a Bilibili video that the cid
	// belongs to; 0 when unknown (a file, or a page fetched by its cid).
	Page int
	// DurationMs is the video's length when the source knows it, else 0.
	DurationMs int64
}

// ReadStats counts what a stream read, kept and skipped.
type ReadStats struct {
	// Format describes the input encoding, e.g. "xml", "xml+deflate".
	Format string `json:"format,omitempty"`
	// Items is the number of danmaku items seen (kept + skipped).
	Items int `json:"items"`
	// Kept is the number of danmaku emitted.
	Kept int `json:"kept"`
	// Skipped counts skipped danmaku and damage by [Skip.Reason].
	Skipped map[string]int `json:"skipped,omitempty"`
	// Ignored counts elements that are not danmaku (gift, sc, guard…) by name.
	Ignored map[string]int `json:"ignored,omitempty"`
}

// Add merges o into s.
func (s *ReadStats) Add(o ReadStats) {
	if s.Format == "" {
		s.Format = o.Format
	} else if o.Format != "" && o.Format != s.Format {
		s.Format = "mixed"
	}
	s.Items += o.Items
	s.Kept += o.Kept
	s.Skipped = addCounts(s.Skipped, o.Skipped)
	s.Ignored = addCounts(s.Ignored, o.Ignored)
}

func addCounts(dst, src map[string]int) map[string]int {
	if len(src) == 0 {
		return dst
	}
	if dst == nil {
		dst = make(map[string]int, len(src))
	}
	for k, v := range src {
		dst[k] += v
	}
	return dst
}

// Skip describes one skipped item or one piece of damage in an input.
type Skip struct {
	// File is the source's name (a path for files).
	File string `json:"file"`
	// Line is the 1-based line where the item starts; 0 when not applicable.
	Line int `json:"line,omitempty"`
	// Reason is a short stable code used for counting, e.g. "bad_p_fields".
	Reason string `json:"reason"`
	// Detail says what was wrong in words, quoting the offending value.
	Detail string `json:"detail"`
}

// String formats the skip as "file:line: detail (reason)".
func (s Skip) String() string {
	return (&ParseError{File: s.File, Line: s.Line, Reason: s.Reason, Detail: s.Detail}).Error()
}
