package stats

import (
	"slices"
	"time"
)

// sliceWidths are the widths, in ms, of the time slices that hold per-term
// counts and representative texts. Each divides the next, and each divides
// every automatic bucket width it is used for (sliceFor), so slices can be
// merged into coarser slices as a video turns out longer, and into buckets
// at the end.
var sliceWidths = []int64{1_000, 5_000, 15_000, 60_000, 300_000, 900_000, 3_600_000}

// sliceFor returns the widest slice width that divides bucketMs and is no
// wider than limitMs, or the greatest common divisor of bucketMs and one
// second when no standard width divides it.
func sliceFor(bucketMs, limitMs int64) int64 {
	for i := len(sliceWidths) - 1; i >= 0; i-- {
		s := sliceWidths[i]
		if s <= limitMs && bucketMs%s == 0 {
			return s
		}
	}
	a, b := bucketMs, int64(1000)
	for b != 0 {
		a, b = b, a%b
	}
	return max(a, 1)
}

// textsPerSlice bounds the representative texts tracked per slice.
const textsPerSlice = 64

// sliceTable holds, per time slice of video time, the keyword counts and
// the most frequent texts: what a highlight's keywords and samples and the
// per-bucket keyword dynamics are computed from. Its size grows with the
// number of slices (a few hundred at most for the automatic widths) and the
// terms in each, never with the number of danmaku.
type sliceTable struct {
	fixedMs int64 // the fixed bucket width, 0 when automatic
	widthMs int64
	reach   int64 // the furthest progress seen
	cells   map[int64]*sliceCell
}

// sliceCell is one slice: per-term counts, weighted keyword occurrences
// and the heaviest texts.
type sliceCell struct {
	terms map[int32]termCell
	kw    float64 // flood-weighted keyword occurrences
	texts *topK   // normalised texts, flood-weighted
}

// termCell counts one term in one slice: occurrences and their flood
// weight.
type termCell struct {
	n int64
	w float64
}

func newSliceTable(fixedBucketMs int64) *sliceTable {
	t := &sliceTable{fixedMs: fixedBucketMs, cells: map[int64]*sliceCell{}}
	t.widthMs = t.widthFor(0)
	return t
}

// widthFor returns the slice width for a video reaching maxProgress.
func (t *sliceTable) widthFor(maxProgress int64) int64 {
	auto := sliceFor(ChooseBucket(msDuration(maxProgress+1)).Milliseconds(), 1<<62)
	if t.fixedMs <= 0 {
		return auto
	}
	return sliceFor(t.fixedMs, auto)
}

// cell returns the slice holding progress p (≥ 0), widening every slice
// first if the video now reaches far enough to need wider buckets.
func (t *sliceTable) cell(p int64) *sliceCell {
	if p > t.reach {
		t.reach = p
		if w := t.widthFor(p); w > t.widthMs {
			t.regroup(w)
		}
	}
	k := p / t.widthMs
	c := t.cells[k]
	if c == nil {
		c = &sliceCell{terms: map[int32]termCell{}, texts: newTopK(textsPerSlice)}
		t.cells[k] = c
	}
	return c
}

// regroup merges the slices into slices of width w, a multiple of the
// current width, in slice order (so that float sums are deterministic).
func (t *sliceTable) regroup(w int64) {
	old := t.cells
	t.cells = make(map[int64]*sliceCell, len(old)*int(t.widthMs)/int(w)+1)
	for _, k := range sortedKeys(old) {
		nk := k * t.widthMs / w
		dst := t.cells[nk]
		if dst == nil {
			t.cells[nk] = old[k]
			continue
		}
		dst.merge(old[k])
	}
	t.widthMs = w
}

// merge folds o into c.
func (c *sliceCell) merge(o *sliceCell) {
	for _, id := range sortedKeys(o.terms) {
		tc := o.terms[id]
		d := c.terms[id]
		d.n += tc.n
		d.w += tc.w
		c.terms[id] = d
	}
	c.kw += o.kw
	c.texts.merge(o.texts)
}

// sortedKeys returns a map's keys in ascending order.
func sortedKeys[K int64 | int32, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// msDuration converts milliseconds to a time.Duration.
func msDuration(ms int64) time.Duration { return time.Duration(ms) * time.Millisecond }
