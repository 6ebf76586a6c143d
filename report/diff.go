package report

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ErrSchemaMismatch is returned by Diff when the two trees were written with
// different report schema versions: their columns cannot be compared.
var ErrSchemaMismatch = errors.New("report schema versions differ")

// Tolerances say how far numbers may move before Diff reports them.
type Tolerances struct {
	// Float applies to floating-point values: a and b match when
	// |a−b| ≤ Float·max(1, |a|, |b|), i.e. absolute near zero and relative
	// for large values. Integers and strings must match exactly.
	Float float64
	// Column overrides the tolerance of one column, for floats and integers
	// alike. Keys are "file:column" (e.g. "curves.parquet:valence_mean"),
	// "column" (in any file), or "file" (every column of that file). For
	// summary.json the column is the dotted JSON path, e.g.
	// "summary.json:sentiment.valence_mean".
	Column map[string]float64
}

// DefaultTolerance is the default Float tolerance: tight enough to catch any
// real change, loose enough for a different CPU's last bit.
const DefaultTolerance = 1e-9

// ParseTolerance applies one --tolerance setting to t: either a bare number
// (the Float default) or "[file:]column=number".
func ParseTolerance(spec string, t *Tolerances) error {
	name, val, found := strings.Cut(spec, "=")
	if !found {
		val, name = spec, ""
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
	if err != nil || f < 0 || math.IsNaN(f) || math.IsInf(f, 0) {
		return fmt.Errorf("tolerance %q: want a non-negative number or [file:]column=number", spec)
	}
	if name == "" {
		if found {
			return fmt.Errorf("tolerance %q: empty column name", spec)
		}
		t.Float = f
		return nil
	}
	if t.Column == nil {
		t.Column = map[string]float64{}
	}
	t.Column[strings.TrimSpace(name)] = f
	return nil
}

// lookup returns the tolerance for a column and whether one was set for it.
func (t Tolerances) lookup(file, column string) (float64, bool) {
	for _, k := range []string{file + ":" + column, column, file} {
		if v, ok := t.Column[k]; ok {
			return v, true
		}
	}
	return t.Float, false
}

// floatsMatch compares two floats within a tolerance (see Tolerances.Float).
func floatsMatch(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	if a == b {
		return true
	}
	return math.Abs(a-b) <= tol*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// Difference is one thing that differs between two report trees.
type Difference struct {
	Video    string // the video's directory
	File     string // file within it, e.g. "curves.parquet"
	Key      string // row or element, e.g. "bucket=12", "term=\"好看\"", "row 5"
	Column   string // column or JSON path; empty for whole rows or files
	Baseline string // the baseline's value, "" when absent
	Current  string // the current value, "" when absent
	Note     string // why it counts, e.g. "|Δ|=0.013 > 0.001", "only in baseline"
}

// String formats the difference on one line.
func (d Difference) String() string {
	var b strings.Builder
	b.WriteString(filepath.ToSlash(filepath.Join(d.Video, d.File)))
	if d.Key != "" {
		b.WriteString(" " + d.Key)
	}
	if d.Column != "" {
		b.WriteString(" " + d.Column)
	}
	if d.Baseline != "" || d.Current != "" {
		fmt.Fprintf(&b, ": %s → %s", orAbsent(d.Baseline), orAbsent(d.Current))
	}
	if d.Note != "" {
		b.WriteString(" (" + d.Note + ")")
	}
	return b.String()
}

func orAbsent(s string) string {
	if s == "" {
		return "absent"
	}
	return s
}

// DiffResult lists what differs between two trees.
type DiffResult struct {
	Differences []Difference
	// Omitted counts differences beyond MaxDifferencesPerFile in a file.
	Omitted int
	// Videos and Files count what was compared.
	Videos, Files int
}

// MaxDifferencesPerFile bounds the differences listed for one file.
const MaxDifferencesPerFile = 200

// rowKeys names the columns (comma-separated) that identify a row in each
// report file; files not listed are compared row by row in order.
var rowKeys = map[string]string{
	"curves.parquet":             "bucket",
	"keywords.parquet":           "term", // per video and for the run
	"highlights.parquet":         "rank",
	"keywords_by_bucket.parquet": "bucket,term",
	"term_bursts.parquet":        "term,start_ms",
	"sendtime.parquet":           "grain,day,weekday,hour",
	"videos.parquet":             "video_key",
	"keyness.parquet":            "video_key,term",
}

// Diff compares two report trees (directories holding one directory per
// video, and the run-level files beside them): which videos and files
// exist, every Parquet column of every row (integers and strings exactly,
// floats within tolerance, list columns element by element; rows matched
// by the key columns of rowKeys), summary.json field by field (except the
// machine-dependent "render" section), and which charts exist. It fails
// with ErrSchemaMismatch when the trees' schema versions differ.
func Diff(baseline, current string, tol Tolerances) (*DiffResult, error) {
	bv, err := videoDirs(baseline)
	if err != nil {
		return nil, err
	}
	cv, err := videoDirs(current)
	if err != nil {
		return nil, err
	}
	res := &DiffResult{}
	for _, v := range union(bv, cv) {
		if !slices.Contains(cv, v) {
			res.Differences = append(res.Differences, Difference{Video: v, Note: "video only in baseline"})
			continue
		}
		if !slices.Contains(bv, v) {
			res.Differences = append(res.Differences, Difference{Video: v, Note: "video only in current"})
			continue
		}
		res.Videos++
		if err := diffVideo(res, v, filepath.Join(baseline, v), filepath.Join(current, v), tol); err != nil {
			return nil, err
		}
	}
	// The run-level files beside the video directories.
	if err := diffFiles(res, "", baseline, current, tol); err != nil {
		return nil, err
	}
	return res, nil
}

// videoDirs returns the names of the directories under root that hold a
// summary.json, sorted.
func videoDirs(root string) ([]string, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("report tree: %w", err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			if _, err := os.Stat(filepath.Join(root, e.Name(), "summary.json")); err == nil {
				out = append(out, e.Name())
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("report tree %s: no video directories (none holds a summary.json)", root)
	}
	return out, nil
}

func union(a, b []string) []string {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}

// filesOf lists the files Diff compares in one video directory: the Parquet
// files, summary.json and the charts, as slash paths relative to dir.
func filesOf(dir string) ([]string, error) {
	var out []string
	for _, pattern := range []string{"*.parquet", "summary.json", "charts/*.png"} {
		m, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			return nil, err
		}
		for _, p := range m {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
	}
	slices.Sort(out)
	return out, nil
}

func diffVideo(res *DiffResult, video, bdir, cdir string, tol Tolerances) error {
	bs, err := ReadSummary(filepath.Join(bdir, "summary.json"))
	if err != nil {
		return err
	}
	cs, err := ReadSummary(filepath.Join(cdir, "summary.json"))
	if err != nil {
		return err
	}
	if bs.SchemaVersion != cs.SchemaVersion {
		return fmt.Errorf("%s: baseline has report schema v%d, current v%d: %w; regenerate the baseline with this version",
			video, bs.SchemaVersion, cs.SchemaVersion, ErrSchemaMismatch)
	}
	return diffFiles(res, video, bdir, cdir, tol)
}

// diffFiles compares the files of one video directory, or of the run's
// root (video ""), as filesOf lists them.
func diffFiles(res *DiffResult, video, bdir, cdir string, tol Tolerances) error {
	bf, err := filesOf(bdir)
	if err != nil {
		return err
	}
	cf, err := filesOf(cdir)
	if err != nil {
		return err
	}
	for _, f := range union(bf, cf) {
		switch {
		case !slices.Contains(cf, f):
			res.Differences = append(res.Differences, Difference{Video: video, File: f, Note: "file only in baseline"})
			continue
		case !slices.Contains(bf, f):
			res.Differences = append(res.Differences, Difference{Video: video, File: f, Note: "file only in current"})
			continue
		}
		res.Files++
		d := &fileDiff{video: video, file: f, tol: tol}
		var err error
		switch {
		case f == "summary.json":
			err = d.json(filepath.Join(bdir, f), filepath.Join(cdir, f))
		case strings.HasSuffix(f, ".parquet"):
			err = d.parquet(filepath.Join(bdir, f), filepath.Join(cdir, f))
		}
		if err != nil {
			return fmt.Errorf("compare %s: %w", filepath.ToSlash(filepath.Join(video, f)), err)
		}
		res.Differences = append(res.Differences, d.diffs...)
		res.Omitted += d.omitted
	}
	return nil
}

// fileDiff collects the differences of one file, up to the cap.
type fileDiff struct {
	video, file string
	tol         Tolerances
	diffs       []Difference
	omitted     int
}

func (d *fileDiff) add(key, column, base, cur, note string) {
	if len(d.diffs) >= MaxDifferencesPerFile {
		d.omitted++
		return
	}
	d.diffs = append(d.diffs, Difference{Video: d.video, File: d.file, Key: key, Column: column,
		Baseline: base, Current: cur, Note: note})
}

// scalars compares two values of a column and records a difference.
func (d *fileDiff) scalars(key, column string, a, b scalar) {
	if ok, note := d.match(column, a, b); !ok {
		d.add(key, column, a.String(), b.String(), note)
	}
}

// match reports whether two values of a column agree within the column's
// tolerance, and if not, a note on how far apart they are.
func (d *fileDiff) match(column string, a, b scalar) (bool, string) {
	if a.null || b.null {
		return a.null == b.null, ""
	}
	tol, set := d.tol.lookup(d.file, column)
	if a.kind != b.kind {
		// JSON writes an integral float without a point; compare numbers
		// of either kind as floats.
		if !isNumber(a) || !isNumber(b) {
			return false, ""
		}
		a, b = asFloat(a), asFloat(b)
	}
	switch a.kind {
	case 'f':
		if !floatsMatch(a.f, b.f, tol) {
			return false, fmt.Sprintf("|Δ|=%.3g > tolerance %g", math.Abs(a.f-b.f), tol)
		}
	case 'i', 'b':
		if a.i != b.i {
			if !set {
				return false, ""
			}
			if math.Abs(float64(a.i-b.i)) > tol {
				return false, fmt.Sprintf("|Δ|=%d > tolerance %g", abs(a.i-b.i), tol)
			}
		}
	default:
		if a.s != b.s {
			return false, ""
		}
	}
	return true, ""
}

func isNumber(s scalar) bool { return s.kind == 'i' || s.kind == 'f' }

func asFloat(s scalar) scalar {
	if s.kind == 'i' {
		return scalar{kind: 'f', f: float64(s.i)}
	}
	return s
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
