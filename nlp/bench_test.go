package nlp

import (
	"bufio"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// Fragments of made-up danmaku, combined into mostly unique lines.
var (
	benchOpeners    = strings.Fields("这个 感觉 说实话 我觉得 真的 其实 谁能想到 刚才 只有我觉得 没想到 原来 果然 怪不得 好像 有一说一")
	benchSubjects   = strings.Fields("主角 反派 这首歌 这一段 up主 女主 男主 画面 配乐 剧情 结局 这个镜头 老师 猫猫 狗狗 这道菜 这个游戏 这把操作 解说 字幕组")
	benchPredicates = strings.Fields("太好看了 有点无聊 讲得很清楚 不太行 好可爱 真的绝了 笑死我了 让我泪目 没有想象中好 超级燃 太离谱了 一点都不好笑 好厉害 有点尴尬 太感人了 也太甜了 真的好难过 我看不懂 不是很喜欢 特别好听")
	benchEndings    = []string{"", "!", "!!!", "哈哈哈", "233", "[doge]", "😂", "吧", "啊", "。", "？"}
)

// benchCorpus returns n danmaku: 55% drawn from testdata/danmaku.txt with a
// Zipf distribution (frequent lines repeat, as in real videos), with
// laughter, 2333 and 666 lengths and exclamation marks varied, and 45%
// composed from fragments (mostly unique). It is deterministic.
func benchCorpus(tb testing.TB, n int) []string {
	tb.Helper()
	f, err := os.Open("testdata/danmaku.txt")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if s := sc.Text(); s != "" && s[0] != '#' {
			lines = append(lines, s)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	zipf := newZipf(rng, len(lines), 1.1)
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	out := make([]string, n)
	for i := range out {
		if rng.Float64() < 0.45 {
			out[i] = pick(benchOpeners) + pick(benchSubjects) + pick(benchPredicates) + pick(benchEndings)
			continue
		}
		s := lines[zipf()]
		switch {
		case strings.HasPrefix(s, "哈哈"):
			s = strings.Repeat("哈", 2+rng.IntN(12))
		case strings.HasPrefix(s, "233"):
			s = "2" + strings.Repeat("3", 2+rng.IntN(8))
		case strings.HasPrefix(s, "666"):
			s = strings.Repeat("6", 3+rng.IntN(8))
		}
		if rng.IntN(5) == 0 {
			s += strings.Repeat("!", 1+rng.IntN(4))
		}
		out[i] = s
	}
	return out
}

// newZipf returns a sampler of ranks 0..n-1 with P(k) ∝ 1/(k+1)^s.
func newZipf(rng *rand.Rand, n int, s float64) func() int {
	cum := make([]float64, n)
	total := 0.0
	for k := range cum {
		total += 1 / math.Pow(float64(k+1), s)
		cum[k] = total
	}
	return func() int {
		x := rng.Float64() * total
		lo, hi := 0, n-1
		for lo < hi {
			mid := (lo + hi) / 2
			if cum[mid] < x {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		return lo
	}
}

// dupShare is the share of texts whose normalised text came earlier.
func dupShare(texts []string) float64 {
	seen := make(map[string]bool, len(texts))
	dups := 0
	for _, s := range texts {
		k := Normalize(s).Text
		if seen[k] {
			dups++
		}
		seen[k] = true
	}
	return float64(dups) / float64(len(texts))
}

const benchSize = 20000

// BenchmarkAnalyze runs a fresh Analyzer (empty cache) over a 20,000-line
// corpus per iteration: normalise, segment, score, with the cache.
func BenchmarkAnalyze(b *testing.B) {
	m := loadTestModel(b)
	texts := benchCorpus(b, benchSize)
	dups := dupShare(texts)
	b.ResetTimer()
	for b.Loop() {
		a := m.NewAnalyzer()
		for _, s := range texts {
			a.Analyze(s)
		}
	}
	b.ReportMetric(float64(b.N*len(texts))/b.Elapsed().Seconds(), "danmaku/s")
	b.ReportMetric(100*dups, "dup-%")
}

// BenchmarkAnalyzeUncached is BenchmarkAnalyze with every text normalised,
// segmented and scored, as if no two were alike.
func BenchmarkAnalyzeUncached(b *testing.B) {
	m := loadTestModel(b)
	texts := benchCorpus(b, benchSize)
	b.ResetTimer()
	for b.Loop() {
		a := m.NewAnalyzer()
		for _, s := range texts {
			n := Normalize(s)
			e := a.compute(n.Text)
			_ = LabelOf(squash(e.valence * intensity(n)))
		}
	}
	b.ReportMetric(float64(b.N*len(texts))/b.Elapsed().Seconds(), "danmaku/s")
}

// BenchmarkNormalize measures normalisation alone.
func BenchmarkNormalize(b *testing.B) {
	texts := benchCorpus(b, benchSize)
	b.ResetTimer()
	for b.Loop() {
		for _, s := range texts {
			Normalize(s)
		}
	}
	b.ReportMetric(float64(b.N*len(texts))/b.Elapsed().Seconds(), "danmaku/s")
}

// BenchmarkAnnotate annotates record batches of fetch.DefaultBatchSize rows.
func BenchmarkAnnotate(b *testing.B) {
	m := loadTestModel(b)
	texts := benchCorpus(b, fetch.DefaultBatchSize)
	bb := fetch.NewBatchBuilder(memory.DefaultAllocator, len(texts))
	defer bb.Release()
	for i, s := range texts {
		bb.Append(&fetch.Danmaku{VideoKey: "file:bench", Source: "file-xml", Dmid: int64(i + 1), ProgressMs: int64(i * 100), Mode: 1, Fontsize: 25, Text: s})
	}
	rec := bb.NewRecord()
	defer rec.Release()
	a := m.NewAnalyzer()
	b.ResetTimer()
	for b.Loop() {
		out, err := a.Annotate(rec)
		if err != nil {
			b.Fatal(err)
		}
		out.Release()
	}
	b.ReportMetric(float64(b.N*len(texts))/b.Elapsed().Seconds(), "danmaku/s")
}

// BenchmarkLoad loads a Model; it reports the load time and the heap the
// Model keeps.
func BenchmarkLoad(b *testing.B) {
	var before, after runtime.MemStats
	var keep *Model
	var total time.Duration
	for b.Loop() {
		keep = nil
		runtime.GC()
		runtime.ReadMemStats(&before)
		m, err := Load(Options{})
		if err != nil {
			b.Fatal(err)
		}
		total += m.LoadTime()
		runtime.GC()
		runtime.ReadMemStats(&after)
		keep = m
	}
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "MB-heap")
	b.ReportMetric(total.Seconds()*1000/float64(b.N), "ms-load")
	runtime.KeepAlive(keep)
}
