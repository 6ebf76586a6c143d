package duckdbcheck

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/danmakuscope/danmakuscope/report"
	_ "github.com/marcboeker/go-duckdb"
	"github.com/parquet-go/parquet-go"
)

// repo is the main module's root.
var repo = filepath.Join("..", "..")

// schemas are the column names and DuckDB types of every report file, as
// README.md documents them. A column missing here fails the test: document
// it, then add it.
var schemas = map[string][][2]string{
	"danmaku.parquet": {
		{"video_key", "VARCHAR"}, {"source", "VARCHAR"}, {"aid", "BIGINT"}, {"cid", "BIGINT"}, {"dmid", "BIGINT"},
		{"progress_ms", "BIGINT"}, {"sent_at", "TIMESTAMP WITH TIME ZONE"}, {"mode", "TINYINT"}, {"fontsize", "SMALLINT"},
		{"color", "UINTEGER"}, {"pool", "TINYINT"}, {"weight", "TINYINT"}, {"user_hash", "VARCHAR"}, {"text", "VARCHAR"},
		{"tokens", "VARCHAR[]"}, {"valence", "DOUBLE"}, {"label", "VARCHAR"}, {"emotion", "VARCHAR"},
		{"joy", "DOUBLE"}, {"like", "DOUBLE"}, {"sorrow", "DOUBLE"}, {"anger", "DOUBLE"}, {"fear", "DOUBLE"},
		{"disgust", "DOUBLE"}, {"surprise", "DOUBLE"},
	},
	"curves.parquet": {
		{"video_key", "VARCHAR"}, {"bucket", "INTEGER"}, {"start_ms", "BIGINT"}, {"end_ms", "BIGINT"}, {"count", "BIGINT"},
		{"density_per_min", "DOUBLE"}, {"valence_mean", "DOUBLE"}, {"valence_ci_low", "DOUBLE"}, {"valence_ci_high", "DOUBLE"},
		{"pos_share", "DOUBLE"}, {"neg_share", "DOUBLE"}, {"neu_share", "DOUBLE"}, {"joy_share", "DOUBLE"},
		{"like_share", "DOUBLE"}, {"sorrow_share", "DOUBLE"}, {"anger_share", "DOUBLE"}, {"fear_share", "DOUBLE"},
		{"disgust_share", "DOUBLE"}, {"surprise_share", "DOUBLE"}, {"none_share", "DOUBLE"},
		{"weighted_count", "DOUBLE"}, {"density_smooth_per_min", "DOUBLE"}, {"valence_smooth", "DOUBLE"},
	},
	"keywords.parquet": {
		{"video_key", "VARCHAR"}, {"term", "VARCHAR"}, {"count", "BIGINT"}, {"doc_freq", "BIGINT"}, {"tfidf", "DOUBLE"},
		{"rank", "INTEGER"}, {"kind", "VARCHAR"}, {"keyness", "DOUBLE"},
	},
	"highlights.parquet": {
		{"video_key", "VARCHAR"}, {"rank", "INTEGER"}, {"start_ms", "BIGINT"}, {"end_ms", "BIGINT"}, {"peak_ms", "BIGINT"},
		{"lagged_start_ms", "BIGINT"}, {"intensity", "DOUBLE"}, {"z_score", "DOUBLE"}, {"count", "BIGINT"},
		{"weighted_count", "DOUBLE"}, {"excess", "DOUBLE"}, {"peak_per_min", "DOUBLE"}, {"baseline_per_min", "DOUBLE"},
		{"emotion", "VARCHAR"}, {"valence_mean", "DOUBLE"}, {"keywords", "VARCHAR[]"}, {"samples", "VARCHAR[]"},
		{"ritual", "BOOLEAN"},
	},
	"keywords_by_bucket.parquet": {
		{"video_key", "VARCHAR"}, {"bucket", "INTEGER"}, {"start_ms", "BIGINT"}, {"end_ms", "BIGINT"}, {"term", "VARCHAR"},
		{"rank", "INTEGER"}, {"count", "BIGINT"}, {"weighted_count", "DOUBLE"}, {"share", "DOUBLE"}, {"expected", "DOUBLE"},
		{"burst_score", "DOUBLE"}, {"bursting", "BOOLEAN"},
	},
	"term_bursts.parquet": {
		{"video_key", "VARCHAR"}, {"rank", "INTEGER"}, {"term", "VARCHAR"}, {"start_ms", "BIGINT"}, {"end_ms", "BIGINT"},
		{"peak_ms", "BIGINT"}, {"count", "BIGINT"}, {"weighted_count", "DOUBLE"}, {"expected", "DOUBLE"},
		{"ratio", "DOUBLE"}, {"score", "DOUBLE"},
	},
	"sendtime.parquet": {
		{"video_key", "VARCHAR"}, {"grain", "VARCHAR"}, {"time_zone", "VARCHAR"}, {"day", "INTEGER"}, {"date", "VARCHAR"},
		{"weekday", "TINYINT"}, {"hour", "TINYINT"}, {"count", "BIGINT"}, {"valence_mean", "DOUBLE"},
		{"valence_ci_low", "DOUBLE"}, {"valence_ci_high", "DOUBLE"}, {"pos_share", "DOUBLE"}, {"neg_share", "DOUBLE"},
		{"neu_share", "DOUBLE"},
	},
}

