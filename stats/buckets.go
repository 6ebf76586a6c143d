package stats

import (
	"slices"
	"time"
)

// readableWidths are the bucket widths, in seconds, that the automatic choice
// picks from: each at most 2.5 times the previous, so that the choice always
// lands between MaxAutoBuckets/2.5 and MaxAutoBuckets buckets.
var readableWidths = []int64{1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 18000, 43200, 86400}

// MaxAutoBuckets is the largest number of buckets the automatic width gives.
const MaxAutoBuckets = 300

// ChooseBucket returns the bucket width for a video of the given length: the
// smallest readable width (1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min,
// 1 h, …) that gives at most MaxAutoBuckets buckets. A 20-minute video gets
// 5 s buckets (240 of them); anything up to 5 minutes gets 1 s.
func ChooseBucket(duration time.Duration) time.Duration {
	ms := duration.Milliseconds()
	for _, w := range readableWidths {
		if ceilDiv(ms, w*1000) <= MaxAutoBuckets {
			return time.Duration(w) * time.Second
		}
	}
	w := readableWidths[len(readableWidths)-1]
	return time.Duration(w) * time.Second
}

func ceilDiv(a, b int64) int64 {
	if a <= 0 {
		return 0
	}
	return (a + b - 1) / b
}

// Curves returns the buckets of everything added so far. durationMs is the
// video's length when the source knows it (0 otherwise); the buckets cover
// the longer of it and the last danmaku. The width is Options.BucketMs, or
// ChooseBucket of that length when it is 0. Buckets whose width extends past
// the video still count density over their full width, so the last bucket is
// never inflated by a short remainder.
func (a *Accumulator) Curves(durationMs int64) Curves {
	dur := durationMs
	if a.n > 0 && a.maxProgress+1 > dur {
		dur = a.maxProgress + 1
	}
	width := a.opt.BucketMs
	if width <= 0 {
		width = ChooseBucket(time.Duration(dur) * time.Millisecond).Milliseconds()
	}
	c := Curves{BucketMs: width, DurationMs: dur}
	nb := ceilDiv(dur, width)
	if nb == 0 {
		return c
	}
	merged := make([]moments, nb)
	keys := make([]int64, 0, len(a.cells))
	for k := range a.cells {
		keys = append(keys, k)
	}
	slices.Sort(keys) // fixed merge order: deterministic floats
	for _, k := range keys {
		b := k * a.cellMs / width
		if b >= nb {
			b = nb - 1
		}
		merged[b].merge(*a.cells[k])
	}
	c.Buckets = make([]Bucket, nb)
	perMin := float64(time.Minute.Milliseconds()) / float64(width)
	for i := range merged {
		s := merged[i].summary()
		c.Buckets[i] = Bucket{
			Index:         i,
			StartMs:       int64(i) * width,
			EndMs:         int64(i+1) * width,
			DensityPerMin: float64(s.Count) * perMin,
			Summary:       s,
		}
	}
	c.BandwidthMs = a.opt.Reactions.BandwidthMs
	if c.BandwidthMs <= 0 {
		c.BandwidthMs = width
	}
	a.react.series(dur).smoothCurves(&c, c.BandwidthMs)
	return c
}

// Overall returns the sentiment summary of every danmaku added.
func (a *Accumulator) Overall() Summary {
	return a.total.summary()
}
