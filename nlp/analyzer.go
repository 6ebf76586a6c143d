package nlp

import (
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// Result is the analysis of one text.
type Result struct {
	// Norm is the normalised text.
	Norm string
	// Tokens are the words in order, without whitespace and punctuation.
	// The slice is shared with the cache: read-only.
	Tokens []string
	// Valence is the sentiment in [-1, 1].
	Valence float64
	// Label is the polarity class of Valence.
	Label Label
	// Emotions are the scores of the seven emotions, each in [0, 1).
	Emotions EmotionScores
	// Emotion is the dominant emotion: the highest score if it reaches
	// [EmotionThreshold], else NoEmotion.
	Emotion Emotion
	// Hits is the number of scored lexicon words (sentiment or emotion
	// terms, emoji, emotes) found in the text.
	Hits int
}

// Analyzer normalises, segments and scores texts with a [Model]. It caches
// results by normalised text, so identical normalised texts are segmented
// and scored once. It is not safe for concurrent use: make one per
// goroutine with [Model.NewAnalyzer].
type Analyzer struct {
	m            *Model
	cache        cache
	hits, misses int
	mem          memory.Allocator
	// scratch buffers, reused across calls
	seg    segmentation
	pieces []piece
}

// SetCacheCap sets the number of cached texts per cache generation (the
// cache holds up to twice as many) and empties the cache; n < 1 means
// [DefaultCacheCap].
func (a *Analyzer) SetCacheCap(n int) {
	if n < 1 {
		n = DefaultCacheCap
	}
	a.cache = newCache(n)
}

// SetAllocator sets the allocator of the records [Analyzer.Annotate]
// builds; nil means memory.DefaultAllocator.
func (a *Analyzer) SetAllocator(mem memory.Allocator) { a.mem = mem }

// CacheStats returns how many [Analyzer.Analyze] calls (including those
// made by Annotate) found their normalised text in the cache and how many
// did not.
func (a *Analyzer) CacheStats() (hits, misses int) { return a.hits, a.misses }

// Analyze normalises, segments and scores text. Exclamation marks and
// collapsed repetition (see [Normalize]) scale the cached valence and
// emotion strengths per call.
func (a *Analyzer) Analyze(text string) Result {
	n := Normalize(text)
	e, ok := a.cache.get(n.Text)
	if ok {
		a.hits++
	} else {
		a.misses++
		e = a.compute(n.Text)
		a.cache.put(n.Text, e)
	}
	r := Result{Norm: n.Text, Tokens: e.tokens, Hits: e.hits}
	k := intensity(n)
	if e.valence != 0 {
		r.Valence = squash(e.valence * k)
	}
	for i, x := range e.emo {
		if x != 0 {
			r.Emotions[i] = squash(x * k)
		}
	}
	r.Label = LabelOf(r.Valence)
	r.Emotion = r.Emotions.Dominant(r.Valence)
	return r
}

// compute segments and scores a normalised text.
func (a *Analyzer) compute(norm string) cacheEntry {
	a.m.segment(norm, &a.seg)
	a.pieces = a.m.pieces(a.seg.tokens, a.seg.breaks, a.seg.questions, a.pieces[:0])
	sc := score(a.pieces)
	if sc.hits == 0 && a.m.cheers(norm, a.seg.tokens, a.pieces) {
		sc.valence = cheerValence
		sc.emo[Like-1] = minEmotionStrength
	}
	return cacheEntry{tokens: a.seg.tokens, scores: sc}
}
