package stats

import (
	"cmp"
	"math"
	"slices"
)

// Highlight detection works on the flood-weighted danmaku per second:
//
//  1. smooth it with a Gaussian of σ = detectBandwidthMs (short scale);
//  2. take as the local baseline the rolling median of the smoothed series
//     over a long window (a tenth of the video, clamped to 1–5 minutes),
//     itself lightly smoothed: a burst shorter than half the window does
//     not lift its own baseline;
//  3. score the excess over the baseline as a z-score: the difference of
//     the two on Anscombe's square-root scale (where Poisson noise has unit
//     variance at any rate), divided by the robust spread (MAD) of all
//     such differences when the video is noisier than Poisson;
//  4. every local maximum of that z-score at or above the threshold seeds
//     a highlight, which extends on both sides while the z-score stays
//     above 1.5 and the excess above a fifth of the peak's;
//  5. ritual bursts are recognised, the rest keep a minimum separation
//     (the stronger wins) and the strongest MaxHighlights are ranked by
//     z-score.
const (
	detectBandwidthMs = 3_000
	minBaselineMs     = 45_000
	maxBaselineMs     = 300_000
	exitZ             = 1.5
	exitFraction      = 0.2
	// minExcess is the fewest flood-weighted danmaku above the baseline
	// a highlight must hold.
	minExcess = 5.0
	// ritualShare is the share of a burst's excess that ritual danmaku
	// must make up for it to count as a ritual.
	ritualShare = 0.5
	// Ritual zones: the first and last 5% of a video, at least 1 and at
	// most 5 minutes.
	minRitualZoneMs = 60_000
	maxRitualZoneMs = 300_000
	// highlightKeywords and highlightSamples are listed per highlight.
	highlightKeywords = 5
	highlightSamples  = 5
)

// Highlight is a stretch of video time where viewers reacted far above the
// local baseline.
type Highlight struct {
	// Rank is 1 for the strongest (highest Z).
	Rank int
	// StartMs and EndMs bound the highlight; PeakMs is its densest moment.
	StartMs, EndMs, PeakMs int64
	// LaggedStartMs is StartMs moved back by the lag correction: where the
	// moment viewers react to probably began.
	LaggedStartMs int64
	// Intensity is the smoothed density at the peak over the local
	// baseline: 3 means three times the usual rate.
	Intensity float64
	// Z is the robust z-score of the peak.
	Z float64
	// Count is the danmaku inside; Weighted the same after flood control;
	// Excess the flood-weighted danmaku above the baseline.
	Count    int64
	Weighted float64
	Excess   float64
	// PeakPerMin and BaselinePerMin are the smoothed and baseline
	// densities at the peak, in danmaku per minute.
	PeakPerMin, BaselinePerMin float64
	// Emotion is the most frequent emotion other than none among the
	// danmaku inside (flood-weighted), "none" when none carries one, and ""
	// when the input has no emotion column.
	Emotion string
	// ValenceMean is the flood-weighted mean valence inside.
	ValenceMean float64
	// Keywords are the top terms by TF-IDF against the rest of the video.
	Keywords []string
	// Samples are the most frequent distinct normalised texts inside.
	Samples []string
	// Ritual marks a ritual burst (only reported with IncludeRituals).
	Ritual bool
}

// detection holds the detection curves of a video.
type detection struct {
	s        *series
	smoothed []float64 // short-scale smoothed weighted count per point
	base     []float64 // local baseline
	z        []float64 // robust z-score of the excess
}

func detect(s *series) *detection {
	d := &detection{s: s}
	n := len(s.w)
	if n == 0 {
		return d
	}
	k := gaussianKernel(float64(detectBandwidthMs) / float64(s.resMs))
	d.smoothed = smooth(s.w, k)
	baseMs := min(max(s.durMs/10, minBaselineMs), maxBaselineMs)
	win := max(3, int(baseMs/s.resMs)|1)
	d.base = smooth(rollingMedian(d.smoothed, win), gaussianKernel(float64(win)/6))
	// A smoothed value is a weighted sum of about neff points: treat it as
	// a count over neff points and compare it with the baseline's count on
	// Anscombe's square-root scale, where Poisson noise has unit variance
	// whatever the rate, so sparse videos do not throw up false peaks.
	neff := 1 / squareSum(k)
	d.z = make([]float64, n)
	for i := range d.z {
		d.z[i] = anscombe(d.smoothed[i]*neff) - anscombe(d.base[i]*neff)
	}
	// Over-dispersion (drift, chatter in clumps) widens the residuals
	// beyond Poisson's: scale by their robust spread when it is larger.
	// The spread is read from the residuals below the baseline only:
	// bursts, however many, never reach there.
	scale := math.Max(1, lowerSpread(d.z))
	for i := range d.z {
		d.z[i] /= scale
	}
	return d
}

// lowerSpread estimates the standard deviation of residuals around 0 from
// those below 0: 1.4826 times their median absolute value (the MAD of a
// symmetric distribution centred on 0). 0 when none is below 0.
func lowerSpread(z []float64) float64 {
	var neg []float64
	for _, v := range z {
		if v < 0 {
			neg = append(neg, -v)
		}
	}
	if len(neg) == 0 {
		return 0
	}
	return 1.4826 * median(neg)
}

