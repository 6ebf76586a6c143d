package stats

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// windowTerms returns the top keywords and samples of [startMs, endMs):
// keywords by TF-IDF against the rest of the video, with the video's time
// slices as documents (the window's slices merged into one), and samples as
// the most frequent distinct normalised texts, both flood-weighted.
func (a *Accumulator) windowTerms(startMs, endMs int64) (keywords, samples []string) {
	t := a.react.slices
	inside := map[int32]float64{}
	var insideW float64
	texts := newTopK(1 << 30)
	df := map[int32]int{} // outside slices containing the term
	docs := 0
	for _, k := range sortedKeys(t.cells) {
		c := t.cells[k]
		s, e := k*t.widthMs, (k+1)*t.widthMs
		if s < endMs && e > startMs {
			for _, id := range sortedKeys(c.terms) {
				inside[id] += c.terms[id].w
				insideW += c.terms[id].w
			}
			texts.merge(c.texts)
			continue
		}
		if len(c.terms) > 0 {
			docs++
		}
		for id, tc := range c.terms {
			if tc.n > 0 {
				df[id]++
			}
		}
	}
	type scored struct {
		term  string
		w     float64
		score float64
	}
	var ss []scored
	for id, w := range inside {
		if w < 1.5 {
			continue
		}
		idf := math.Log(float64(1+docs)/float64(1+df[id])) + 1
		ss = append(ss, scored{a.kwNames[id], w, w / insideW * idf})
	}
	slices.SortFunc(ss, func(x, y scored) int {
		if c := cmp.Compare(y.score, x.score); c != 0 {
			return c
		}
		if c := cmp.Compare(y.w, x.w); c != 0 {
			return c
		}
		return cmp.Compare(x.term, y.term)
	})
	for _, s := range ss[:min(len(ss), highlightKeywords)] {
		keywords = append(keywords, s.term)
	}
	for _, e := range texts.entries() {
		if len(samples) == highlightSamples {
			break
		}
		samples = append(samples, e.key)
	}
	return keywords, samples
}

// BucketTerm is one term of one time bucket (keywords_by_bucket.parquet).
type BucketTerm struct {
	Bucket         int
	StartMs, EndMs int64
	Term           string
	// Count is the occurrences in the bucket; Weighted the same after
	// flood control.
	Count    int64
	Weighted float64
	// Share is Weighted over all flood-weighted keyword occurrences of the
	// bucket.
	Share float64
	// Expected is the flood-weighted occurrences the bucket would hold at
	// the term's rate in the rest of the video.
	Expected float64
	// BurstScore is the log-likelihood keyness of the bucket alone against
	// the rest of the video (positive: more frequent here); NaN when the
	// term occurs fewer than minBurstCount times in the bucket.
	BurstScore float64
	// Bursting marks a bucket inside a significant burst of the term (see
	// TermBurst), which may span several buckets.
	Bursting bool
	// Rank is the term's 1-based rank in the bucket by count (ties: weight,
	// then term).
	Rank int
}

// TermBurst is a term whose frequency jumps far above its own background:
// one or more adjacent buckets where it bursts.
type TermBurst struct {
	// Rank is 1 for the highest Score.
	Rank int
	Term string
	// StartMs and EndMs bound the bursting buckets; PeakMs is the middle
	// of the bucket where the term is most frequent.
	StartMs, EndMs, PeakMs int64
	// Count is the occurrences inside; Weighted after flood control;
	// Expected the flood-weighted occurrences at the term's rate elsewhere.
	Count              int64
	Weighted, Expected float64
	// Ratio is Weighted/Expected; +Inf when the term occurs nowhere else.
	Ratio float64
	// Score is the log-likelihood keyness of the burst's span against the
	// rest of the video.
	Score float64
}

