package report

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/danmakuscope/danmakuscope/stats"
)

// tree writes a one-video report tree under root and returns its path. edit
// may change the inputs before they are written.
func tree(t *testing.T, root string, edit func(c *stats.Curves, kws *[]stats.Keyword, s *Summary)) string {
	t.Helper()
	dir := filepath.Join(root, "bilibili_cid_1")
	c := stats.Curves{BucketMs: 5000, DurationMs: 10000, Buckets: []stats.Bucket{
		{Index: 0, StartMs: 0, EndMs: 5000, DensityPerMin: 24, Summary: stats.Summary{Count: 2, ValenceMean: 0.5, ValenceCILow: 0.1, ValenceCIHigh: 0.9, PosShare: 1}},
		{Index: 1, StartMs: 5000, EndMs: 10000, DensityPerMin: 12, Summary: stats.Summary{Count: 1, ValenceMean: -0.25, ValenceCILow: math.NaN(), ValenceCIHigh: math.NaN(), NegShare: 1}},
	}}
	kws := []stats.Keyword{{Term: "好看", Count: 3, DocFreq: 2, TFIDF: 0.8, Rank: 1}, {Term: "泪目", Count: 2, DocFreq: 2, TFIDF: 0.5, Rank: 2}}
	s := &Summary{VideoKey: "bilibili:cid:1", Counts: Counts{Items: 3, Danmaku: 3}, DurationMs: 10000, BucketMs: 5000, Buckets: 2,
		Sentiment: SentimentOf(stats.Summary{ValenceMean: 0.25, ValenceCILow: -1, ValenceCIHigh: 1, PosShare: 2.0 / 3, NegShare: 1.0 / 3}),
		Render:    Render{Font: "Some Font", CJK: true}}
	if edit != nil {
		edit(&c, &kws, s)
	}
	meta := Meta{VideoKey: "bilibili:cid:1"}
	if err := WriteCurves(filepath.Join(dir, "curves.parquet"), c, meta); err != nil {
		t.Fatal(err)
	}
	if err := WriteKeywords(filepath.Join(dir, "keywords.parquet"), kws, meta); err != nil {
		t.Fatal(err)
	}
	w, err := NewDanmakuWriter(filepath.Join(dir, "danmaku.parquet"), meta)
	if err != nil {
		t.Fatal(err)
	}
	rec := annotatedRecord(t, sampleRows)
	defer rec.Release()
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := WriteSummary(filepath.Join(dir, "summary.json"), s); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestDiffIdentical(t *testing.T) {
	a := tree(t, t.TempDir(), nil)
	b := tree(t, t.TempDir(), func(_ *stats.Curves, _ *[]stats.Keyword, s *Summary) {
		s.Render = Render{Warning: "no font"} // machine-dependent: ignored
	})
	res, err := Diff(a, b, Tolerances{Float: DefaultTolerance})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Differences) != 0 || res.Videos != 1 || res.Files != 4 {
		t.Errorf("identical trees: %d differences %v, %d videos, %d files; want 0, 1, 4", len(res.Differences), res.Differences, res.Videos, res.Files)
	}
}

