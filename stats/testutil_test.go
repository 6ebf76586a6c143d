package stats

import (
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// row is one annotated danmaku for building test records.
type row struct {
	progress int64
	valence  float64
	label    string
	emotion  string // "" means none
	tokens   []string
}

var testSchema = arrow.NewSchema([]arrow.Field{
	{Name: "progress_ms", Type: arrow.PrimitiveTypes.Int64},
	{Name: "tokens", Type: arrow.ListOf(arrow.BinaryTypes.String)},
	{Name: "valence", Type: arrow.PrimitiveTypes.Float64},
	{Name: "label", Type: arrow.BinaryTypes.String},
	{Name: "emotion", Type: arrow.BinaryTypes.String},
}, nil)

// record builds a record with the columns the accumulator reads.
func record(t testing.TB, rows []row) arrow.Record {
	t.Helper()
	b := array.NewRecordBuilder(memory.DefaultAllocator, testSchema)
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
		b.Field(3).(*array.StringBuilder).Append(r.label)
		e := r.emotion
		if e == "" {
			e = "none"
		}
		b.Field(4).(*array.StringBuilder).Append(e)
	}
	return b.NewRecord()
}

// fakeTerms treats tokens of two or more runes that are not "的了" as
// keywords, and gives each term an IDF from a table (default 5).
type fakeTerms map[string]float64

func (f fakeTerms) IsKeyword(t string) bool {
	return len([]rune(t)) >= 2 && !strings.ContainsAny(t, "的了")
}

func (f fakeTerms) IDF(t string) float64 {
	if v, ok := f[t]; ok {
		return v
	}
	return 5
}

func addRows(t testing.TB, a *Accumulator, rows []row) {
	t.Helper()
	rec := record(t, rows)
	defer rec.Release()
	if err := a.Add(rec); err != nil {
		t.Fatal(err)
	}
}
