package stats

import (
	"cmp"
	"maps"
	"math"
	"slices"
)

// Corpus holds the run-level figures of many videos as a merge of small
// per-video partial aggregates: one row of facts per video, a term table
// (counts only) and each video's top terms. Merge is associative and
// commutative, and the figures derived from a Corpus do not depend on the
// order of merging, so a distributed engine's combine step can compute it
// and a local run uses the very same merge. Build one per video with
// Accumulator.Partial.
type Corpus struct {
	// Videos has one row per video, in no particular order.
	Videos []VideoFacts
	// Terms counts every keyword over all videos.
	Terms map[string]CorpusTerm
	// Words is the number of keyword occurrences (words, not memes) of all
	// videos: the denominator of term frequencies.
	Words int64
	// Top holds each video's most frequent terms, by video key, for
	// keyness against the other videos.
	Top map[string][]TermCount
	// VideoWords is each video's number of keyword occurrences.
	VideoWords map[string]int64
}

// VideoFacts is one video's summary row (videos.parquet).
type VideoFacts struct {
	VideoKey string
	Source   string
	// Danmaku is the number analysed; Excluded those left out (subtitle
	// pool, special modes).
	Danmaku, Excluded int64
	DurationMs        int64
	BucketMs          int64
	// Sentiment is the overall sentiment of the analysed danmaku.
	Sentiment Summary
	// Emotions is their emotion mix.
	Emotions EmotionMix
	// MeanPerMin is danmaku per minute over the video; PeakPerMin the
	// highest smoothed bucket density.
	MeanPerMin, PeakPerMin float64
	// Highlights and TermBursts count what was found; FloodUsers the users
	// whose danmaku were down-weighted.
	Highlights, TermBursts, FloodUsers int
	// TopKeywords are the video's first keywords by rank.
	TopKeywords []string
}

// CorpusTerm counts one term over all videos.
type CorpusTerm struct {
	// Kind is KindWord, or KindMeme when no video has it as a word.
	Kind string
	// Count is its occurrences, DocFreq the danmaku holding it, Videos the
	// videos holding it.
	Count, DocFreq, Videos int64
}

// TermCount is a term with its count in one video.
type TermCount struct {
	Term  string
	Kind  string
	Count int64
}

// Corpus sizes: keywords per video row and terms per video kept for
// keyness.
const (
	factKeywords  = 10
	keynessPerVid = 50
)

// Partial returns the video's partial aggregate for the run-level outputs,
// from its curves, keywords (from Keywords) and reactions.
func (a *Accumulator) Partial(videoKey, source string, c Curves, kws []Keyword, r Reactions) *Corpus {
	f := VideoFacts{
		VideoKey: videoKey, Source: source, Danmaku: a.n, Excluded: a.Excluded(),
		DurationMs: c.DurationMs, BucketMs: c.BucketMs, Sentiment: a.Overall(), Emotions: r.Emotions,
		Highlights: len(r.Highlights), TermBursts: len(r.Bursts), FloodUsers: r.Flood.Users,
	}
	if c.DurationMs > 0 {
		f.MeanPerMin = float64(a.n) / (float64(c.DurationMs) / 60_000)
	}
	for _, b := range c.Buckets {
		f.PeakPerMin = math.Max(f.PeakPerMin, b.DensitySmooth)
	}
	for _, k := range kws[:min(len(kws), factKeywords)] {
		f.TopKeywords = append(f.TopKeywords, k.Term)
	}
	p := &Corpus{Videos: []VideoFacts{f}, Terms: map[string]CorpusTerm{}, Words: a.kwTokens,
		Top: map[string][]TermCount{}, VideoWords: map[string]int64{videoKey: a.kwTokens}}
	var top []TermCount
	for _, k := range kws {
		p.Terms[k.Term] = CorpusTerm{Kind: k.Kind, Count: k.Count, DocFreq: k.DocFreq, Videos: 1}
		top = append(top, TermCount{Term: k.Term, Kind: k.Kind, Count: k.Count})
	}
	slices.SortFunc(top, func(x, y TermCount) int {
		if c := cmp.Compare(y.Count, x.Count); c != 0 {
			return c
		}
		return cmp.Compare(x.Term, y.Term)
	})
	p.Top[videoKey] = top[:min(len(top), keynessPerVid)]
	return p
}

