package stats

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
)

// Space-Saving keeps every key heavier than total/capacity (each heavy
// key here is), with an
// estimate that never undercounts and overcounts by at most err.
func TestTopKHeavyHitters(t *testing.T) {
	tests := []struct {
		name     string
		capacity int
		heavy    map[string]int
		noise    int // distinct light keys, each sent once
	}{
		{"fits", 8, map[string]int{"a": 5, "b": 3}, 3},
		{"long tail", 32, map[string]int{"哈哈哈": 400, "前方高能": 250, "awsl": 120}, 2000},
		{"tiny capacity", 3, map[string]int{"x": 500}, 600},
	}
	for _, tt := range tests {
		rng := rand.New(rand.NewPCG(1, 2))
		var stream []string
		for _, k := range slices.Sorted(maps.Keys(tt.heavy)) {
			for i := 0; i < tt.heavy[k]; i++ {
				stream = append(stream, k)
			}
		}
		for i := 0; i < tt.noise; i++ {
			stream = append(stream, fmt.Sprintf("noise-%d", i))
		}
		rng.Shuffle(len(stream), func(i, j int) { stream[i], stream[j] = stream[j], stream[i] })
		tk := newTopK(tt.capacity)
		for _, s := range stream {
			tk.add([]byte(s), 1)
		}
		got := map[string]topKEntry{}
		for _, e := range tk.entries() {
			got[e.key] = e
		}
		if len(got) > tt.capacity {
			t.Errorf("%s: %d keys tracked, capacity %d", tt.name, len(got), tt.capacity)
		}
		for k, n := range tt.heavy {
			e, ok := got[k]
			if !ok {
				t.Errorf("%s: heavy key %q (%d of %d) not tracked", tt.name, k, n, len(stream))
				continue
			}
			if e.weight < float64(n) || e.weight-e.err > float64(n) {
				t.Errorf("%s: %q estimated %v (err %v), true %d", tt.name, k, e.weight, e.err, n)
			}
		}
	}
}

// Merging two summaries keeps the heavy keys of both, heaviest first.
func TestTopKMerge(t *testing.T) {
	a, b := newTopK(4), newTopK(4)
	for i := 0; i < 10; i++ {
		a.add([]byte("x"), 1)
		b.add([]byte("y"), 1)
	}
	a.add([]byte("z"), 3)
	b.add([]byte("z"), 3)
	b.add([]byte("w"), 1)
	a.merge(b)
	es := a.entries()
	want := []string{"x", "y", "z", "w"}
	if len(es) != len(want) {
		t.Fatalf("merged %v, want keys %v", es, want)
	}
	for i, e := range es {
		if e.key != want[i] {
			t.Errorf("merged[%d] = %+v, want key %q", i, e, want[i])
		}
	}
	if es[2].weight != 6 {
		t.Errorf("z weighs %v after merge, want 6", es[2].weight)
	}
}