// Burst test: a term bursts over a window of 1, 2, 4 or 8 adjacent buckets
// (so that both a sharp spike and a burst spread over several small
// buckets are seen) when it occurs there at least minBurstCount times
// (flood-weighted), at least burstRatio times its rate in the rest of the
// video, and its log-likelihood keyness against the rest of the video
// exceeds the χ²(1) quantile for burstAlpha, Bonferroni-corrected for the
// number of windows tested. The buckets of such a window where the term
// runs burstRatio times above its rate outside the window are bursting
// buckets of the term; adjacent bursting buckets make one TermBurst.
const (
	minBurstCount = 5.0
	burstRatio    = 3.0
	burstAlpha    = 0.01
	maxTermBursts = 100
)

// burstScales are the window widths, in buckets, of the burst test.
var burstScales = []int{1, 2, 4, 8}

// cellKey names one term in one bucket.
type cellKey struct {
	b  int
	id int32
}

// dynamics computes the per-bucket top terms and the term bursts over the
// buckets of c.
func (a *Accumulator) dynamics(c Curves) ([]BucketTerm, []TermBurst) {
	nb := len(c.Buckets)
	if nb == 0 || c.BucketMs <= 0 {
		return nil, nil
	}
	t := a.react.slices
	buckets := make([]map[int32]termCell, nb)
	kw := make([]float64, nb)
	totals := map[int32]float64{}
	var all float64
	for i := range buckets {
		buckets[i] = map[int32]termCell{}
	}
	for _, k := range sortedKeys(t.cells) {
		b := min(int(k*t.widthMs/c.BucketMs), nb-1)
		sc := t.cells[k]
		for _, id := range sortedKeys(sc.terms) {
			tc := sc.terms[id]
			d := buckets[b][id]
			d.n += tc.n
			d.w += tc.w
			buckets[b][id] = d
			totals[id] += tc.w
		}
		kw[b] += sc.kw
		all += sc.kw
	}
	kwPrefix := prefixSums(kw)
	bursting := a.burstingBuckets(buckets, kwPrefix, totals, all)

	var rows []BucketTerm
	for b, terms := range buckets {
		ids := sortedKeys(terms)
		slices.SortStableFunc(ids, func(x, y int32) int {
			tx, ty := terms[x], terms[y]
			if c := cmp.Compare(ty.n, tx.n); c != 0 {
				return c
			}
			if c := cmp.Compare(ty.w, tx.w); c != 0 {
				return c
			}
			return cmp.Compare(a.kwNames[x], a.kwNames[y])
		})
		for r, id := range ids {
			burst := bursting[cellKey{b, id}]
			if r >= a.react.opt.BucketTerms && !burst {
				continue
			}
			tc := terms[id]
			rest, restKw := math.Max(0, totals[id]-tc.w), all-kw[b]
			bt := BucketTerm{Bucket: b, StartMs: c.Buckets[b].StartMs, EndMs: c.Buckets[b].EndMs, Term: a.kwNames[id],
				Count: tc.n, Weighted: tc.w, Share: tc.w / kw[b], BurstScore: nan(), Bursting: burst, Rank: r + 1}
			if restKw > 0 {
				bt.Expected = kw[b] * rest / restKw
			}
			if tc.w >= minBurstCount {
				bt.BurstScore = logLikelihood(tc.w, kw[b], rest, restKw)
			}
			rows = append(rows, bt)
		}
	}

	runs := map[int32][]int{}
	for k := range bursting {
		runs[k.id] = append(runs[k.id], k.b)
	}
	var bursts []TermBurst
	for _, id := range sortedKeys(runs) {
		bs := runs[id]
		slices.Sort(bs)
		for i := 0; i < len(bs); {
			j := i
			for j+1 < len(bs) && bs[j+1] == bs[j]+1 {
				j++
			}
			bursts = append(bursts, a.termBurst(c, id, bs[i:j+1], buckets, kw, totals[id], all))
			i = j + 1
		}
	}
	slices.SortFunc(bursts, func(x, y TermBurst) int {
		if c := cmp.Compare(y.Score, x.Score); c != 0 {
			return c
		}
		if c := cmp.Compare(x.StartMs, y.StartMs); c != 0 {
			return c
		}
		return cmp.Compare(x.Term, y.Term)
	})
	bursts = bursts[:min(len(bursts), maxTermBursts)]
	for i := range bursts {
		bursts[i].Rank = i + 1
	}
	return rows, bursts
}

