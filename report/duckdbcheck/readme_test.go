package duckdbcheck

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// readme returns the main module's README.md.
func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repo, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// query is one SQL statement of the README: its first comment line (its
// name) and its text.
type query struct {
	name, sql string
}

// readmeQueries returns every statement of the README's ```sql blocks.
func readmeQueries(t *testing.T) []query {
	t.Helper()
	var out []query
	blocks := regexp.MustCompile("(?s)```sql\n(.*?)```").FindAllStringSubmatch(readme(t), -1)
	for _, b := range blocks {
		for _, stmt := range strings.Split(b[1], ";\n") {
			stmt = strings.TrimSpace(stmt)
			if stmt == "" {
				continue
			}
			name, _, _ := strings.Cut(stmt, "\n")
			if !strings.HasPrefix(name, "-- ") {
				t.Errorf("README query without a leading comment saying what it answers:\n%s", stmt)
			}
			out = append(out, query{name: strings.TrimPrefix(name, "-- "), sql: stmt})
		}
	}
	return out
}

// rows runs a query over the sample run and returns its rows as values.
func rows(t *testing.T, q query, tree string) [][]any {
	t.Helper()
	db := open(t)
	sql := strings.ReplaceAll(q.sql, "'report-out/", "'"+filepath.ToSlash(tree)+"/")
	rs, err := db.Query(sql)
	if err != nil {
		t.Fatalf("README query %q: %v", q.name, err)
	}
	defer rs.Close()
	cols, _ := rs.Columns()
	var out [][]any
	for rs.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			t.Fatalf("README query %q: %v", q.name, err)
		}
		out = append(out, vals)
	}
	if err := rs.Err(); err != nil {
		t.Fatalf("README query %q: %v", q.name, err)
	}
	return out
}

// Every SQL query of the README runs on a sample run and returns rows; the
// three questions the README answers get the answers the engine's own
// numbers give.
func TestREADMEQueries(t *testing.T) {
	tree := sampleRun(t)
	qs := readmeQueries(t)
	if len(qs) < 7 {
		t.Fatalf("found %d SQL queries in README.md, want at least 7", len(qs))
	}
	checks := map[string]func(*testing.T, string, [][]any){
		"the three most positive minutes of each video":                      checkPositiveMinutes,
		"the keywords of the biggest highlight of each video, biggest first": checkBiggestHighlights,
		"videos ranked by anger share":                                       checkAngerRanking,
	}
	for _, q := range qs {
		t.Run(q.name, func(t *testing.T) {
			got := rows(t, q, tree)
			if len(got) == 0 {
				t.Fatalf("no rows")
			}
			if check, ok := checks[q.name]; ok {
				check(t, tree, got)
				delete(checks, q.name)
			}
		})
	}
	for name := range checks {
		t.Errorf("README.md lacks the query %q", name)
	}
}

// readRows reads the rows of every file matching a glob under tree.
func readRows[T any](t *testing.T, tree, glob string) []T {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(tree, glob))
	if len(files) == 0 {
		t.Fatalf("no %s", glob)
	}
	var out []T
	for _, f := range files {
		rs, err := parquet.ReadFile[T](f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out = append(out, rs...)
	}
	return out
}