func TestDiffFindsChanges(t *testing.T) {
	base := tree(t, t.TempDir(), nil)
	tests := []struct {
		name string
		edit func(c *stats.Curves, kws *[]stats.Keyword, s *Summary)
		tol  []string
		want []string // substrings of the listed differences, in order
	}{
		{"float beyond tolerance", func(c *stats.Curves, _ *[]stats.Keyword, _ *Summary) { c.Buckets[0].ValenceMean = 0.51 },
			nil, []string{"bilibili_cid_1/curves.parquet bucket=0 valence_mean: 0.5 → 0.51 (|Δ|=0.01 > tolerance 1e-09)"}},
		{"float within a column tolerance", func(c *stats.Curves, _ *[]stats.Keyword, _ *Summary) { c.Buckets[0].ValenceMean = 0.51 },
			[]string{"curves.parquet:valence_mean=0.05"}, nil},
		{"count exact", func(c *stats.Curves, _ *[]stats.Keyword, _ *Summary) { c.Buckets[1].Count = 2 },
			[]string{"0.5"}, []string{"curves.parquet bucket=1 count: 1 → 2"}},
		{"null appears", func(c *stats.Curves, _ *[]stats.Keyword, _ *Summary) { c.Buckets[0].ValenceCILow = math.NaN() },
			nil, []string{"bucket=0 valence_ci_low: 0.1 → null"}},
		{"keyword rank moves", func(_ *stats.Curves, kws *[]stats.Keyword, _ *Summary) {
			(*kws)[0].Rank, (*kws)[1].Rank = 2, 1
		}, nil, []string{`keywords.parquet term="好看" rank: 1 → 2`, `term="泪目" rank: 2 → 1`}},
		{"rank within tolerance", func(_ *stats.Curves, kws *[]stats.Keyword, _ *Summary) {
			(*kws)[0].Rank, (*kws)[1].Rank = 2, 1
		}, []string{"keywords.parquet:rank=1"}, nil},
		{"keyword gone", func(_ *stats.Curves, kws *[]stats.Keyword, _ *Summary) { *kws = (*kws)[:1] },
			nil, []string{`term="泪目": row → absent (row only in baseline)`}},
		{"bucket added", func(c *stats.Curves, _ *[]stats.Keyword, _ *Summary) {
			c.Buckets = append(c.Buckets, stats.Bucket{Index: 2, StartMs: 10000, EndMs: 15000, Summary: stats.Summary{ValenceMean: math.NaN(), ValenceCILow: math.NaN(), ValenceCIHigh: math.NaN(), PosShare: math.NaN(), NegShare: math.NaN(), NeuShare: math.NaN()}})
		}, nil, []string{"bucket=2: absent → row (row only in current)"}},
		{"summary count", func(_ *stats.Curves, _ *[]stats.Keyword, s *Summary) { s.Counts.Danmaku = 4 },
			nil, []string{"summary.json counts.danmaku: 3 → 4"}},
		{"summary float", func(_ *stats.Curves, _ *[]stats.Keyword, s *Summary) { v := 0.3; s.Sentiment.ValenceMean = &v },
			nil, []string{"summary.json sentiment.valence_mean: 0.25 → 0.3"}},
		{"summary skip reason", func(_ *stats.Curves, _ *[]stats.Keyword, s *Summary) {
			s.Counts.Skipped = map[string]int{"truncated": 1}
		},
			nil, []string{"summary.json counts.skipped.truncated: absent → 1 (only in current)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur := tree(t, t.TempDir(), tt.edit)
			tol := Tolerances{Float: DefaultTolerance}
			for _, s := range tt.tol {
				if err := ParseTolerance(s, &tol); err != nil {
					t.Fatal(err)
				}
			}
			res, err := Diff(base, cur, tol)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range res.Differences {
				got = append(got, d.String())
			}
			if len(got) != len(tt.want) {
				t.Fatalf("differences:\n%s\nwant %d containing %q", strings.Join(got, "\n"), len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("difference %d = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
	}
}

func TestDiffTreeShape(t *testing.T) {
	base := tree(t, t.TempDir(), nil)
	cur := tree(t, t.TempDir(), nil)
	os.Remove(filepath.Join(cur, "bilibili_cid_1", "keywords.parquet"))
	tree(t, filepath.Join(cur, "extra"), nil) // not a video dir of cur's root: nested one level down
	os.MkdirAll(filepath.Join(cur, "bilibili_cid_2"), 0o755)
	if err := os.Rename(filepath.Join(cur, "extra", "bilibili_cid_1"), filepath.Join(cur, "bilibili_cid_2x")); err != nil {
		t.Fatal(err)
	}
	res, err := Diff(base, cur, Tolerances{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Differences {
		got = append(got, d.String())
	}
	want := []string{"bilibili_cid_1/keywords.parquet (file only in baseline)", "bilibili_cid_2x (video only in current)"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("differences:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDiffSchemaMismatch(t *testing.T) {
	base := tree(t, t.TempDir(), nil)
	cur := tree(t, t.TempDir(), nil)
	p := filepath.Join(cur, "bilibili_cid_1", "summary.json")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(b), `"schema_version": 1`, `"schema_version": 2`, 1)), 0o644)
	_, err := Diff(base, cur, Tolerances{})
	if !errors.Is(err, ErrSchemaMismatch) || !strings.Contains(err.Error(), "v1, current v2") {
		t.Errorf("error %v, want ErrSchemaMismatch naming both versions", err)
	}
}

func TestParseTolerance(t *testing.T) {
	var tol Tolerances
	for _, s := range []string{"1e-6", "curves.parquet:valence_mean=0.05", "rank=2"} {
		if err := ParseTolerance(s, &tol); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	if tol.Float != 1e-6 || tol.Column["curves.parquet:valence_mean"] != 0.05 || tol.Column["rank"] != 2 {
		t.Errorf("parsed %+v", tol)
	}
	for _, bad := range []string{"x", "-1", "rank=", "=1", "NaN"} {
		if err := ParseTolerance(bad, &tol); err == nil {
			t.Errorf("ParseTolerance(%q) accepted", bad)
		}
	}
}
