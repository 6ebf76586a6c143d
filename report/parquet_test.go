package report

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/nlp"
	"github.com/danmakuscope/danmakuscope/stats"
	"github.com/parquet-go/parquet-go"
)

type annotated struct {
	d       fetch.Danmaku
	tokens  []string
	valence float64
	label   string
	emotion string // "" means none
	scores  nlp.EmotionScores
}

// annotatedRecord builds a record in the annotated schema.
func annotatedRecord(t testing.TB, rows []annotated) arrow.Record {
	t.Helper()
	bb := fetch.NewBatchBuilder(memory.DefaultAllocator, len(rows)+1)
	defer bb.Release()
	for i := range rows {
		bb.Append(&rows[i].d)
	}
	base := bb.NewRecord()
	defer base.Release()
	lb := array.NewListBuilder(memory.DefaultAllocator, arrow.BinaryTypes.String)
	defer lb.Release()
	vb := array.NewFloat64Builder(memory.DefaultAllocator)
	defer vb.Release()
	sb := array.NewStringBuilder(memory.DefaultAllocator)
	defer sb.Release()
	eb := array.NewStringBuilder(memory.DefaultAllocator)
	defer eb.Release()
	var fb [nlp.NumEmotions]*array.Float64Builder
	for i := range fb {
		fb[i] = array.NewFloat64Builder(memory.DefaultAllocator)
		defer fb[i].Release()
	}
	for _, r := range rows {
		lb.Append(true)
		for _, tok := range r.tokens {
			lb.ValueBuilder().(*array.StringBuilder).Append(tok)
		}
		vb.Append(r.valence)
		sb.Append(r.label)
		e := r.emotion
		if e == "" {
			e = "none"
		}
		eb.Append(e)
		for i, b := range fb {
			b.Append(r.scores[i])
		}
	}
	added := []arrow.Array{lb.NewArray(), vb.NewArray(), sb.NewArray(), eb.NewArray()}
	for _, b := range fb {
		added = append(added, b.NewArray())
	}
	cols := append(base.Columns(), added...)
	rec := array.NewRecord(nlp.AnnotatedSchema, cols, int64(len(rows)))
	for _, c := range added {
		c.Release()
	}
	return rec
}

var sampleRows = []annotated{
	{d: fetch.Danmaku{VideoKey: "bilibili:cid:1", Source: "file-xml", Cid: 1, HasCid: true, Dmid: 1163933565554070784,
		ProgressMs: 181379, SentAtMs: 1665842893000, HasSentAt: true, Mode: 1, Fontsize: 25, Color: 16777215,
		Weight: 0, HasWeight: true, UserHash: "78695de5", Text: "太好看了!"},
		tokens: []string{"太", "好看"}, valence: 0.61, label: "pos", emotion: "like", scores: nlp.EmotionScores{nlp.Like - 1: 0.61}},
	{d: fetch.Danmaku{VideoKey: "bilibili:cid:1", Source: "file-xml", Dmid: 9007199254740993, ProgressMs: -5,
		Mode: 5, Fontsize: 18, Color: 0, Pool: 1, Text: ""},
		tokens: nil, valence: 0, label: "neu"},
}

func TestDanmakuParquetRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "danmaku.parquet")
	rec := annotatedRecord(t, sampleRows)
	defer rec.Release()
	w, err := NewDanmakuWriter(path, Meta{VideoKey: "bilibili:cid:1", LexiconDigest: "sha256:x", Params: `{"bucket_ms":0}`})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("file visible before Close: %v", err)
	}
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	tb, err := openTable(path)
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	if got := tb.meta(MetaSchemaVersion); got != "1" {
		t.Errorf("schema version metadata %q, want 1", got)
	}
	if got := tb.meta(MetaLexiconDigest); got != "sha256:x" {
		t.Errorf("lexicon digest metadata %q", got)
	}
	it := tb.iter()
	defer it.close()
	col := func(cells []cell, name string) cell {
		for i, c := range tb.columns {
			if c == name {
				return cells[i]
			}
		}
		t.Fatalf("no column %s", name)
		return cell{}
	}
	r1, r2 := it.next(), it.next()
	if r1 == nil || r2 == nil || it.next() != nil {
		t.Fatal("want exactly two rows")
	}
	checks := []struct {
		row  []cell
		name string
		want string
	}{
		{r1, "dmid", "1163933565554070784"}, // above 2^53: exact
		{r2, "dmid", "9007199254740993"},    // 2^53+1: float64 would round it
		{r1, "sent_at", "1665842893000"},
		{r2, "sent_at", "null"},
		{r1, "weight", "0"}, // zero weight is a value, not null
		{r2, "weight", "null"},
		{r1, "cid", "1"},
		{r2, "cid", "null"},
		{r1, "aid", "null"},
		{r1, "user_hash", `"78695de5"`},
		{r2, "user_hash", "null"},
		{r1, "tokens", `["太" "好看"]`},
		{r2, "tokens", `[]`},
		{r1, "text", `"太好看了!"`},
		{r2, "progress_ms", "-5"},
		{r1, "color", "16777215"},
		{r2, "pool", "1"},
		{r1, "valence", "0.61"},
		{r2, "label", `"neu"`},
		{r1, "emotion", `"like"`},
		{r2, "emotion", `"none"`},
		{r1, "like", "0.61"},
		{r1, "joy", "0"},
		{r2, "like", "0"},
	}
	for _, c := range checks {
		if got := col(c.row, c.name).String(); got != c.want {
			t.Errorf("%s = %s, want %s", c.name, got, c.want)
		}
	}
}

