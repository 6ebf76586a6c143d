package fetch

import (
	"errors"
	"io"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

func TestBatchBuilderBoundsAndNulls(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	bb := NewBatchBuilder(mem, 3)
	defer bb.Release()
	rows := []Danmaku{
		{VideoKey: "k", Source: "s", Cid: 7, HasCid: true, Dmid: 1<<53 + 1, ProgressMs: 10, SentAtMs: 1700000000000, HasSentAt: true,
			Mode: 1, Fontsize: 25, Color: 16777215, Weight: 0, HasWeight: true, UserHash: "abc", Text: "一"},
		{VideoKey: "k", Source: "s", Dmid: 2, ProgressMs: 20, Text: "二"},
		{VideoKey: "k", Source: "s", Dmid: 3, ProgressMs: 30, Text: "三"},
		{VideoKey: "k", Source: "s", Dmid: 4, ProgressMs: 40, Text: "四"},
	}
	var recs []arrow.Record
	for i := range rows {
		if bb.Append(&rows[i]) {
			recs = append(recs, bb.NewRecord())
		}
	}
	if rec := bb.NewRecord(); rec != nil {
		recs = append(recs, rec)
	}
	if bb.NewRecord() != nil {
		t.Error("NewRecord on an empty batch returned a record")
	}
	if len(recs) != 2 || recs[0].NumRows() != 3 || recs[1].NumRows() != 1 {
		t.Fatalf("got %d records, want batches of 3 and 1", len(recs))
	}
	r := recs[0]
	if !r.Schema().Equal(Schema) {
		t.Errorf("schema %v, want the canonical schema", r.Schema())
	}
	if got := r.Column(ColDmid).(*array.Int64).Value(0); got != 1<<53+1 {
		t.Errorf("dmid %d, want %d", got, int64(1<<53+1))
	}
	for _, c := range []struct {
		col   int
		valid [3]bool
	}{
		{ColAid, [3]bool{false, false, false}},
		{ColCid, [3]bool{true, false, false}},
		{ColSentAt, [3]bool{true, false, false}},
		{ColWeight, [3]bool{true, false, false}}, // weight 0 is a value
		{ColUserHash, [3]bool{true, false, false}},
	} {
		for i, want := range c.valid {
			if got := r.Column(c.col).IsValid(i); got != want {
				t.Errorf("%s row %d valid = %v, want %v", Schema.Field(c.col).Name, i, got, want)
			}
		}
	}
	if got := r.Column(ColSentAt).(*array.Timestamp).Value(0); got != 1700000000000 {
		t.Errorf("sent_at %d", got)
	}
	if got := recs[1].Column(ColText).(*array.String).Value(0); got != "四" {
		t.Errorf("second batch text %q, want 四", got)
	}
	for _, rec := range recs {
		rec.Release()
	}
}

func TestSchemaDocumentsEveryColumn(t *testing.T) {
	if len(Schema.Fields()) != NumColumns {
		t.Fatalf("schema has %d fields, NumColumns is %d", len(Schema.Fields()), NumColumns)
	}
	names := []string{"video_key", "source", "aid", "cid", "dmid", "progress_ms", "sent_at", "mode", "fontsize", "color", "pool", "weight", "user_hash", "text"}
	for i, n := range names {
		if Schema.Field(i).Name != n {
			t.Errorf("column %d is %s, want %s", i, Schema.Field(i).Name, n)
		}
	}
	if ts, ok := Schema.Field(ColSentAt).Type.(*arrow.TimestampType); !ok || ts.Unit != arrow.Millisecond || ts.TimeZone != "UTC" {
		t.Errorf("sent_at type %v, want timestamp[ms, UTC]", Schema.Field(ColSentAt).Type)
	}
}

func TestReadStatsAdd(t *testing.T) {
	var s ReadStats
	s.Add(ReadStats{Format: "xml", Items: 3, Kept: 2, Skipped: map[string]int{"truncated": 1}, Ignored: map[string]int{"gift": 2}})
	s.Add(ReadStats{Format: "xml+gzip", Items: 5, Kept: 4, Skipped: map[string]int{"truncated": 1}})
	if s.Format != "mixed" || s.Items != 8 || s.Kept != 6 || s.Skipped["truncated"] != 2 || s.Ignored["gift"] != 2 {
		t.Errorf("merged %+v", s)
	}
}

func TestIDSet(t *testing.T) {
	s := NewIDSet()
	for i, c := range []struct {
		id   int64
		want bool
	}{{5, true}, {5, false}, {0, true}, {0, true}, {1 << 62, true}, {1<<62 + 1, true}, {1 << 62, false}} {
		if got := s.Add(c.id); got != c.want {
			t.Errorf("step %d: Add(%d) = %v, want %v", i, c.id, got, c.want)
		}
	}
	if s.Len() != 3 {
		t.Errorf("Len = %d, want 3", s.Len())
	}
}

func TestParseError(t *testing.T) {
	e := &ParseError{File: "a.xml", Line: 12, Reason: "bad_p_fields", Detail: "p attribute has 7 fields", Err: ErrDamaged}
	if got, want := e.Error(), "a.xml:12: p attribute has 7 fields (bad_p_fields)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(e, ErrDamaged) {
		t.Error("errors.Is(ErrDamaged) is false")
	}
	e = &ParseError{File: "b.xml", Err: ErrEmpty}
	if got := e.Error(); got != "b.xml: empty input" {
		t.Errorf("Error() = %q", got)
	}
	s := Skip{File: "c.xml", Line: 3, Reason: "truncated", Detail: "file ends inside <d>"}
	if got := s.String(); got != "c.xml:3: file ends inside <d> (truncated)" {
		t.Errorf("Skip.String() = %q", got)
	}
}

// listStream yields recs, then err (io.EOF when nil).
type listStream struct {
	recs []arrow.Record
	err  error
}

func (s *listStream) Video() Video     { return Video{} }
func (s *listStream) Stats() ReadStats { return ReadStats{} }
func (s *listStream) Close() error     { return nil }
func (s *listStream) Next() (arrow.Record, error) {
	if len(s.recs) > 0 {
		rec := s.recs[0]
		s.recs = s.recs[1:]
		return rec, nil
	}
	if s.err != nil {
		return nil, s.err
	}
	return nil, io.EOF
}

func TestForEach(t *testing.T) {
	errStream, errFn := errors.New("reply truncated"), errors.New("disk full")
	tests := []struct {
		name      string
		streamErr error
		fnErrAt   int // fn fails on this call (1-based); 0: never
		wantErr   error
		wantCalls int
	}{
		{"to the end", nil, 0, nil, 3},
		{"stream error after the records", errStream, 0, errStream, 3},
		{"fn error stops", nil, 2, errFn, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			bb := NewBatchBuilder(mem, 1)
			st := &listStream{err: tt.streamErr}
			for i := range 3 {
				if bb.Append(&Danmaku{VideoKey: "k", Source: "s", Dmid: int64(i + 1), Text: "x"}) {
					st.recs = append(st.recs, bb.NewRecord())
				}
			}
			bb.Release()
			calls := 0
			err := ForEach(st, func(rec arrow.Record) error {
				calls++
				if calls == tt.fnErrAt {
					return errFn
				}
				return nil
			})
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
			if calls != tt.wantCalls {
				t.Errorf("fn called %d times, want %d", calls, tt.wantCalls)
			}
			for _, rec := range st.recs { // not reached by ForEach
				rec.Release()
			}
		})
	}
}