// anscombe is Anscombe's variance-stabilising transform of a Poisson
// count: 2√(x + 3/8) has variance close to 1 for any rate.
func anscombe(x float64) float64 { return 2 * math.Sqrt(math.Max(x, 0)+0.375) }

// candidate is a detected burst before selection.
type candidate struct {
	lo, hi, peak int // points, inclusive
	z            float64
	excess       float64
	ritual       bool
}

// candidates returns the bursts whose peak z reaches threshold, strongest
// first; their spans do not overlap.
func (d *detection) candidates(threshold float64) []candidate {
	n := len(d.z)
	var peaks []int
	for i := 0; i < n; i++ {
		if d.z[i] >= threshold && (i == 0 || d.z[i] >= d.z[i-1]) && (i == n-1 || d.z[i] > d.z[i+1]) {
			peaks = append(peaks, i)
		}
	}
	slices.SortStableFunc(peaks, func(a, b int) int { return cmp.Compare(d.z[b], d.z[a]) })
	claimed := make([]bool, n)
	var out []candidate
	for _, p := range peaks {
		if claimed[p] {
			continue
		}
		peakResid := d.smoothed[p] - d.base[p]
		above := func(i int) bool {
			return !claimed[i] && d.z[i] >= exitZ && d.smoothed[i]-d.base[i] >= exitFraction*peakResid
		}
		lo, hi := p, p
		for lo > 0 && above(lo-1) {
			lo--
		}
		for hi < n-1 && above(hi+1) {
			hi++
		}
		var excess float64
		for i := lo; i <= hi; i++ {
			claimed[i] = true
			excess += d.s.w[i] - d.base[i]
		}
		if excess < minExcess {
			continue
		}
		out = append(out, candidate{lo: lo, hi: hi, peak: p, z: d.z[p], excess: excess})
	}
	return out
}

// markRituals flags candidates in the first or last ritual zone whose
// excess is mostly ritual danmaku.
func (d *detection) markRituals(cs []candidate) {
	zone := min(max(d.s.durMs/20, minRitualZoneMs), maxRitualZoneMs)
	for i := range cs {
		c := &cs[i]
		start, end := int64(c.lo)*d.s.resMs, int64(c.hi+1)*d.s.resMs
		if start >= zone && end <= d.s.durMs-zone {
			continue
		}
		var ritual float64
		for j := c.lo; j <= c.hi; j++ {
			ritual += d.s.ritual[j]
		}
		c.ritual = ritual >= ritualShare*c.excess
	}
}

// selectCandidates applies the ritual rule, the minimum separation and the cap, and
// returns the chosen candidates strongest first, and how many ritual
// bursts were recognised.
func selectCandidates(cs []candidate, opt ReactionOptions, resMs int64) (chosen []candidate, rituals int) {
	for _, c := range cs {
		if c.ritual {
			rituals++
			if !opt.IncludeRituals {
				continue
			}
		}
		near := false
		for _, o := range chosen {
			if abs64(int64(o.peak-c.peak)*resMs) < opt.MinSeparationMs {
				near = true
				break
			}
		}
		if near {
			continue
		}
		chosen = append(chosen, c)
		if len(chosen) == opt.MaxHighlights {
			break
		}
	}
	return chosen, rituals
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// highlight describes a chosen candidate.
func (a *Accumulator) highlight(d *detection, c candidate, rank int) Highlight {
	s, opt := d.s, a.react.opt
	perMin := 60_000 / float64(s.resMs)
	h := Highlight{
		Rank:           rank,
		StartMs:        int64(c.lo) * s.resMs,
		EndMs:          min(s.durMs, int64(c.hi+1)*s.resMs),
		PeakMs:         min(s.durMs-1, int64(c.peak)*s.resMs+s.resMs/2),
		Z:              c.z,
		Excess:         c.excess,
		PeakPerMin:     d.smoothed[c.peak] * perMin,
		BaselinePerMin: d.base[c.peak] * perMin,
		Ritual:         c.ritual,
		ValenceMean:    nan(),
	}
	h.LaggedStartMs = max(0, h.StartMs-opt.LagMs)
	h.Intensity = d.smoothed[c.peak] / math.Max(d.base[c.peak], 1e-9)
	var wv float64
	var emo [NumEmotions]float64
	for i := c.lo; i <= c.hi; i++ {
		h.Count += int64(s.n[i])
		h.Weighted += s.w[i]
		wv += s.wv[i]
		for e := range emo {
			emo[e] += s.emo[i][e]
		}
	}
	if h.Weighted > 0 {
		h.ValenceMean = wv / h.Weighted
	}
	if a.react.emotions {
		h.Emotion = dominantEmotion(emo)
	}
	h.Keywords, h.Samples = a.windowTerms(h.StartMs, h.EndMs)
	return h
}

// highlights returns the highlights of a video of durMs, strongest first,
// and the number of ritual bursts recognised at its start and end.
func (a *Accumulator) highlights(durMs int64) ([]Highlight, int) {
	s := a.react.series(durMs)
	d := detect(s)
	cs := d.candidates(a.react.opt.Threshold)
	d.markRituals(cs)
	chosen, rituals := selectCandidates(cs, a.react.opt, s.resMs)
	hs := make([]Highlight, len(chosen))
	for i, c := range chosen {
		hs[i] = a.highlight(d, c, i+1)
	}
	return hs, rituals
}
