package report

import (
	"github.com/danmakuscope/danmakuscope/stats"
)

// Time bins of the emotion and keyword-over-time charts: consecutive
// buckets merged so that each bin holds enough danmaku for its shares to
// mean something, and the chart has few enough columns to read.
const (
	maxTimeBins     = 60 // columns at most
	minTimeBins     = 12 // a sparse video gets this many bins, if they hold minLowBinCount …
	minMeanBinCount = 25 // … else bins hold this many danmaku on average
	minLowBinCount  = 10 // the least average that minTimeBins bins may hold
)

// readableWidthsMs are the bin widths preferred when they are whole
// multiples of the bucket width: 1, 2, 5, 10, 15, 20, 30 s; 1, 2, 3, 5, 10,
// 15, 20, 30 min; 1, 2, 3, 6 h.
func readableWidthsMs() []int64 {
	var out []int64
	for _, s := range []int64{1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600} {
		out = append(out, s*1000)
	}
	return out
}

// timeBin is a run of consecutive buckets: [First, Last] by index into the
// curves' buckets, covering [StartMs, EndMs) with Count danmaku.
type timeBin struct {
	First, Last    int
	StartMs, EndMs int64
	Count          int64
}

// binFactor returns how many buckets make one bin for n buckets holding
// total danmaku: the smallest factor giving at most maxTimeBins bins that
// hold at least minMeanBinCount danmaku on average, or at most minTimeBins
// bins that hold at least minLowBinCount, or one bin. Factors whose width
// (× bucketMs) is a readable width are preferred; any factor is used when
// none fits.
func binFactor(n int, total, bucketMs int64) int {
	if n <= 1 {
		return 1
	}
	ok := func(k int) bool {
		bins := int64((n + k - 1) / k)
		return bins <= maxTimeBins && (total >= bins*minMeanBinCount || (bins <= minTimeBins && total >= bins*minLowBinCount) || bins == 1)
	}
	if bucketMs > 0 {
		for _, w := range readableWidthsMs() {
			if w >= bucketMs && w%bucketMs == 0 && ok(int(w/bucketMs)) {
				return min(int(w/bucketMs), n)
			}
		}
	}
	for k := 1; ; k++ {
		if ok(k) || k >= n {
			return k
		}
	}
}

// timeBins merges the buckets of c into bins of binFactor buckets each;
// the last bin may hold fewer.
func timeBins(c stats.Curves) []timeBin {
	bs := c.Buckets
	if len(bs) == 0 {
		return nil
	}
	var total int64
	for _, b := range bs {
		total += max(b.Count, 0)
	}
	k := binFactor(len(bs), total, c.BucketMs)
	out := make([]timeBin, 0, (len(bs)+k-1)/k)
	for first := 0; first < len(bs); first += k {
		last := min(first+k, len(bs)) - 1
		tb := timeBin{First: first, Last: last, StartMs: bs[first].StartMs, EndMs: bs[last].EndMs}
		for _, b := range bs[first : last+1] {
			tb.Count += max(b.Count, 0)
		}
		out = append(out, tb)
	}
	return out
}

// binOf returns the index of the bin holding bucket i, or -1.
func binOf(bins []timeBin, i int) int {
	if len(bins) == 0 || i < 0 || i > bins[len(bins)-1].Last {
		return -1
	}
	return i / (bins[0].Last - bins[0].First + 1)
}
