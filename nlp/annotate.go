package nlp

import (
	"fmt"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// Column indexes of [AnnotatedSchema] after the canonical columns.
const (
	ColTokens           = fetch.NumColumns + iota // tokens: list<utf8>
	ColValence                                    // valence: float64 in [-1, 1]
	ColLabel                                      // label: "pos", "neg" or "neu"
	NumAnnotatedColumns                           // number of columns
)

// AnnotatedSchema is [fetch.Schema]'s fields followed by:
//
//   - tokens (list<utf8>): the words of the text in order, without
//     whitespace and punctuation;
//   - valence (float64): sentiment in [-1, 1];
//   - label (utf8): "pos", "neg" or "neu".
//
// The three are null only where text is null.
var AnnotatedSchema = arrow.NewSchema(append(fetch.Schema.Fields(),
	arrow.Field{Name: "tokens", Type: arrow.ListOf(arrow.BinaryTypes.String), Nullable: true},
	arrow.Field{Name: "valence", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	arrow.Field{Name: "label", Type: arrow.BinaryTypes.String, Nullable: true},
), nil)

// Annotate analyses the text column of rec, a record in [fetch.Schema], and
// returns a new record in [AnnotatedSchema]: the same columns, shared, plus
// tokens, valence and label, row for row. The caller releases both records.
func (a *Analyzer) Annotate(rec arrow.Record) (arrow.Record, error) {
	if err := checkSchema(rec.Schema()); err != nil {
		return nil, fmt.Errorf("nlp: annotate: %w", err)
	}
	text, ok := rec.Column(fetch.ColText).(*array.String)
	if !ok {
		return nil, fmt.Errorf("nlp: annotate: text column is %T: %w", rec.Column(fetch.ColText), ErrSchema)
	}
	mem := a.mem
	if mem == nil {
		mem = memory.DefaultAllocator
	}
	rows := int(rec.NumRows())
	lb := array.NewListBuilder(mem, arrow.BinaryTypes.String)
	defer lb.Release()
	tb := lb.ValueBuilder().(*array.StringBuilder)
	vb := array.NewFloat64Builder(mem)
	defer vb.Release()
	sb := array.NewStringBuilder(mem)
	defer sb.Release()
	lb.Reserve(rows)
	vb.Reserve(rows)
	sb.Reserve(rows)
	for i := 0; i < rows; i++ {
		if text.IsNull(i) {
			lb.AppendNull()
			vb.AppendNull()
			sb.AppendNull()
			continue
		}
		r := a.Analyze(text.Value(i))
		lb.Append(true)
		for _, t := range r.Tokens {
			tb.Append(t)
		}
		vb.Append(r.Valence)
		sb.Append(string(r.Label))
	}
	cols := make([]arrow.Array, 0, NumAnnotatedColumns)
	cols = append(cols, rec.Columns()...)
	added := []arrow.Array{lb.NewArray(), vb.NewArray(), sb.NewArray()}
	cols = append(cols, added...)
	out := array.NewRecord(AnnotatedSchema, cols, rec.NumRows())
	for _, c := range added {
		c.Release()
	}
	return out, nil
}

// checkSchema checks that s has fetch.Schema's fields, in order.
func checkSchema(s *arrow.Schema) error {
	if s.NumFields() != fetch.NumColumns {
		return fmt.Errorf("%d columns, want %d: %w", s.NumFields(), fetch.NumColumns, ErrSchema)
	}
	for i, want := range fetch.Schema.Fields() {
		got := s.Field(i)
		if got.Name != want.Name || !arrow.TypeEqual(got.Type, want.Type) {
			return fmt.Errorf("column %d is %s %s, want %s %s: %w", i, got.Name, got.Type, want.Name, want.Type, ErrSchema)
		}
	}
	return nil
}
