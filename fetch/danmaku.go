package fetch

import (
	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// DefaultBatchSize is the number of rows per record batch when
// [Options.BatchSize] is zero.
const DefaultBatchSize = 8192

// Danmaku is one row of [Schema] as a Go value. Sources fill one and append it
// to a [BatchBuilder]; it is a staging value, not a container for a video.
// Nullable columns are null when their Has… flag is false.
type Danmaku struct {
	VideoKey   string
	Source     string
	Aid        int64
	HasAid     bool
	Cid        int64
	HasCid     bool
	Dmid       int64
	ProgressMs int64
	SentAtMs   int64 // Unix milliseconds, UTC
	HasSentAt  bool
	Mode       int8
	Fontsize   int16
	Color      uint32
	Pool       int8
	Weight     int8
	HasWeight  bool
	UserHash   string // empty means null
	Text       string
}

// BatchBuilder accumulates danmaku into records of [Schema] of at most a fixed
// number of rows. It is not safe for concurrent use.
type BatchBuilder struct {
	b    *array.RecordBuilder
	size int
	n    int
}

// NewBatchBuilder returns a builder for batches of at most size rows
// (DefaultBatchSize when size <= 0) allocated from mem (the default allocator
// when nil).
func NewBatchBuilder(mem memory.Allocator, size int) *BatchBuilder {
	if mem == nil {
		mem = memory.DefaultAllocator
	}
	if size <= 0 {
		size = DefaultBatchSize
	}
	b := array.NewRecordBuilder(mem, Schema)
	b.Reserve(size)
	return &BatchBuilder{b: b, size: size}
}

// Append adds one row. It reports whether the batch is now full, in which
// case the caller should take it with [BatchBuilder.NewRecord].
func (bb *BatchBuilder) Append(d *Danmaku) (full bool) {
	f := bb.b.Fields()
	f[ColVideoKey].(*array.StringBuilder).Append(d.VideoKey)
	f[ColSource].(*array.StringBuilder).Append(d.Source)
	appendOptInt64(f[ColAid].(*array.Int64Builder), d.Aid, d.HasAid)
	appendOptInt64(f[ColCid].(*array.Int64Builder), d.Cid, d.HasCid)
	f[ColDmid].(*array.Int64Builder).Append(d.Dmid)
	f[ColProgressMs].(*array.Int64Builder).Append(d.ProgressMs)
	ts := f[ColSentAt].(*array.TimestampBuilder)
	if d.HasSentAt {
		ts.Append(arrow.Timestamp(d.SentAtMs))
	} else {
		ts.AppendNull()
	}
	f[ColMode].(*array.Int8Builder).Append(d.Mode)
	f[ColFontsize].(*array.Int16Builder).Append(d.Fontsize)
	f[ColColor].(*array.Uint32Builder).Append(d.Color)
	f[ColPool].(*array.Int8Builder).Append(d.Pool)
	w := f[ColWeight].(*array.Int8Builder)
	if d.HasWeight {
		w.Append(d.Weight)
	} else {
		w.AppendNull()
	}
	u := f[ColUserHash].(*array.StringBuilder)
	if d.UserHash != "" {
		u.Append(d.UserHash)
	} else {
		u.AppendNull()
	}
	f[ColText].(*array.StringBuilder).Append(d.Text)
	bb.n++
	return bb.n >= bb.size
}

func appendOptInt64(b *array.Int64Builder, v int64, ok bool) {
	if ok {
		b.Append(v)
	} else {
		b.AppendNull()
	}
}

// Len returns the number of rows in the pending batch.
func (bb *BatchBuilder) Len() int { return bb.n }

// NewRecord returns the pending rows as a record (nil when there are none)
// and starts a new batch. The caller owns the record and must Release it.
func (bb *BatchBuilder) NewRecord() arrow.Record {
	if bb.n == 0 {
		return nil
	}
	rec := bb.b.NewRecord()
	bb.n = 0
	bb.b.Reserve(bb.size)
	return rec
}

// Release frees the builder's buffers.
func (bb *BatchBuilder) Release() { bb.b.Release() }
