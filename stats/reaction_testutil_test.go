package stats

import (
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// rrow is one annotated danmaku with the optional columns the reaction
// analytics read.
type rrow struct {
	progress int64
	tokens   []string
	valence  float64
	label    string
	pool     int8
	mode     int8
	user     string // "" is null
	sentMs   int64  // 0 is null
	emotion  string // "" leaves the column out of the record
	text     string
}

// reactionRecord builds a record of rows; with emotions, it has an emotion
// column.
func reactionRecord(t testing.TB, rows []rrow, emotions bool) arrow.Record {
	t.Helper()
	fields := []arrow.Field{
		{Name: "progress_ms", Type: arrow.PrimitiveTypes.Int64},
		{Name: "tokens", Type: arrow.ListOf(arrow.BinaryTypes.String)},
		{Name: "valence", Type: arrow.PrimitiveTypes.Float64},
		{Name: "label", Type: arrow.BinaryTypes.String},
		{Name: "pool", Type: arrow.PrimitiveTypes.Int8},
		{Name: "mode", Type: arrow.PrimitiveTypes.Int8},
		{Name: "user_hash", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "sent_at", Type: &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}, Nullable: true},
		{Name: "text", Type: arrow.BinaryTypes.String},
	}
	if emotions {
		fields = append(fields, arrow.Field{Name: "emotion", Type: arrow.BinaryTypes.String})
	}
	b := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema(fields, nil))
	defer b.Release()
	lb := b.Field(1).(*array.ListBuilder)
	vb := lb.ValueBuilder().(*array.StringBuilder)
	for _, r := range rows {
		b.Field(0).(*array.Int64Builder).Append(r.progress)
		lb.Append(true)
		for _, tok := range r.tokens {
			vb.Append(tok)
		}
		b.Field(2).(*array.Float64Builder).Append(r.valence)
		label := r.label
		if label == "" {
			label = "neu"
		}
		b.Field(3).(*array.StringBuilder).Append(label)
		b.Field(4).(*array.Int8Builder).Append(r.pool)
		mode := r.mode
		if mode == 0 {
			mode = 1
		}
		b.Field(5).(*array.Int8Builder).Append(mode)
		if r.user == "" {
			b.Field(6).AppendNull()
		} else {
			b.Field(6).(*array.StringBuilder).Append(r.user)
		}
		if r.sentMs == 0 {
			b.Field(7).AppendNull()
		} else {
			b.Field(7).(*array.TimestampBuilder).Append(arrow.Timestamp(r.sentMs))
		}
		b.Field(8).(*array.StringBuilder).Append(r.text)
		if emotions {
			e := r.emotion
			if e == "" {
				e = "none"
			}
			b.Field(9).(*array.StringBuilder).Append(e)
		}
	}
	return b.NewRecord()
}

// accumulate adds rows to a new accumulator with opt.
func accumulate(t testing.TB, opt Options, rows []rrow, emotions bool) *Accumulator {
	t.Helper()
	a := NewAccumulator(opt, fakeTerms{})
	rec := reactionRecord(t, rows, emotions)
	defer rec.Release()
	if err := a.Add(rec); err != nil {
		t.Fatal(err)
	}
	return a
}
