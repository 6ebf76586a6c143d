package stats

// Reactions are the reaction analytics of one video.
type Reactions struct {
	// Highlights are the moments viewers reacted to, strongest first.
	Highlights []Highlight
	// Rituals is the number of ritual bursts recognised at the start and
	// end; they are among Highlights (marked) only with IncludeRituals.
	Rituals int
	// BucketTerms are the top terms of each bucket, and every bursting one.
	BucketTerms []BucketTerm
	// Bursts are the terms whose frequency jumps far above their own
	// background, strongest first.
	Bursts []TermBurst
	// SendTime holds the send-time trends when HasSendTime.
	SendTime    SendTime
	HasSendTime bool
	// Flood says what flood control did.
	Flood FloodStats
	// Excluded counts the danmaku left out of the analysis by reason
	// (ExcludedSubtitle, ExcludedSpecial).
	Excluded map[string]int64
	// Emotions is the emotion mix of the analysed danmaku.
	Emotions EmotionMix
}

// Reactions computes the reaction analytics of everything added so far,
// over the buckets of c (from Curves).
func (a *Accumulator) Reactions(c Curves) Reactions {
	var r Reactions
	r.Highlights, r.Rituals = a.highlights(c.DurationMs)
	r.BucketTerms, r.Bursts = a.dynamics(c)
	r.SendTime, r.HasSendTime = a.react.sent.result()
	r.Flood = a.react.flood.summary()
	r.Excluded = map[string]int64{}
	for k, v := range a.react.excluded {
		r.Excluded[k] = v
	}
	r.Emotions = a.emotionMix()
	return r
}

// emotionMix returns the shares of each emotion among the analysed
// danmaku.
func (a *Accumulator) emotionMix() EmotionMix {
	var m EmotionMix
	if !a.react.emotions {
		return m
	}
	m.Known = true
	var n int64
	for _, c := range a.react.emoTotal {
		n += c
	}
	for i, c := range a.react.emoTotal {
		m.Shares[i] = nan()
		if n > 0 {
			m.Shares[i] = float64(c) / float64(n)
		}
	}
	return m
}

// Excluded returns the number of danmaku left out of the analysis.
func (a *Accumulator) Excluded() int64 {
	var n int64
	for _, v := range a.react.excluded {
		n += v
	}
	return n
}
