package report

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
)

// parquet compares two Parquet files column by column: rows matched by the
// file's key column (see rowKeys) or, without one, by position.
func (d *fileDiff) parquet(bpath, cpath string) error {
	bt, err := openTable(bpath)
	if err != nil {
		return err
	}
	defer bt.Close()
	ct, err := openTable(cpath)
	if err != nil {
		return err
	}
	defer ct.Close()
	if b, c := bt.meta(MetaSchemaVersion), ct.meta(MetaSchemaVersion); b != c {
		return fmt.Errorf("baseline has report schema v%s, current v%s: %w", b, c, ErrSchemaMismatch)
	}
	// Columns present on one side only are differences; the rest are
	// compared by name.
	common := map[string][2]int{} // column → index in baseline, current
	for i, name := range bt.columns {
		if j := slices.Index(ct.columns, name); j >= 0 {
			common[name] = [2]int{i, j}
		} else {
			d.add("", name, "column", "", "column only in baseline")
		}
	}
	for _, name := range ct.columns {
		if !slices.Contains(bt.columns, name) {
			d.add("", name, "", "column", "column only in current")
		}
	}
	names := make([]string, 0, len(common))
	for _, name := range bt.columns {
		if _, ok := common[name]; ok {
			names = append(names, name)
		}
	}
	cmpRow := func(key string, br, cr []cell) {
		for _, name := range names {
			ix := common[name]
			d.cells(key, name, br[ix[0]], cr[ix[1]])
		}
	}
	if keyCols, ok := rowKeys[path.Base(d.file)]; ok && containsAll(names, strings.Split(keyCols, ",")) {
		return d.keyed(bt, ct, strings.Split(keyCols, ","), common, cmpRow)
	}
	return d.positional(bt, ct, cmpRow)
}

// cells compares one column of one row.
func (d *fileDiff) cells(key, column string, a, b cell) {
	if !a.list {
		av, bv := scalarOf(a), scalarOf(b)
		d.scalars(key, column, av, bv)
		return
	}
	if len(a.vals) != len(b.vals) {
		d.add(key, column, a.String(), b.String(), fmt.Sprintf("%d elements → %d", len(a.vals), len(b.vals)))
		return
	}
	for i := range a.vals {
		if ok, _ := d.match(column, a.vals[i], b.vals[i]); !ok {
			d.add(key, column, a.String(), b.String(), "element "+strconv.Itoa(i)+" differs")
			return
		}
	}
}

func scalarOf(c cell) scalar {
	if len(c.vals) == 0 {
		return scalar{null: true}
	}
	return c.vals[0]
}

// positional compares rows in file order (danmaku.parquet: same input, same
// order). Row keys name the row number and, where present, its dmid.
func (d *fileDiff) positional(bt, ct *table, cmpRow func(string, []cell, []cell)) error {
	bi, ci := bt.iter(), ct.iter()
	defer bi.close()
	defer ci.close()
	dmidCol := slices.Index(bt.columns, "dmid")
	var nb, nc int64
	for {
		br, cr := bi.next(), ci.next()
		if br == nil || cr == nil {
			for ; br != nil; br = bi.next() {
				nb++
			}
			for ; cr != nil; cr = ci.next() {
				nc++
			}
			break
		}
		nb++
		nc++
		key := "row " + strconv.FormatInt(nb, 10)
		if dmidCol >= 0 {
			key += " (dmid " + scalarOf(br[dmidCol]).String() + ")"
		}
		cmpRow(key, br, cr)
	}
	if err := bi.error(); err != nil {
		return err
	}
	if err := ci.error(); err != nil {
		return err
	}
	if nb != nc {
		d.add("", "rows", strconv.FormatInt(nb, 10), strconv.FormatInt(nc, 10), "row counts differ")
	}
	return nil
}

// containsAll reports whether every one of want is in names.
func containsAll(names, want []string) bool {
	for _, w := range want {
		if !slices.Contains(names, w) {
			return false
		}
	}
	return true
}

// keyed matches rows by key columns and reports rows present on one side.
// A row's key reads "col=value", space-separated for several columns.
func (d *fileDiff) keyed(bt, ct *table, keyCols []string, common map[string][2]int, cmpRow func(string, []cell, []cell)) error {
	load := func(t *table, side int) ([]string, map[string][]cell, error) {
		it := t.iter()
		defer it.close()
		var order []string
		rows := map[string][]cell{}
		for r := it.next(); r != nil; r = it.next() {
			parts := make([]string, len(keyCols))
			for i, c := range keyCols {
				parts[i] = c + "=" + scalarOf(r[common[c][side]]).String()
			}
			k := strings.Join(parts, " ")
			if _, dup := rows[k]; !dup {
				order = append(order, k)
			}
			rows[k] = r
		}
		return order, rows, it.error()
	}
	border, brows, err := load(bt, 0)
	if err != nil {
		return err
	}
	corder, crows, err := load(ct, 1)
	if err != nil {
		return err
	}
	for _, k := range border {
		cr, ok := crows[k]
		if !ok {
			d.add(k, "", "row", "", "row only in baseline")
			continue
		}
		cmpRow(k, brows[k], cr)
	}
	for _, k := range corder {
		if _, ok := brows[k]; !ok {
			d.add(k, "", "", "row", "row only in current")
		}
	}
	return nil
}
