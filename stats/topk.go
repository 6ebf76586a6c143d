package stats

import (
	"cmp"
	"slices"
)

// topK keeps the heaviest keys of a stream in bounded memory with the
// Space-Saving algorithm (Metwally, Agrawal and El Abbadi, 2005), weighted:
// at most capacity keys are tracked; a new key evicts the lightest one and
// inherits its weight as a possible overestimate (err). Any key heavier
// than total/capacity is guaranteed to be tracked. Updates cost
// O(log capacity). Ties are broken by key, so the result depends only on
// the input order.
type topK struct {
	capacity int
	idx      map[string]int // key → position in heap
	heap     []topKEntry    // min-heap by (weight, key descending)
}

// topKEntry is one tracked key: its estimated weight and the most by which
// the estimate may exceed the truth.
type topKEntry struct {
	key    string
	weight float64
	err    float64
}

func newTopK(capacity int) *topK {
	return &topK{capacity: capacity, idx: make(map[string]int)}
}

// less orders the heap: lighter first; of equal weights, the larger key
// first (so it is evicted first).
func (t *topK) less(i, j int) bool {
	a, b := &t.heap[i], &t.heap[j]
	if a.weight != b.weight {
		return a.weight < b.weight
	}
	return a.key > b.key
}

func (t *topK) swap(i, j int) {
	t.heap[i], t.heap[j] = t.heap[j], t.heap[i]
	t.idx[t.heap[i].key] = i
	t.idx[t.heap[j].key] = j
}

func (t *topK) down(i int) {
	n := len(t.heap)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && t.less(r, l) {
			m = r
		}
		if !t.less(m, i) {
			return
		}
		t.swap(i, m)
		i = m
	}
}

func (t *topK) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !t.less(i, p) {
			return
		}
		t.swap(i, p)
		i = p
	}
}

// add adds weight w to key. key may alias memory that changes later: it is
// copied when kept.
func (t *topK) add(key []byte, w float64) {
	if i, ok := t.idx[string(key)]; ok {
		t.heap[i].weight += w
		t.down(i)
		return
	}
	if len(t.heap) < t.capacity {
		s := string(key)
		t.heap = append(t.heap, topKEntry{key: s, weight: w})
		t.idx[s] = len(t.heap) - 1
		t.up(len(t.heap) - 1)
		return
	}
	min := &t.heap[0]
	delete(t.idx, min.key)
	s := string(key)
	*min = topKEntry{key: s, weight: min.weight + w, err: min.weight}
	t.idx[s] = 0
	t.down(0)
}

// entries returns the tracked keys, heaviest first (ties: key ascending).
func (t *topK) entries() []topKEntry {
	out := slices.Clone(t.heap)
	sortEntries(out)
	return out
}

// merge folds o into t: weights and errors of the same key add up, and
// only the capacity heaviest keys are kept.
func (t *topK) merge(o *topK) {
	if o == nil || len(o.heap) == 0 {
		return
	}
	all := make(map[string]topKEntry, len(t.heap)+len(o.heap))
	for _, h := range [][]topKEntry{t.heap, o.heap} {
		for _, e := range h {
			s := all[e.key]
			all[e.key] = topKEntry{key: e.key, weight: s.weight + e.weight, err: s.err + e.err}
		}
	}
	merged := make([]topKEntry, 0, len(all))
	for _, e := range all {
		merged = append(merged, e)
	}
	sortEntries(merged)
	if len(merged) > t.capacity {
		merged = merged[:t.capacity]
	}
	t.heap = t.heap[:0]
	clear(t.idx)
	for _, e := range merged {
		t.heap = append(t.heap, e)
		t.idx[e.key] = len(t.heap) - 1
		t.up(len(t.heap) - 1)
	}
}

// sortEntries orders entries heaviest first, ties by key.
func sortEntries(es []topKEntry) {
	slices.SortFunc(es, func(a, b topKEntry) int {
		if c := cmp.Compare(b.weight, a.weight); c != 0 {
			return c
		}
		return cmp.Compare(a.key, b.key)
	})
}
