package stats

import "time"

// ReactionOptions configure the reaction analytics: which danmaku count,
// how floods are damped, how curves are smoothed, how highlights are found
// and how send times are read. The zero value gives the defaults below,
// except that LagMs 0 means no lag correction and FloodThreshold 0 turns
// flood control off; DefaultReactionOptions returns the documented
// defaults.
type ReactionOptions struct {
	// KeepSpecial keeps subtitle-pool danmaku (pool 1) and advanced, code
	// and BAS danmaku (modes 7–9) in the analysis. By default they are
	// excluded: they are captions and animations, not reactions. They stay
	// in danmaku.parquet either way.
	KeepSpecial bool `json:"keep_special"`

	// FloodThreshold is how many danmaku one user may send within
	// FloodWindowMs of video time at full weight; the k-th beyond it
	// counts 1/(k+1) (with the default 3: the 4th ½, the 5th ⅓…). 0 turns
	// flood control off.
	FloodThreshold int `json:"flood_threshold"`
	// FloodWindowMs is the window of flood control in video time; 0 means
	// DefaultFloodWindowMs.
	FloodWindowMs int64 `json:"flood_window_ms"`

	// BandwidthMs is the standard deviation of the Gaussian kernel that
	// smooths the density and sentiment curves; 0 means one bucket width.
	BandwidthMs int64 `json:"bandwidth_ms"`

	// MaxHighlights caps the highlights reported; 0 means
	// DefaultMaxHighlights.
	MaxHighlights int `json:"max_highlights"`
	// MinSeparationMs is the least distance between two highlights' peaks;
	// of two closer ones the weaker is dropped. 0 means
	// DefaultMinSeparationMs.
	MinSeparationMs int64 `json:"min_separation_ms"`
	// LagMs shifts each highlight's start back to where the moment it
	// reacts to began (comments trail the moment): lagged_start_ms =
	// start_ms − LagMs, at least 0.
	LagMs int64 `json:"lag_ms"`
	// Threshold is the robust z-score a highlight's peak must reach; 0
	// means DefaultThreshold.
	Threshold float64 `json:"threshold"`
	// IncludeRituals reports ritual bursts at the start and end (打卡, 前排,
	// 完结撒花…) as highlights, marked as rituals, instead of leaving them
	// out.
	IncludeRituals bool `json:"include_rituals"`

	// BucketTerms is how many top terms keywords_by_bucket lists per
	// bucket (bursting terms are listed too); 0 means DefaultBucketTerms.
	BucketTerms int `json:"bucket_terms"`

	// Location is the time zone of the send-time trends (day boundaries,
	// hour of day, weekday); nil means China Standard Time (UTC+8, what
	// Asia/Shanghai has been since 1991).
	Location *time.Location `json:"-"`
}

// Defaults of ReactionOptions.
const (
	DefaultFloodThreshold  = 3
	DefaultFloodWindowMs   = 10_000
	DefaultMaxHighlights   = 10
	DefaultMinSeparationMs = 30_000
	DefaultLagMs           = 5_000
	DefaultThreshold       = 4.0
	DefaultBucketTerms     = 10
)

// DefaultReactionOptions returns the defaults: special danmaku excluded,
// flood control at 3 danmaku per 10 s, curves smoothed over one bucket, at
// most 10 highlights at least 30 s apart, a 5 s lag correction, rituals
// left out, 10 terms per bucket, China Standard Time.
func DefaultReactionOptions() ReactionOptions {
	return ReactionOptions{
		FloodThreshold:  DefaultFloodThreshold,
		FloodWindowMs:   DefaultFloodWindowMs,
		MaxHighlights:   DefaultMaxHighlights,
		MinSeparationMs: DefaultMinSeparationMs,
		LagMs:           DefaultLagMs,
		Threshold:       DefaultThreshold,
		BucketTerms:     DefaultBucketTerms,
	}
}

// chinaStandardTime is the default zone of send-time trends: UTC+8 without
// daylight saving, which is Asia/Shanghai for every date since 1991.
func chinaStandardTime() *time.Location { return time.FixedZone("UTC+8", 8*3600) }

// withDefaults fills zero fields with their defaults (LagMs and
// FloodThreshold keep 0: it is meaningful).
func (o ReactionOptions) withDefaults() ReactionOptions {
	if o.FloodWindowMs <= 0 {
		o.FloodWindowMs = DefaultFloodWindowMs
	}
	if o.MaxHighlights <= 0 {
		o.MaxHighlights = DefaultMaxHighlights
	}
	if o.MinSeparationMs <= 0 {
		o.MinSeparationMs = DefaultMinSeparationMs
	}
	if o.Threshold <= 0 {
		o.Threshold = DefaultThreshold
	}
	if o.BucketTerms <= 0 {
		o.BucketTerms = DefaultBucketTerms
	}
	if o.LagMs < 0 {
		o.LagMs = 0
	}
	if o.Location == nil {
		o.Location = chinaStandardTime()
	}
	return o
}
