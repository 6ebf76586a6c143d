package report

import (
	"fmt"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/parquet-go/parquet-go"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// rawRow is one row of raw.parquet: the canonical danmaku columns, as a
// source yielded them, before any analysis.
type rawRow struct {
	canonicalRow
}

var rawSchema = parquet.NewSchema("danmaku", parquet.SchemaOf(new(rawRow)))

// RawWriter streams record batches of the canonical schema ([fetch.Schema])
// into a Parquet file (raw.parquet of `analyze fetch`). The file appears
// under its name only when Close succeeds.
type RawWriter struct {
	*rowWriter[rawRow]
}

// NewRawWriter starts writing path.
func NewRawWriter(path string, meta Meta) (*RawWriter, error) {
	w, err := newRowWriter[rawRow]("raw.parquet", path, rawSchema, meta)
	if err != nil {
		return nil, err
	}
	return &RawWriter{w}, nil
}

// Write appends the rows of one record in the canonical schema. It does
// not retain the record.
func (r *RawWriter) Write(rec arrow.Record) error {
	if !rec.Schema().Equal(fetch.Schema) {
		return fmt.Errorf("raw.parquet: record schema %v is not the canonical danmaku schema", rec.Schema())
	}
	var c canonicalColumns
	g := newColumnGetter(rec)
	g.canonical(&c)
	if g.err != nil {
		return fmt.Errorf("raw.parquet: %w", g.err)
	}
	n := int(rec.NumRows())
	a := newRowArena(n)
	for i := range n {
		r.rows = append(r.rows, rawRow{c.row(i, &a)})
	}
	return r.flush()
}
