package report

import (
	"fmt"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/parquet-go/parquet-go"
)

// canonicalRow is the canonical danmaku columns ([fetch.Schema]) of one
// Parquet row, in schema order; raw.parquet holds exactly these and
// danmaku.parquet embeds them before its annotations. Nullable columns are
// pointers. Embedding is safe for writing (the columns are inlined in
// place: the files are the same bytes as with flat structs), but parquet-go
// reads a null of an embedded pointer field back as a zero value
// (parquet-go issue #163): read these files with flat structs or rows.
type canonicalRow struct {
	VideoKey   string     `parquet:"video_key,dict"`
	Source     string     `parquet:"source,dict"`
	Aid        *int64     `parquet:"aid,optional"`
	Cid        *int64     `parquet:"cid,optional"`
	Dmid       int64      `parquet:"dmid"`
	ProgressMs int64      `parquet:"progress_ms"`
	SentAt     *time.Time `parquet:"sent_at,optional,timestamp(millisecond:utc)"`
	Mode       int8       `parquet:"mode"`
	Fontsize   int16      `parquet:"fontsize"`
	Color      uint32     `parquet:"color"`
	Pool       int8       `parquet:"pool"`
	Weight     *int8      `parquet:"weight,optional"`
	UserHash   *string    `parquet:"user_hash,optional"`
	Text       string     `parquet:"text"`
}

// canonicalColumns are the arrays of the canonical columns of one record.
type canonicalColumns struct {
	videoKey, source, userHash, text *array.String
	aid, cid, dmid, progress         *array.Int64
	sentAt                           *array.Timestamp
	mode, pool, weight               *array.Int8
	fontsize                         *array.Int16
	color                            *array.Uint32
}

// columnGetter finds the columns of a record by name and type, keeping the
// first error (see [newColumnGetter]).
type columnGetter struct {
	rec arrow.Record
	err error
}

func newColumnGetter(rec arrow.Record) *columnGetter { return &columnGetter{rec: rec} }

// get stores the column called name in dst (a pointer to a typed array
// pointer), or records why it cannot.
func (g *columnGetter) get(name string, dst any) {
	if g.err != nil {
		return
	}
	idx := g.rec.Schema().FieldIndices(name)
	if len(idx) == 0 {
		g.err = fmt.Errorf("record has no column %q", name)
		return
	}
	col := g.rec.Column(idx[0])
	ok := false
	switch d := dst.(type) {
	case **array.String:
		*d, ok = col.(*array.String)
	case **array.Int64:
		*d, ok = col.(*array.Int64)
	case **array.Timestamp:
		*d, ok = col.(*array.Timestamp)
	case **array.Int8:
		*d, ok = col.(*array.Int8)
	case **array.Int16:
		*d, ok = col.(*array.Int16)
	case **array.Uint32:
		*d, ok = col.(*array.Uint32)
	case **array.List:
		*d, ok = col.(*array.List)
	case **array.Float64:
		*d, ok = col.(*array.Float64)
	}
	if !ok {
		g.err = fmt.Errorf("column %q has type %s", name, col.DataType())
	}
}

// canonical finds the canonical columns.
func (g *columnGetter) canonical(c *canonicalColumns) {
	g.get("video_key", &c.videoKey)
	g.get("source", &c.source)
	g.get("aid", &c.aid)
	g.get("cid", &c.cid)
	g.get("dmid", &c.dmid)
	g.get("progress_ms", &c.progress)
	g.get("sent_at", &c.sentAt)
	g.get("mode", &c.mode)
	g.get("fontsize", &c.fontsize)
	g.get("color", &c.color)
	g.get("pool", &c.pool)
	g.get("weight", &c.weight)
	g.get("user_hash", &c.userHash)
	g.get("text", &c.text)
}

// rowArena holds the backing stores of the pointer fields of one batch of
// n rows: one allocation each instead of one per row. Its slices never
// grow past their capacity, so the pointers stay valid.
type rowArena struct {
	ints    []int64
	times   []time.Time
	weights []int8
	hashes  []string
}

func newRowArena(n int) rowArena {
	return rowArena{
		ints:    make([]int64, 0, 2*n),
		times:   make([]time.Time, 0, n),
		weights: make([]int8, 0, n),
		hashes:  make([]string, 0, n),
	}
}

// row returns the canonical columns of row i, with its nullable values
// stored in a.
func (c *canonicalColumns) row(i int, a *rowArena) canonicalRow {
	r := canonicalRow{
		VideoKey:   c.videoKey.Value(i),
		Source:     c.source.Value(i),
		Dmid:       c.dmid.Value(i),
		ProgressMs: c.progress.Value(i),
		Mode:       c.mode.Value(i),
		Fontsize:   c.fontsize.Value(i),
		Color:      c.color.Value(i),
		Pool:       c.pool.Value(i),
		Text:       c.text.Value(i),
	}
	if c.aid.IsValid(i) {
		a.ints = append(a.ints, c.aid.Value(i))
		r.Aid = &a.ints[len(a.ints)-1]
	}
	if c.cid.IsValid(i) {
		a.ints = append(a.ints, c.cid.Value(i))
		r.Cid = &a.ints[len(a.ints)-1]
	}
	if c.sentAt.IsValid(i) {
		a.times = append(a.times, time.UnixMilli(int64(c.sentAt.Value(i))).UTC())
		r.SentAt = &a.times[len(a.times)-1]
	}
	if c.weight.IsValid(i) {
		a.weights = append(a.weights, c.weight.Value(i))
		r.Weight = &a.weights[len(a.weights)-1]
	}
	if c.userHash.IsValid(i) {
		a.hashes = append(a.hashes, c.userHash.Value(i))
		r.UserHash = &a.hashes[len(a.hashes)-1]
	}
	return r
}

// rowWriter streams rows of type T into one Parquet file that appears
// under its name only when Close succeeds; name prefixes its errors.
type rowWriter[T any] struct {
	name string
	file *atomicFile
	w    *parquet.GenericWriter[T]
	rows []T
	n    int64
}

func newRowWriter[T any](name, path string, schema *parquet.Schema, meta Meta) (*rowWriter[T], error) {
	f, err := createAtomic(path)
	if err != nil {
		return nil, err
	}
	return &rowWriter[T]{name: name, file: f, w: parquet.NewGenericWriter[T](f, meta.writerOptions(schema)...)}, nil
}

// flush writes the buffered rows.
func (w *rowWriter[T]) flush() error {
	if _, err := w.w.Write(w.rows); err != nil {
		return fmt.Errorf("%s: %w", w.name, err)
	}
	w.n += int64(len(w.rows))
	w.rows = w.rows[:0]
	return nil
}

// Rows returns the number of rows written so far.
func (w *rowWriter[T]) Rows() int64 { return w.n }

// Close finishes the file and moves it into place.
func (w *rowWriter[T]) Close() error {
	if err := w.w.Close(); err != nil {
		w.file.Abort()
		return fmt.Errorf("%s: %w", w.name, err)
	}
	return w.file.Commit()
}

// Abort discards the partial file.
func (w *rowWriter[T]) Abort() { w.file.Abort() }