// checkPositiveMinutes recomputes the three most positive minutes of each
// video (of at least 20 danmaku) from curves.parquet.
func checkPositiveMinutes(t *testing.T, tree string, got [][]any) {
	type bucket struct {
		VideoKey    string   `parquet:"video_key"`
		StartMs     int64    `parquet:"start_ms"`
		Count       int64    `parquet:"count"`
		ValenceMean *float64 `parquet:"valence_mean,optional"`
	}
	type minute struct {
		video        string
		minute, n    int64
		sum, valence float64
	}
	acc := map[[2]string]*minute{}
	for _, b := range readRows[bucket](t, tree, "*/curves.parquet") {
		if b.Count == 0 || b.ValenceMean == nil {
			continue
		}
		k := [2]string{b.VideoKey, fmt.Sprint(b.StartMs / 60000)}
		m := acc[k]
		if m == nil {
			m = &minute{video: b.VideoKey, minute: b.StartMs / 60000}
			acc[k] = m
		}
		m.n += b.Count
		m.sum += *b.ValenceMean * float64(b.Count)
	}
	var ms []minute
	for _, m := range acc {
		if m.n >= 20 {
			m.valence = m.sum / float64(m.n)
			ms = append(ms, *m)
		}
	}
	slices.SortFunc(ms, func(a, b minute) int {
		return cmp.Or(cmp.Compare(a.video, b.video), cmp.Compare(b.valence, a.valence), cmp.Compare(a.minute, b.minute))
	})
	var want []minute
	for i, m := range ms {
		if i < 3 || ms[i-3].video != m.video {
			want = append(want, m)
		}
	}
	if len(got) != len(want) || len(want) != 9 {
		t.Fatalf("%d rows, want %d (3 for each of the 3 videos)", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		// Integers compare as text: DuckDB sums BIGINTs into HUGEINTs (*big.Int).
		if g[0] != w.video || fmt.Sprint(g[1]) != fmt.Sprint(w.minute) || fmt.Sprint(g[2]) != fmt.Sprint(w.n) ||
			math.Abs(toFloat(g[3])-w.valence) > 0.0005 {
			t.Errorf("row %d: %v, want %s minute %d, %d danmaku, mean valence %.3f", i, g, w.video, w.minute, w.n, w.valence)
		}
	}
}

// checkBiggestHighlights recomputes each video's highlight with the most
// danmaku above its baseline from highlights.parquet.
func checkBiggestHighlights(t *testing.T, tree string, got [][]any) {
	type highlight struct {
		VideoKey string   `parquet:"video_key"`
		Rank     int32    `parquet:"rank"`
		Excess   float64  `parquet:"excess"`
		Keywords []string `parquet:"keywords,list"`
	}
	best := map[string]highlight{}
	for _, h := range readRows[highlight](t, tree, "*/highlights.parquet") {
		b, ok := best[h.VideoKey]
		if !ok || h.Excess > b.Excess || (h.Excess == b.Excess && h.Rank < b.Rank) {
			best[h.VideoKey] = h
		}
	}
	var want []highlight
	for _, h := range best {
		want = append(want, h)
	}
	slices.SortFunc(want, func(a, b highlight) int {
		return cmp.Or(cmp.Compare(b.Excess, a.Excess), cmp.Compare(a.VideoKey, b.VideoKey))
	})
	if len(got) != len(want) || len(want) != 3 {
		t.Fatalf("%d rows, want %d (one per video)", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		var kws []string
		list, _ := g[5].([]any)
		for _, k := range list {
			kws = append(kws, fmt.Sprint(k))
		}
		if g[0] != w.VideoKey || fmt.Sprint(g[1]) != fmt.Sprint(w.Rank) || !slices.Equal(kws, w.Keywords) || len(kws) == 0 {
			t.Errorf("row %d: %s rank %v keywords %q, want %s rank %d keywords %q", i, g[0], g[1], kws, w.VideoKey, w.Rank, w.Keywords)
		}
	}
}

// checkAngerRanking recomputes the order of the videos by anger share from
// videos.parquet.
func checkAngerRanking(t *testing.T, tree string, got [][]any) {
	type video struct {
		VideoKey   string   `parquet:"video_key"`
		AngerShare *float64 `parquet:"anger_share,optional"`
	}
	vs := readRows[video](t, tree, "videos.parquet")
	share := func(v video) float64 {
		if v.AngerShare == nil {
			return math.Inf(-1)
		}
		return *v.AngerShare
	}
	slices.SortFunc(vs, func(a, b video) int {
		return cmp.Or(cmp.Compare(share(b), share(a)), cmp.Compare(a.VideoKey, b.VideoKey))
	})
	if len(got) != len(vs) || len(vs) != 3 {
		t.Fatalf("%d rows, want %d", len(got), len(vs))
	}
	for i, v := range vs {
		if got[i][0] != v.VideoKey || v.AngerShare == nil || math.Abs(toFloat(got[i][2])-100**v.AngerShare) > 0.005 {
			t.Errorf("row %d: %v, want %s with %v", i, got[i], v.VideoKey, share(v))
		}
	}
}

// toFloat converts a DuckDB numeric value (DOUBLE, or DECIMAL from round)
// to float64.
func toFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case float32:
		return float64(x)
	case int64:
		return float64(x)
	case fmt.Stringer:
		var f float64
		fmt.Sscan(x.String(), &f)
		return f
	}
	return math.NaN()
}