// burstingBuckets runs the burst test over every term and window and
// returns the (bucket, term) pairs covered by a significant window.
func (a *Accumulator) burstingBuckets(buckets []map[int32]termCell, kwPrefix []float64, totals map[int32]float64, all float64) map[cellKey]bool {
	type window struct {
		id     int32
		lo, hi int // buckets [lo, hi)
		ll     float64
	}
	var passed []window
	tests := 0
	nb := len(buckets)
	counts := make([]float64, nb)
	for _, id := range sortedKeys(totals) {
		if totals[id] < minBurstCount {
			continue
		}
		for b := range buckets {
			counts[b] = buckets[b][id].w
		}
		prefix := prefixSums(counts)
		for _, w := range burstScales {
			if w > nb || (w > 1 && w >= nb) {
				break
			}
			for lo := 0; lo+w <= nb; lo++ {
				n := prefix[lo+w] - prefix[lo]
				if n < minBurstCount {
					continue
				}
				tests++
				in := kwPrefix[lo+w] - kwPrefix[lo]
				rest, restKw := math.Max(0, totals[id]-n), all-in
				if restKw > 0 && n/in < burstRatio*rest/restKw {
					continue
				}
				passed = append(passed, window{id, lo, lo + w, logLikelihood(n, in, rest, restKw)})
			}
		}
	}
	out := map[cellKey]bool{}
	if tests == 0 {
		return out
	}
	crit := distuv.ChiSquared{K: 1}.Quantile(1 - burstAlpha/float64(tests))
	for _, w := range passed {
		if w.ll < crit {
			continue
		}
		// Of a significant window, the buckets where the term itself runs
		// burstRatio times above its rate outside the window burst.
		in := kwPrefix[w.hi] - kwPrefix[w.lo]
		var n float64
		for b := w.lo; b < w.hi; b++ {
			n += buckets[b][w.id].w
		}
		rest, restKw := math.Max(0, totals[w.id]-n), all-in
		for b := w.lo; b < w.hi; b++ {
			c := buckets[b][w.id]
			bkw := kwPrefix[b+1] - kwPrefix[b]
			if c.n > 0 && (restKw <= 0 || c.w/bkw >= burstRatio*rest/restKw) {
				out[cellKey{b, w.id}] = true
			}
		}
	}
	return out
}

// prefixSums returns p with p[i] = x[0] + … + x[i−1].
func prefixSums(x []float64) []float64 {
	p := make([]float64, len(x)+1)
	for i, v := range x {
		p[i+1] = p[i] + v
	}
	return p
}

// termBurst describes one run of adjacent bursting buckets of a term.
func (a *Accumulator) termBurst(c Curves, id int32, run []int, buckets []map[int32]termCell, kw []float64, total, all float64) TermBurst {
	tb := TermBurst{Term: a.kwNames[id], StartMs: c.Buckets[run[0]].StartMs, EndMs: c.Buckets[run[len(run)-1]].EndMs}
	var spanKw float64
	peak := run[0]
	for _, b := range run {
		tc := buckets[b][id]
		tb.Count += tc.n
		tb.Weighted += tc.w
		spanKw += kw[b]
		if tc.w > buckets[peak][id].w {
			peak = b
		}
	}
	tb.PeakMs = (c.Buckets[peak].StartMs + c.Buckets[peak].EndMs) / 2
	rest, restKw := math.Max(0, total-tb.Weighted), all-spanKw
	tb.Score = logLikelihood(tb.Weighted, spanKw, rest, restKw)
	if restKw > 0 {
		tb.Expected = spanKw * rest / restKw
	}
	tb.Ratio = math.Inf(1)
	if tb.Expected > 0 {
		tb.Ratio = tb.Weighted / tb.Expected
	}
	return tb
}
