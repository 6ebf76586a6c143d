package stats

import (
	"math"
	"slices"
	"sort"
)

// gaussianKernel returns the weights of a Gaussian kernel with standard
// deviation sigma (in samples), truncated at ±4σ, for offsets −h…h. A
// sigma below 0.25 samples gives the identity kernel [1].
func gaussianKernel(sigma float64) []float64 {
	if !(sigma >= 0.25) {
		return []float64{1}
	}
	h := int(math.Ceil(4 * sigma))
	k := make([]float64, 2*h+1)
	for i := range k {
		d := float64(i - h)
		k[i] = math.Exp(-d * d / (2 * sigma * sigma))
	}
	return k
}

// smooth convolves x with kernel k (odd length, centred) and renormalises
// each output by the kernel weight that fell inside the series: near the
// edges the estimate averages the data on one side instead of mixing in
// zeros from beyond them, so a curve neither sags nor rises at the start
// and end of a video (the Nadaraya–Watson estimator).
func smooth(x, k []float64) []float64 {
	out := make([]float64, len(x))
	h := len(k) / 2
	for i := range x {
		lo, hi := max(0, i-h), min(len(x)-1, i+h)
		var sum, wsum float64
		for j := lo; j <= hi; j++ {
			w := k[j-i+h]
			sum += w * x[j]
			wsum += w
		}
		out[i] = sum / wsum
	}
	return out
}

// squareSum is Σk² of the kernel normalised to sum 1: the variance of a
// smoothed series of independent unit-variance samples. For a Poisson
// series of rate λ per sample, the smoothed value has variance λ·squareSum.
func squareSum(k []float64) float64 {
	var s, s2 float64
	for _, w := range k {
		s += w
		s2 += w * w
	}
	return s2 / (s * s)
}

// rollingMedian returns, for each i, the median of x over a window of w
// samples centred on i; near the edges the window keeps its size and is
// shifted inward, so the baseline at the start of a video is not the
// median of a few samples (a burst there would otherwise be its own
// baseline). A series shorter than w gets its global median everywhere.
func rollingMedian(x []float64, w int) []float64 {
	n := len(x)
	out := make([]float64, n)
	if n == 0 {
		return out
	}
	if w >= n {
		m := median(slices.Clone(x))
		for i := range out {
			out[i] = m
		}
		return out
	}
	// window[lo, lo+w) sorted; slide it as the centre moves.
	lo := 0
	win := slices.Clone(x[:w])
	slices.Sort(win)
	for i := 0; i < n; i++ {
		want := min(max(0, i-w/2), n-w)
		for lo < want {
			// Remove x[lo], insert x[lo+w].
			j := sort.SearchFloat64s(win, x[lo])
			win = slices.Delete(win, j, j+1)
			v := x[lo+w]
			k := sort.SearchFloat64s(win, v)
			win = slices.Insert(win, k, v)
			lo++
		}
		out[i] = medianSorted(win)
	}
	return out
}

// median returns the median of x, reordering it. NaN for an empty slice.
func median(x []float64) float64 {
	slices.Sort(x)
	return medianSorted(x)
}

func medianSorted(x []float64) float64 {
	n := len(x)
	switch {
	case n == 0:
		return math.NaN()
	case n%2 == 1:
		return x[n/2]
	}
	return (x[n/2-1] + x[n/2]) / 2
}

// mad returns the median absolute deviation of x from its median, scaled
// by 1.4826 to estimate the standard deviation of normal data.
func mad(x []float64) float64 {
	c := slices.Clone(x)
	m := median(c)
	for i, v := range c {
		c[i] = math.Abs(v - m)
	}
	return 1.4826 * median(c)
}
