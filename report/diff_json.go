package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
)

// ignoredJSON are the summary.json sections that describe the machine, not
// the analysis; Diff does not compare them.
var ignoredJSON = []string{"render"}

// json compares two JSON files field by field: numbers written as integers
// exactly (unless a tolerance is set for the path), other numbers within the
// float tolerance, everything else exactly.
func (d *fileDiff) json(bpath, cpath string) error {
	bflat, err := flattenJSON(bpath)
	if err != nil {
		return err
	}
	cflat, err := flattenJSON(cpath)
	if err != nil {
		return err
	}
	keys := make([]string, 0, len(bflat)+len(cflat))
	for k := range bflat {
		keys = append(keys, k)
	}
	for k := range cflat {
		if _, ok := bflat[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		b, bok := bflat[k]
		c, cok := cflat[k]
		switch {
		case !bok:
			d.add("", k, "", c.String(), "only in current")
		case !cok:
			d.add("", k, b.String(), "", "only in baseline")
		default:
			d.scalars("", k, b, c)
		}
	}
	return nil
}

// flattenJSON reads a JSON file into dotted paths → scalars, skipping the
// ignored sections.
func flattenJSON(path string) (map[string]scalar, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := map[string]scalar{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				p := k
				if prefix != "" {
					p = prefix + "." + k
				}
				if prefix == "" && slices.Contains(ignoredJSON, k) {
					continue
				}
				walk(p, e)
			}
		case []any:
			if len(x) == 0 {
				out[prefix] = scalar{kind: 's', s: "[]"}
			}
			for i, e := range x {
				walk(prefix+"["+strconv.Itoa(i)+"]", e)
			}
		case json.Number:
			s := x.String()
			if !strings.ContainsAny(s, ".eE") {
				if i, err := strconv.ParseInt(s, 10, 64); err == nil {
					out[prefix] = scalar{kind: 'i', i: i}
					return
				}
			}
			f, _ := x.Float64()
			out[prefix] = scalar{kind: 'f', f: f}
		case string:
			out[prefix] = scalar{kind: 's', s: x}
		case bool:
			s := scalar{kind: 'b'}
			if x {
				s.i = 1
			}
			out[prefix] = s
		case nil:
			out[prefix] = scalar{null: true}
		}
	}
	walk("", v)
	return out, nil
}
