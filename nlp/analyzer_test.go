package nlp

import (
	"fmt"
	"reflect"
	"sync"
	"testing"
)

func TestCacheStats(t *testing.T) {
	a := loadTestModel(t).NewAnalyzer()
	texts := []string{
		"哈哈哈", "哈哈哈哈哈", "哈哈", // one normalised text
		"好看!!!", "好看!!!!!!", // one normalised text, different intensity
		"前方高能", "前方高能前方高能", // one
		"awsl", "AWSL", // one
		"不好看", // new
	}
	for _, s := range texts {
		a.Analyze(s)
	}
	hits, misses := a.CacheStats()
	if hits != 5 || misses != 5 {
		t.Errorf("CacheStats() = %d hits, %d misses; want 5, 5", hits, misses)
	}
	// A cached text scores like a fresh one, with its own intensity.
	fresh := loadTestModel(t).NewAnalyzer()
	for _, s := range texts {
		if got, want := a.Analyze(s), fresh.Analyze(s); !reflect.DeepEqual(got, want) {
			t.Errorf("cached %q = %+v, fresh %+v", s, got, want)
		}
	}
	if v1, v2 := a.Analyze("好看!!!").Valence, a.Analyze("好看!!!!!!").Valence; v1 >= v2 {
		t.Errorf("cached intensity lost: 好看!!! %.3f, 好看!!!!!! %.3f", v1, v2)
	}
}

func TestCacheGenerations(t *testing.T) {
	c := newCache(2)
	c.put("a", cacheEntry{scores: scores{valence: 1}})
	c.put("b", cacheEntry{scores: scores{valence: 2}})
	c.put("c", cacheEntry{scores: scores{valence: 3}}) // cur full: a, b move to prev
	if c.len() != 3 {
		t.Errorf("len = %d, want 3", c.len())
	}
	if e, ok := c.get("a"); !ok || e.valence != 1 {
		t.Errorf("get(a) = %v, %v; want the entry from the previous generation", e, ok)
	}
	// a was promoted into cur, which is now full again: the next put
	// drops the old previous generation (b).
	c.put("d", cacheEntry{scores: scores{valence: 4}})
	if _, ok := c.get("b"); ok {
		t.Errorf("b survived two generations without use")
	}
	for _, k := range []string{"a", "c", "d"} {
		if _, ok := c.get(k); !ok {
			t.Errorf("%s evicted", k)
		}
	}
	if c.len() > 4 {
		t.Errorf("len = %d, above 2×cap", c.len())
	}
}

func TestAnalyzerCacheBounded(t *testing.T) {
	a := loadTestModel(t).NewAnalyzer()
	a.SetCacheCap(8)
	for i := 0; i < 100; i++ {
		a.Analyze(fmt.Sprintf("第%d集好看", i))
	}
	if n := a.cache.len(); n > 16 {
		t.Errorf("cache holds %d entries, want at most 16", n)
	}
	_, misses := a.CacheStats()
	if misses != 100 {
		t.Errorf("misses = %d, want 100", misses)
	}
}

// One Model serves many goroutines, each with its own Analyzer (run with
// -race).
func TestModelConcurrent(t *testing.T) {
	m := loadTestModel(t)
	texts := []string{"太好看了", "不太好", "哈哈哈哈哈", "泪目了家人们", "我的天[笑哭]", "这是一个没有见过的新词语组合"}
	want := make([]Result, len(texts))
	for i, s := range texts {
		want[i] = m.NewAnalyzer().Analyze(s)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(texts))
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := m.NewAnalyzer()
			for round := 0; round < 20; round++ {
				for i, s := range texts {
					if got := a.Analyze(s); !reflect.DeepEqual(got, want[i]) {
						errs <- fmt.Sprintf("%q: %+v, want %+v", s, got, want[i])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
