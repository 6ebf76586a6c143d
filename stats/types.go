package stats

import "github.com/danmakuscope/danmakuscope/nlp"

// Bucket is the aggregate of one time bucket of a video: its span, its
// density and the Summary of its danmaku (undefined values are NaN).
type Bucket struct {
	// Index is the 0-based bucket number; the bucket covers [StartMs, EndMs).
	Index   int
	StartMs int64
	EndMs   int64
	// DensityPerMin is Count per minute of bucket width.
	DensityPerMin float64
	Summary
	// Weighted is the number of danmaku after flood control (see
	// ReactionOptions.FloodThreshold): Count when nobody flooded.
	Weighted float64
	// DensitySmooth is the flood-weighted density in danmaku per minute,
	// smoothed with a Gaussian kernel (Curves.BandwidthMs) and averaged over
	// the part of the bucket inside the video.
	DensitySmooth float64
	// ValenceSmooth is the flood-weighted mean valence, smoothed the same
	// way; NaN where the smoothed count in the bucket is below half a
	// danmaku.
	ValenceSmooth float64
}

// Summary is the sentiment of a set of danmaku: a bucket's or a video's.
// Float fields that are undefined (no danmaku, or too few for an interval)
// are NaN.
type Summary struct {
	// Count is the number of danmaku.
	Count int64
	// ValenceMean is the mean valence (−1…1); NaN when Count is 0.
	ValenceMean float64
	// ValenceCILow and ValenceCIHigh bound the 95% confidence interval of
	// the mean (Student's t, clamped to [−1, 1]); NaN when Count < 2.
	ValenceCILow  float64
	ValenceCIHigh float64
	// ValenceVar is the sample variance of the valences (n − 1 in the
	// denominator); NaN when Count < 2. With Count and ValenceMean it lets
	// summaries merge exactly (MergeSummaries).
	ValenceVar float64
	// PosShare, NegShare and NeuShare are the shares of labels (sum 1);
	// NaN when Count is 0.
	PosShare float64
	NegShare float64
	NeuShare float64
	// EmotionCounts counts the danmaku by dominant emotion, indexed by
	// nlp.Emotion (index 0 is nlp.NoEmotion).
	EmotionCounts [nlp.NumEmotions + 1]int64
	// EmotionShares are EmotionCounts over Count (sum 1), indexed the same
	// way; NaN when Count is 0.
	EmotionShares [nlp.NumEmotions + 1]float64
}

// Curves are a video's buckets over video time.
type Curves struct {
	// BucketMs is the bucket width in milliseconds.
	BucketMs int64
	// DurationMs is the video length used for bucketing: the source's
	// duration when known, else the last danmaku's progress.
	DurationMs int64
	// BandwidthMs is the standard deviation of the kernel that smoothed
	// DensitySmooth and ValenceSmooth.
	BandwidthMs int64
	// Buckets cover [0, DurationMs] without gaps, in order.
	Buckets []Bucket
}

// Keyword is one term's statistics over a video.
type Keyword struct {
	Term string
	// Kind is KindWord for a token of the segmenter, KindMeme for a
	// multi-token phrase that recurs verbatim.
	Kind string
	// Count is the number of occurrences.
	Count int64
	// DocFreq is the number of danmaku containing the term.
	DocFreq int64
	// TFIDF is Count/total terms × IDF of the term.
	TFIDF float64
	// Rank is the 1-based rank by TFIDF (ties: higher Count, then Term).
	Rank int
	// Keyness is the log-likelihood keyness of the term in the video
	// against a general background (positive: more frequent in the video);
	// NaN when there is no background.
	Keyness float64
}