// The logical types are what notebooks rely on (timestamps adjusted to UTC,
// small integers, lists).
func TestDanmakuParquetTypes(t *testing.T) {
	want := map[string]string{
		"sent_at":  "TIMESTAMP(isAdjustedToUTC=true,unit=MILLIS)",
		"mode":     "INT(8,true)",
		"fontsize": "INT(16,true)",
		"color":    "INT(32,false)",
		"weight":   "INT(8,true)",
		"tokens":   "LIST",
		"text":     "STRING",
	}
	s := danmakuSchema.String()
	for col, typ := range want {
		found := false
		for _, line := range strings.Split(s, "\n") {
			if strings.Contains(line, " "+col+" ") && strings.Contains(line, typ) {
				found = true
			}
		}
		if !found {
			t.Errorf("column %s lacks %s in schema:\n%s", col, typ, s)
		}
	}
}

func TestParquetDeterministic(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, batch int) []byte {
		path := filepath.Join(dir, name)
		w, err := NewDanmakuWriter(path, Meta{VideoKey: "k"})
		if err != nil {
			t.Fatal(err)
		}
		// The same rows in batches of different sizes give the same bytes.
		var rows []annotated
		for i := 0; i < 1000; i++ {
			r := sampleRows[i%2]
			r.d.Dmid += int64(i)
			rows = append(rows, r)
		}
		for i := 0; i < len(rows); i += batch {
			rec := annotatedRecord(t, rows[i:min(i+batch, len(rows))])
			if err := w.Write(rec); err != nil {
				t.Fatal(err)
			}
			rec.Release()
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, b, c := write("a.parquet", 1000), write("b.parquet", 1000), write("c.parquet", 7)
	if !bytes.Equal(a, b) {
		t.Error("two writes of the same rows differ")
	}
	if !bytes.Equal(a, c) {
		t.Error("batch size changes the bytes")
	}
}

func TestAbortLeavesOldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "danmaku.parquet")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := NewDanmakuWriter(path, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	rec := annotatedRecord(t, sampleRows)
	defer rec.Release()
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	w.Abort()
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("after Abort the file holds %q, want the old content", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestCurvesAndKeywordsTables(t *testing.T) {
	dir := t.TempDir()
	c := stats.Curves{BucketMs: 5000, DurationMs: 10000, Buckets: []stats.Bucket{
		{Index: 0, StartMs: 0, EndMs: 5000, DensityPerMin: 24, Summary: stats.Summary{Count: 2, ValenceMean: 0.5, ValenceCILow: 0.1, ValenceCIHigh: 0.9, PosShare: 1, NegShare: 0, NeuShare: 0,
			EmotionShares: [nlp.NumEmotions + 1]float64{nlp.NoEmotion: 0.5, nlp.Joy: 0.25, nlp.Surprise: 0.25}}},
		{Index: 1, StartMs: 5000, EndMs: 10000, Summary: stats.Summary{ValenceMean: math.NaN(), ValenceCILow: math.NaN(), ValenceCIHigh: math.NaN(), PosShare: math.NaN(), NegShare: math.NaN(), NeuShare: math.NaN(),
			EmotionShares: [nlp.NumEmotions + 1]float64{math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()}}},
	}}
	if err := WriteCurves(filepath.Join(dir, "curves.parquet"), c, Meta{VideoKey: "k"}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "curves.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := parquet.Read[curveRow](f, mustSize(t, f))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].VideoKey != "k" || rows[0].Count != 2 || *rows[0].ValenceMean != 0.5 {
		t.Fatalf("curves rows %+v", rows)
	}
	if rows[1].ValenceMean != nil || rows[1].PosShare != nil || rows[1].DensityPerMin != 0 || rows[1].JoyShare != nil || rows[1].NoneShare != nil {
		t.Errorf("empty bucket: undefined values must be null, got %+v", rows[1])
	}
	r := rows[0]
	if r.JoyShare == nil || *r.JoyShare != 0.25 || *r.SurpriseShare != 0.25 || *r.NoneShare != 0.5 || *r.LikeShare != 0 || *r.AngerShare != 0 {
		t.Errorf("emotion shares of bucket 0 = joy %v surprise %v none %v", r.JoyShare, r.SurpriseShare, r.NoneShare)
	}
}

func mustSize(t *testing.T, f *os.File) int64 {
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}
