package stats

import "math"

// maxSeriesPoints bounds the points of a reaction series: one per second
// up to 12 hours, coarser beyond.
const maxSeriesPoints = 43_200

// series is a video's reaction cells as dense arrays, one point per resMs
// of video time covering [0, durMs).
type series struct {
	resMs  int64
	durMs  int64
	n      []float64 // danmaku
	w      []float64 // flood-weighted danmaku
	wv     []float64 // flood-weighted valence sum
	ritual []float64 // flood weight of ritual danmaku
	emo    [][NumEmotions]float64
}

// series lays out the per-second cells over a video of durMs.
func (r *reactor) series(durMs int64) *series {
	secs := ceilDiv(durMs, 1000)
	res := max(1, ceilDiv(secs, maxSeriesPoints))
	n := int(ceilDiv(secs, res))
	s := &series{resMs: res * 1000, durMs: durMs, n: make([]float64, n), w: make([]float64, n),
		wv: make([]float64, n), ritual: make([]float64, n), emo: make([][NumEmotions]float64, n)}
	if n == 0 {
		return s
	}
	for _, k := range sortedKeys(r.seconds) {
		c := r.seconds[k]
		i := min(int(k/res), n-1)
		s.n[i] += float64(c.n)
		s.w[i] += c.w
		s.wv[i] += c.wv
		s.ritual[i] += c.ritual
		for e := range c.emo {
			s.emo[i][e] += c.emo[e]
		}
	}
	return s
}

// point returns the point holding video time ms.
func (s *series) point(ms int64) int { return min(int(ms/s.resMs), len(s.w)-1) }

// smoothCurves fills each bucket's flood-weighted count and its smoothed
// density and valence: the per-second series is smoothed with a Gaussian
// kernel of standard deviation bandwidthMs (renormalised at the edges),
// then averaged over the part of the bucket inside the video. A wide
// kernel runs over blocks of several points (at least four blocks per
// standard deviation, each weighted by its number of points), which gives
// the same curve at a fraction of the cost.
func (s *series) smoothCurves(c *Curves, bandwidthMs int64) {
	sigma := float64(bandwidthMs) / float64(s.resMs)
	block := max(1, int(sigma/4))
	nb := (len(s.w) + block - 1) / block
	w, wv, pts := make([]float64, nb), make([]float64, nb), make([]float64, nb)
	for i := range s.w {
		w[i/block] += s.w[i]
		wv[i/block] += s.wv[i]
		pts[i/block]++
	}
	k := gaussianKernel(sigma / float64(block))
	sw, swv, spts := smooth(w, k), smooth(wv, k), smooth(pts, k)
	perMin := 60_000 / float64(s.resMs)
	for bi := range c.Buckets {
		b := &c.Buckets[bi]
		var weight, smw, smwv float64
		points := 0
		for i := s.point(b.StartMs); i < len(s.w) && int64(i)*s.resMs < b.EndMs; i++ {
			if int64(i)*s.resMs < b.StartMs {
				continue
			}
			j := i / block
			weight += s.w[i]
			smw += sw[j] / spts[j] // per point
			smwv += swv[j] / spts[j]
			points++
		}
		b.Weighted = weight
		b.DensitySmooth, b.ValenceSmooth = 0, nan()
		if points > 0 {
			b.DensitySmooth = smw / float64(points) * perMin
		}
		if smw >= 0.5 {
			b.ValenceSmooth = smwv / smw
		}
	}
}

// nan returns an undefined value.
func nan() float64 { return math.NaN() }