// runSchemas are the columns and DuckDB types of the run-level files at
// the root of a report tree.
var runSchemas = map[string][][2]string{
	"videos.parquet": {
		{"video_key", "VARCHAR"}, {"source", "VARCHAR"}, {"danmaku", "BIGINT"}, {"excluded", "BIGINT"},
		{"duration_ms", "BIGINT"}, {"bucket_ms", "BIGINT"}, {"danmaku_per_min", "DOUBLE"}, {"peak_per_min", "DOUBLE"},
		{"valence_mean", "DOUBLE"}, {"valence_ci_low", "DOUBLE"}, {"valence_ci_high", "DOUBLE"}, {"pos_share", "DOUBLE"},
		{"neg_share", "DOUBLE"}, {"neu_share", "DOUBLE"}, {"joy_share", "DOUBLE"}, {"like_share", "DOUBLE"},
		{"sorrow_share", "DOUBLE"}, {"anger_share", "DOUBLE"}, {"fear_share", "DOUBLE"}, {"disgust_share", "DOUBLE"},
		{"surprise_share", "DOUBLE"}, {"none_share", "DOUBLE"}, {"highlights", "INTEGER"}, {"term_bursts", "INTEGER"},
		{"flood_users", "INTEGER"}, {"top_keywords", "VARCHAR[]"},
	},
	"keywords.parquet": {
		{"term", "VARCHAR"}, {"kind", "VARCHAR"}, {"count", "BIGINT"}, {"doc_freq", "BIGINT"}, {"videos", "BIGINT"},
		{"tfidf", "DOUBLE"}, {"keyness", "DOUBLE"}, {"rank", "INTEGER"},
	},
	"keyness.parquet": {
		{"video_key", "VARCHAR"}, {"term", "VARCHAR"}, {"kind", "VARCHAR"}, {"rank", "INTEGER"}, {"count", "BIGINT"},
		{"other_count", "BIGINT"}, {"log_likelihood", "DOUBLE"}, {"log_ratio", "DOUBLE"},
	},
}

// workDir holds the sample run; TestMain creates it before the tests run
// and removes it after.
var workDir string

// sampleTree is the report tree of one run of the analyze command over
// the bundled samples, built and run once for all the tests of the package.
var sampleTree = sync.OnceValues(func() (string, error) {
	tree, bin := filepath.Join(workDir, "report"), filepath.Join(workDir, "analyze")
	build := exec.Command("go", "build", "-o", bin, "./cmd/analyze")
	build.Dir = repo
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build analyze: %v\n%s", err, out)
	}
	run := exec.Command(bin, "run", "--progress", "none", "--out", tree, filepath.Join(repo, "testdata", "samples"))
	if out, err := run.CombinedOutput(); err != nil {
		return "", fmt.Errorf("analyze run: %v\n%s", err, out)
	}
	return tree, nil
})

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "duckdbcheck-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	workDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// sampleRun returns the report tree of the sample run.
func sampleRun(t *testing.T) string {
	t.Helper()
	tree, err := sampleTree()
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

func open(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// describe returns the columns and types DuckDB reads from a Parquet glob.
func describe(t *testing.T, db *sql.DB, glob string) [][2]string {
	t.Helper()
	rows, err := db.Query(fmt.Sprintf("DESCRIBE SELECT * FROM read_parquet('%s')", glob))
	if err != nil {
		t.Fatalf("DESCRIBE %s: %v", glob, err)
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var name, typ string
		var null, key, def, extra sql.NullString
		if err := rows.Scan(&name, &typ, &null, &key, &def, &extra); err != nil {
			t.Fatal(err)
		}
		out = append(out, [2]string{name, typ})
	}
	return out
}

func count(t *testing.T, db *sql.DB, glob string) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRow(fmt.Sprintf("SELECT count(*) FROM read_parquet('%s')", glob)).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", glob, err)
	}
	return n
}

// engineRows is the row count the engine recorded in the file's footer.
func engineRows(t *testing.T, path string) int64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return pf.NumRows()
}

