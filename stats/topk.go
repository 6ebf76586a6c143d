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
// O(log capacity). Of equally light keys the most recently tracked is
// evicted first, so the result depends only on the input order.
type topK struct {
	capacity int
	idx      map[string]*topKSlot // key → its slot
	heap     []*topKSlot          // min-heap by (weight, newest first)
	seq      int64                // arrivals so far
}

// topKSlot is a tracked key, when it arrived and its position in the heap.
type topKSlot struct {
	topKEntry
	seq int64
	pos int
}

// topKEntry is one tracked key: its estimated weight and the most by which
// the estimate may exceed the truth.
type topKEntry struct {
	key    string
	weight float64
	err    float64
}

func newTopK(capacity int) *topK {
	return &topK{capacity: capacity, idx: make(map[string]*topKSlot)}
}

// less orders the heap: lighter first; of equal weights, the newer first
// (so it is evicted first).
func (t *topK) less(i, j int) bool {
	a, b := t.heap[i], t.heap[j]
	if a.weight != b.weight {
		return a.weight < b.weight
	}
	return a.seq > b.seq
}

func (t *topK) swap(i, j int) {
	t.heap[i], t.heap[j] = t.heap[j], t.heap[i]
	t.heap[i].pos = i
	t.heap[j].pos = j
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
	if e, ok := t.idx[string(key)]; ok {
		e.weight += w
		t.down(e.pos)
		return
	}
	t.seq++
	if len(t.heap) < t.capacity {
		e := &topKSlot{topKEntry: topKEntry{key: string(key), weight: w}, seq: t.seq, pos: len(t.heap)}
		t.heap = append(t.heap, e)
		t.idx[e.key] = e
		t.up(e.pos)
		return
	}
	min := t.heap[0]
	delete(t.idx, min.key)
	min.topKEntry = topKEntry{key: string(key), weight: min.weight + w, err: min.weight}
	min.seq = t.seq
	t.idx[min.key] = min
	t.down(0)
}

// entries returns the tracked keys, heaviest first (ties: key ascending).
func (t *topK) entries() []topKEntry {
	out := make([]topKEntry, len(t.heap))
	for i, e := range t.heap {
		out[i] = e.topKEntry
	}
	sortEntries(out)
	return out
}

// merge folds o into t: weights and errors of the same key add up, and
// only the capacity heaviest keys are kept. Keys keep their order of
// arrival, t's before o's new ones.
func (t *topK) merge(o *topK) {
	if o == nil || len(o.heap) == 0 {
		return
	}
	slots := make([]*topKSlot, 0, len(t.heap)+len(o.heap))
	slots = append(slots, t.heap...)
	slices.SortFunc(slots, func(a, b *topKSlot) int { return cmp.Compare(a.seq, b.seq) })
	others := slices.Clone(o.heap)
	slices.SortFunc(others, func(a, b *topKSlot) int { return cmp.Compare(a.seq, b.seq) })
	for _, e := range others {
		if s, ok := t.idx[e.key]; ok {
			s.weight += e.weight
			s.err += e.err
			continue
		}
		slots = append(slots, &topKSlot{topKEntry: e.topKEntry, seq: t.seq + e.seq})
	}
	if len(slots) > t.capacity {
		// Keep the heaviest; ties by arrival.
		slices.SortStableFunc(slots, func(a, b *topKSlot) int { return cmp.Compare(b.weight, a.weight) })
		slots = slots[:t.capacity]
		slices.SortFunc(slots, func(a, b *topKSlot) int { return cmp.Compare(a.seq, b.seq) })
	}
	t.heap = t.heap[:0]
	clear(t.idx)
	t.seq = 0
	for _, s := range slots {
		t.seq++
		s.seq, s.pos = t.seq, len(t.heap)
		t.heap = append(t.heap, s)
		t.idx[s.key] = s
		t.up(s.pos)
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