// Merge folds o into c. It is associative and commutative: counts add up,
// rows and per-video tables are collected.
func (c *Corpus) Merge(o *Corpus) {
	if o == nil {
		return
	}
	if c.Terms == nil {
		c.Terms = map[string]CorpusTerm{}
	}
	if c.Top == nil {
		c.Top = map[string][]TermCount{}
	}
	if c.VideoWords == nil {
		c.VideoWords = map[string]int64{}
	}
	c.Videos = append(c.Videos, o.Videos...)
	for term, t := range o.Terms {
		m := c.Terms[term]
		m.Count += t.Count
		m.DocFreq += t.DocFreq
		m.Videos += t.Videos
		if m.Kind != KindWord {
			m.Kind = t.Kind
		}
		c.Terms[term] = m
	}
	c.Words += o.Words
	for k, v := range o.Top {
		c.Top[k] = v
	}
	for k, v := range o.VideoWords {
		c.VideoWords[k] += v
	}
}

// VideoRows returns the video rows sorted by video key.
func (c *Corpus) VideoRows() []VideoFacts {
	rows := slices.Clone(c.Videos)
	slices.SortFunc(rows, func(x, y VideoFacts) int { return cmp.Compare(x.VideoKey, y.VideoKey) })
	return rows
}

// CorpusKeyword is one term over all videos (the run's keywords.parquet).
type CorpusKeyword struct {
	Term                   string
	Kind                   string
	Count, DocFreq, Videos int64
	// TFIDF is Count over all keyword occurrences of the run × the term's
	// IDF, as for one video.
	TFIDF float64
	// Keyness is the log-likelihood keyness of the term in the run against
	// the general background; NaN without one.
	Keyness float64
	// Rank is the 1-based rank by TFIDF (ties: count, then term).
	Rank int
}

// Keywords returns every term of the run ranked by TF-IDF.
func (c *Corpus) Keywords(terms TermInfo) []CorpusKeyword {
	out := make([]CorpusKeyword, 0, len(c.Terms))
	bg, hasBg := terms.(Background)
	for term, t := range c.Terms {
		k := CorpusKeyword{Term: term, Kind: t.Kind, Count: t.Count, DocFreq: t.DocFreq, Videos: t.Videos, Keyness: nan()}
		if c.Words > 0 {
			k.TFIDF = float64(t.Count) / float64(c.Words) * terms.IDF(term)
		}
		if hasBg {
			k.Keyness = logLikelihood(float64(t.Count), float64(c.Words), bg.BackgroundFreq(term), bg.BackgroundTotal())
		}
		out = append(out, k)
	}
	slices.SortFunc(out, func(x, y CorpusKeyword) int {
		if c := cmp.Compare(y.TFIDF, x.TFIDF); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Count, x.Count); c != 0 {
			return c
		}
		return cmp.Compare(x.Term, y.Term)
	})
	for i := range out {
		out[i].Rank = i + 1
	}
	return out
}

// VideoKeyness is the keyness of one of a video's frequent terms against
// the other videos of the run.
type VideoKeyness struct {
	VideoKey string
	Term     string
	Kind     string
	// Count is the term's occurrences in the video, OtherCount in the
	// other videos together.
	Count, OtherCount int64
	// LogLikelihood is the keyness (positive: relatively more frequent in
	// this video); LogRatio the binary log of the ratio of relative
	// frequencies (an effect size; each count gets 0.5 added so that it is
	// finite).
	LogLikelihood, LogRatio float64
	// Rank is the 1-based rank within the video by LogLikelihood.
	Rank int
}

// Keyness returns, for each video, its most frequent terms with their
// keyness against the rest of the run, by video key then rank. It needs at
// least two videos; with fewer it returns nil.
func (c *Corpus) Keyness() []VideoKeyness {
	if len(c.VideoWords) < 2 {
		return nil
	}
	var out []VideoKeyness
	for _, v := range slices.Sorted(maps.Keys(c.Top)) {
		words := float64(c.VideoWords[v])
		others := float64(c.Words) - words
		var rows []VideoKeyness
		for _, t := range c.Top[v] {
			other := c.Terms[t.Term].Count - t.Count
			a, b := float64(t.Count), float64(other)
			k := VideoKeyness{VideoKey: v, Term: t.Term, Kind: t.Kind, Count: t.Count, OtherCount: other,
				LogLikelihood: logLikelihood(a, words, b, others)}
			if words > 0 && others > 0 {
				k.LogRatio = math.Log2(((a + 0.5) / words) / ((b + 0.5) / others))
			}
			rows = append(rows, k)
		}
		slices.SortFunc(rows, func(x, y VideoKeyness) int {
			if c := cmp.Compare(y.LogLikelihood, x.LogLikelihood); c != 0 {
				return c
			}
			return cmp.Compare(x.Term, y.Term)
		})
		for i := range rows {
			rows[i].Rank = i + 1
		}
		out = append(out, rows...)
	}
	return out
}
