package report

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/parquet-go/parquet-go"
)

// cell is one column of one row read back from a Parquet file: a scalar is
// one value (which may be null), a list any number of values.
type cell struct {
	list bool
	vals []scalar
}

// scalar is one Parquet value in a comparable form.
type scalar struct {
	null bool
	kind byte // 'i' integer, 'f' float, 's' string, 'b' boolean
	i    int64
	f    float64
	s    string
}

func (s scalar) String() string {
	switch {
	case s.null:
		return "null"
	case s.kind == 'f':
		return strconv.FormatFloat(s.f, 'g', -1, 64)
	case s.kind == 's':
		return strconv.Quote(s.s)
	case s.kind == 'b':
		return strconv.FormatBool(s.i != 0)
	}
	return strconv.FormatInt(s.i, 10)
}

func (c cell) String() string {
	if !c.list {
		if len(c.vals) == 0 {
			return "null"
		}
		return c.vals[0].String()
	}
	s := "["
	for i, v := range c.vals {
		if i > 0 {
			s += " "
		}
		s += v.String()
	}
	return s + "]"
}

// table is a Parquet file opened for comparison.
type table struct {
	f       *os.File
	pf      *parquet.File
	columns []string // top-level column name of each leaf
	listCol []bool   // leaf is repeated
}

func openTable(path string) (*table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	t := &table{f: f, pf: pf}
	for _, path := range pf.Schema().Columns() {
		leaf, _ := pf.Schema().Lookup(path...)
		t.columns = append(t.columns, path[0])
		t.listCol = append(t.listCol, leaf.MaxRepetitionLevel > 0)
	}
	return t, nil
}

func (t *table) Close() error { return t.f.Close() }

// meta returns a key-value metadata entry of the file.
func (t *table) meta(key string) string {
	v, _ := t.pf.Lookup(key)
	return v
}

// rowIter reads a table's rows in file order as cells.
type rowIter struct {
	t    *table
	r    *parquet.Reader
	buf  []parquet.Row
	i, n int
	err  error
}

func (t *table) iter() *rowIter {
	return &rowIter{t: t, r: parquet.NewReader(t.pf), buf: make([]parquet.Row, 256)}
}

// next returns the next row's cells (copies that may be kept), or nil at the
// end or on error (see err).
func (it *rowIter) next() []cell {
	if it.i == it.n {
		if it.err != nil {
			return nil
		}
		it.n, it.err = it.r.ReadRows(it.buf)
		it.i = 0
		if errors.Is(it.err, io.EOF) {
			it.err = io.EOF
		}
		if it.n == 0 {
			return nil
		}
	}
	row := it.buf[it.i]
	it.i++
	cells := make([]cell, len(it.t.columns))
	row.Range(func(col int, vals []parquet.Value) bool {
		c := cell{list: it.t.listCol[col]}
		for _, v := range vals {
			if c.list && v.IsNull() {
				continue // an empty list is one null value
			}
			c.vals = append(c.vals, toScalar(v))
		}
		cells[col] = c
		return true
	})
	return cells
}

// error returns the error that ended iteration, nil at a clean end.
func (it *rowIter) error() error {
	if it.err == io.EOF {
		return nil
	}
	return it.err
}

func (it *rowIter) close() { it.r.Close() }

func toScalar(v parquet.Value) scalar {
	if v.IsNull() {
		return scalar{null: true}
	}
	switch v.Kind() {
	case parquet.Boolean:
		s := scalar{kind: 'b'}
		if v.Boolean() {
			s.i = 1
		}
		return s
	case parquet.Int32:
		return scalar{kind: 'i', i: int64(v.Int32())}
	case parquet.Int64:
		return scalar{kind: 'i', i: v.Int64()}
	case parquet.Float:
		return scalar{kind: 'f', f: float64(v.Float())}
	case parquet.Double:
		return scalar{kind: 'f', f: v.Double()}
	default:
		return scalar{kind: 's', s: string(v.ByteArray())}
	}
}