func TestDuckDBReadsEveryFile(t *testing.T) {
	tree := sampleRun(t)
	db := open(t)
	videos, _ := filepath.Glob(filepath.Join(tree, "*", "summary.json"))
	if len(videos) != 3 {
		t.Fatalf("sample run wrote %d videos, want 3", len(videos))
	}
	for _, sum := range videos {
		dir := filepath.Dir(sum)
		files, _ := filepath.Glob(filepath.Join(dir, "*.parquet"))
		var names []string
		for _, f := range files {
			names = append(names, filepath.Base(f))
		}
		for name := range schemas {
			if !slices.Contains(names, name) {
				t.Errorf("%s: no %s", dir, name)
			}
		}
		for _, path := range files {
			name := filepath.Base(path)
			want, ok := schemas[name]
			if !ok {
				t.Errorf("%s: no expected schema for this file; document it in README.md and add it here", name)
				continue
			}
			if got := describe(t, db, path); !slices.Equal(got, want) {
				t.Errorf("%s: DuckDB reads columns\n%v\nwant\n%v", path, got, want)
			}
			if got, want := count(t, db, path), engineRows(t, path); got != want || got == 0 {
				t.Errorf("%s: DuckDB counts %d rows, the engine wrote %d", path, got, want)
			}
			var version string
			q := fmt.Sprintf("SELECT decode(value) FROM parquet_kv_metadata('%s') WHERE decode(key) = '%s'", path, report.MetaSchemaVersion)
			if err := db.QueryRow(q).Scan(&version); err != nil || version != fmt.Sprint(report.SchemaVersion) {
				t.Errorf("%s: schema version metadata %q (%v), want %d", path, version, err, report.SchemaVersion)
			}
		}
		// danmaku.parquet holds as many rows as summary.json says were analysed.
		var s struct {
			Counts struct{ Danmaku int64 } `json:"counts"`
		}
		raw, _ := os.ReadFile(sum)
		if err := json.Unmarshal(raw, &s); err != nil {
			t.Fatal(err)
		}
		if n := count(t, db, filepath.Join(dir, "danmaku.parquet")); n != s.Counts.Danmaku {
			t.Errorf("%s: %d danmaku rows, summary.json says %d", dir, n, s.Counts.Danmaku)
		}
	}
}

// The run-level files beside the video directories read back too: one row
// of videos.parquet per video, the run's terms, the keyness of each video's.
func TestDuckDBReadsRunFiles(t *testing.T) {
	tree := sampleRun(t)
	db := open(t)
	files, _ := filepath.Glob(filepath.Join(tree, "*.parquet"))
	if len(files) != len(runSchemas) {
		t.Errorf("run-level files %v, want %d", files, len(runSchemas))
	}
	for _, path := range files {
		name := filepath.Base(path)
		want, ok := runSchemas[name]
		if !ok {
			t.Errorf("%s: no expected schema for this run-level file; document it in README.md and add it here", name)
			continue
		}
		if got := describe(t, db, path); !slices.Equal(got, want) {
			t.Errorf("%s: DuckDB reads columns\n%v\nwant\n%v", path, got, want)
		}
		if got, want := count(t, db, path), engineRows(t, path); got != want || got == 0 {
			t.Errorf("%s: DuckDB counts %d rows, the engine wrote %d", path, got, want)
		}
	}
	var videos, highlights int64
	q := fmt.Sprintf("SELECT count(*), sum(highlights) FROM read_parquet('%s')", filepath.Join(tree, "videos.parquet"))
	if err := db.QueryRow(q).Scan(&videos, &highlights); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, filepath.Join(tree, "*", "highlights.parquet")); videos != 3 || highlights != n {
		t.Errorf("videos.parquet: %d videos with %d highlights; want 3 and the %d rows of highlights.parquet", videos, highlights, n)
	}
}

// A whole run reads as one table: the glob unions every video's files with
// identical schemas, one video_key per directory.
func TestDuckDBUnionsARun(t *testing.T) {
	tree := sampleRun(t)
	db := open(t)
	for name, want := range schemas {
		glob := filepath.Join(tree, "*", name)
		if got := describe(t, db, glob); !slices.Equal(got, want) {
			t.Errorf("%s: union reads %v", glob, got)
		}
		files, _ := filepath.Glob(glob)
		var sum int64
		for _, f := range files {
			sum += engineRows(t, f)
		}
		if got := count(t, db, glob); got != sum {
			t.Errorf("%s: union has %d rows, files hold %d", glob, got, sum)
		}
		var keys int
		if err := db.QueryRow(fmt.Sprintf("SELECT count(DISTINCT video_key) FROM read_parquet('%s')", glob)).Scan(&keys); err != nil || keys != len(files) {
			t.Errorf("%s: %d distinct video keys (%v), want %d", glob, keys, err, len(files))
		}
	}
	// Values survive: ids exact, timestamps in the right unit (the samples
	// were all sent in 2024; a micro/milli mix-up would be off by 1000×),
	// lists as lists.
	var maxDmid, firstSentMs, lastSentMs, tokens int64
	q := fmt.Sprintf(`SELECT max(dmid), epoch_ms(min(sent_at)), epoch_ms(max(sent_at)), sum(len(tokens)) FROM read_parquet('%s')`,
		filepath.Join(tree, "*", "danmaku.parquet"))
	if err := db.QueryRow(q).Scan(&maxDmid, &firstSentMs, &lastSentMs, &tokens); err != nil {
		t.Fatal(err)
	}
	const y2024, y2025 = 1704067200000, 1735689600000
	if maxDmid <= 1<<53 || firstSentMs < y2024 || lastSentMs >= y2025 || tokens == 0 {
		t.Errorf("max dmid %d, sent_at %d–%d ms, %d tokens: want ids above 2^53, 2024 instants, non-empty lists",
			maxDmid, firstSentMs, lastSentMs, tokens)
	}
}