// readmeTypes maps the type names of README.md's tables to DuckDB's.
func readmeTypes() map[string]string {
	return map[string]string{
		"string": "VARCHAR", "int8": "TINYINT", "int16": "SMALLINT", "int32": "INTEGER", "int64": "BIGINT",
		"uint32": "UINTEGER", "double": "DOUBLE", "bool": "BOOLEAN", "list of string": "VARCHAR[]",
		"timestamp (ms, UTC)": "TIMESTAMP WITH TIME ZONE",
	}
}

// documentedColumns reads the table after "<!-- columns of NAME -->" in
// the README: each column with its DuckDB type ("" where the table gives
// none, e.g. "as in curves.parquet").
func documentedColumns(t *testing.T, text, name string) [][2]string {
	t.Helper()
	marker := "<!-- columns of " + name + " -->"
	i := strings.Index(text, marker)
	if i < 0 {
		t.Errorf("README.md has no %q before the table of %s", marker, name)
		return nil
	}
	lines := strings.Split(text[i:], "\n")
	start := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "| column |") })
	if start < 0 {
		t.Errorf("README.md: no table after %q", marker)
		return nil
	}
	nameRe := regexp.MustCompile("`([a-z_0-9]+)`")
	types := readmeTypes()
	var cols [][2]string
	for _, l := range lines[start+2:] {
		if !strings.HasPrefix(l, "|") {
			break
		}
		cells := strings.Split(strings.Trim(l, "|"), "|")
		if len(cells) < 3 {
			t.Errorf("%s: malformed row %q", name, l)
			continue
		}
		var names []string
		for _, m := range nameRe.FindAllStringSubmatch(cells[0], -1) {
			names = append(names, m[1])
		}
		typ := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(cells[1]), ", nullable"))
		var typs []string
		switch {
		case typ == "":
		case types[typ] != "":
			typs = []string{types[typ]}
		default:
			for _, part := range strings.Split(typ, ", ") {
				if types[part] == "" {
					t.Errorf("%s: unknown type %q in row %q", name, part, l)
				}
				typs = append(typs, types[part])
			}
		}
		for k, n := range names {
			var dt string
			switch len(typs) {
			case 0:
			case 1:
				dt = typs[0]
			case len(names):
				dt = typs[k]
			default:
				t.Errorf("%s: %d types for %d columns in row %q", name, len(typs), len(names), l)
			}
			cols = append(cols, [2]string{n, dt})
		}
	}
	return cols
}

// README.md documents every column of every file, in the order and with
// the types DuckDB reads (the schemas above are checked against a run).
func TestREADMEDocumentsEveryColumn(t *testing.T) {
	text := readme(t)
	check := func(doc string, want [][2]string) {
		got := documentedColumns(t, text, doc)
		var gotNames, wantNames []string
		for _, c := range got {
			gotNames = append(gotNames, c[0])
		}
		for _, c := range want {
			wantNames = append(wantNames, c[0])
		}
		if !slices.Equal(gotNames, wantNames) {
			t.Errorf("README.md documents %s as\n%v\nbut the file has\n%v", doc, gotNames, wantNames)
			return
		}
		for i, c := range got {
			if c[1] != "" && c[1] != want[i][1] {
				t.Errorf("README.md: %s column %s is documented as %s, DuckDB reads %s", doc, c[0], c[1], want[i][1])
			}
		}
	}
	for name, want := range schemas {
		check(name, want)
	}
	for name, want := range runSchemas {
		check("run/"+name, want)
	}
}

// README.md's table of summary.json names every field a sample run writes.
func TestREADMEDocumentsSummary(t *testing.T) {
	text := readme(t)
	i := strings.Index(text, "<!-- fields of summary.json -->")
	if i < 0 {
		t.Fatal("README.md has no table of summary.json fields")
	}
	j := strings.Index(text[i:], "| field |")
	if j < 0 {
		t.Fatal("README.md: no table after the summary.json marker")
	}
	table, _, _ := strings.Cut(text[i+j:], "\n\n")
	sums, _ := filepath.Glob(filepath.Join(sampleRun(t), "*", "summary.json"))
	if len(sums) == 0 {
		t.Fatal("no summary.json in the sample run")
	}
	for _, path := range sums {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(b, &fields); err != nil {
			t.Fatal(err)
		}
		for f := range fields {
			if !strings.Contains(table, "| `"+f+"`") && !strings.Contains(table, ", `"+f+"` |") {
				t.Errorf("summary.json field %q is not in README.md's table", f)
			}
		}
	}
}
