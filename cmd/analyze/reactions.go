package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
	_ "time/tzdata" // --timezone works on machines without a zoneinfo database

	"github.com/spf13/cobra"

	"github.com/danmakuscope/danmakuscope/report"
	"github.com/danmakuscope/danmakuscope/stats"
)

// reactionParams are the settings of the reaction analytics, as recorded
// in Params: the options (durations in milliseconds) and the time zone's
// name.
type reactionParams struct {
	stats.ReactionOptions
	TimeZone string `json:"time_zone"`
}

// reactionFlags are the flags behind reactionParams.
type reactionFlags struct {
	bandwidth, lag, gap, floodWindow time.Duration
}

// addReactionFlags registers the flags of the reaction analytics on cmd,
// with their documented defaults.
func addReactionFlags(cmd *cobra.Command, p *reactionParams, rf *reactionFlags) {
	f, d := cmd.Flags(), stats.DefaultReactionOptions()
	f.BoolVar(&p.KeepSpecial, "keep-special", false, "keep subtitle-pool (pool 1) and advanced/code/BAS (modes 7–9) danmaku in the analysis")
	f.IntVar(&p.FloodThreshold, "flood-threshold", d.FloodThreshold, "danmaku one user may send per --flood-window at full weight; the k-th beyond counts 1/(k+1) (0: no flood control)")
	f.DurationVar(&rf.floodWindow, "flood-window", time.Duration(d.FloodWindowMs)*time.Millisecond, "window of video time of flood control")
	f.DurationVar(&rf.bandwidth, "bandwidth", 0, "standard deviation of the Gaussian kernel smoothing the curves (default: one bucket)")
	f.IntVar(&p.MaxHighlights, "max-highlights", d.MaxHighlights, "highlights reported at most")
	f.DurationVar(&rf.gap, "highlight-gap", time.Duration(d.MinSeparationMs)*time.Millisecond, "least distance between two highlights' peaks")
	f.DurationVar(&rf.lag, "lag", time.Duration(d.LagMs)*time.Millisecond, "how far comments trail the moment they react to: lagged_start_ms = start_ms − lag")
	f.Float64Var(&p.Threshold, "highlight-z", d.Threshold, "robust z-score a highlight's peak must reach")
	f.BoolVar(&p.IncludeRituals, "include-rituals", false, "report ritual bursts at the start and end (打卡, 前排, 完结撒花…) as highlights, marked ritual")
	f.IntVar(&p.BucketTerms, "bucket-terms", d.BucketTerms, "top terms per bucket in keywords_by_bucket.parquet")
	f.StringVar(&p.TimeZone, "timezone", "Asia/Shanghai", "time zone of the send-time trends (IANA name, e.g. UTC, Europe/Berlin)")
}

// resolve checks the flags, fills p's durations and returns the options.
func (p *reactionParams) resolve(rf reactionFlags) (stats.ReactionOptions, error) {
	for _, f := range []struct {
		name string
		d    time.Duration
	}{{"--bandwidth", rf.bandwidth}, {"--lag", rf.lag}, {"--highlight-gap", rf.gap}} {
		if f.d < 0 {
			return stats.ReactionOptions{}, fmt.Errorf("%s %v: want a duration of 0 or more", f.name, f.d)
		}
	}
	switch {
	case rf.floodWindow <= 0:
		return stats.ReactionOptions{}, fmt.Errorf("--flood-window %v: want a positive duration such as 10s", rf.floodWindow)
	case p.FloodThreshold < 0:
		return stats.ReactionOptions{}, fmt.Errorf("--flood-threshold %d: want 0 (off) or more", p.FloodThreshold)
	case p.MaxHighlights < 1:
		return stats.ReactionOptions{}, fmt.Errorf("--max-highlights %d: want 1 or more", p.MaxHighlights)
	case !(p.Threshold > 0):
		return stats.ReactionOptions{}, fmt.Errorf("--highlight-z %v: want a positive number", p.Threshold)
	case p.BucketTerms < 1:
		return stats.ReactionOptions{}, fmt.Errorf("--bucket-terms %d: want 1 or more", p.BucketTerms)
	}
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil || p.TimeZone == "" || p.TimeZone == "Local" {
		return stats.ReactionOptions{}, fmt.Errorf("--timezone %q: want an IANA time zone name such as Asia/Shanghai or UTC", p.TimeZone)
	}
	p.BandwidthMs, p.LagMs = rf.bandwidth.Milliseconds(), rf.lag.Milliseconds()
	p.MinSeparationMs, p.FloodWindowMs = rf.gap.Milliseconds(), rf.floodWindow.Milliseconds()
	p.Location = loc
	return p.ReactionOptions, nil
}

// writeReactions writes a video's reaction tables: highlights,
// keywords_by_bucket, term_bursts and, when the danmaku carry send times,
// sendtime (an old one is removed otherwise).
func writeReactions(dir string, r stats.Reactions, meta report.Meta) error {
	if err := report.WriteHighlights(filepath.Join(dir, "highlights.parquet"), r.Highlights, meta); err != nil {
		return err
	}
	if err := report.WriteBucketTerms(filepath.Join(dir, "keywords_by_bucket.parquet"), r.BucketTerms, meta); err != nil {
		return err
	}
	if err := report.WriteTermBursts(filepath.Join(dir, "term_bursts.parquet"), r.Bursts, meta); err != nil {
		return err
	}
	sendtime := filepath.Join(dir, "sendtime.parquet")
	if !r.HasSendTime {
		return removeStale(sendtime)
	}
	return report.WriteSendTime(sendtime, r.SendTime, meta)
}

// removeStale removes a file an earlier run may have left, if any.
func removeStale(path string) error {
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("remove stale %s: %w", path, err)
	}
	return nil
}

// runCorpus collects the per-video partial aggregates of a run with the
// corpus merge; workers add to it concurrently.
type runCorpus struct {
	mu     sync.Mutex
	corpus stats.Corpus
}

func (rc *runCorpus) add(p *stats.Corpus) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.corpus.Merge(p)
}

// writeRunFiles writes the run-level files beside the video directories:
// videos.parquet and keywords.parquet, and with two videos or more
// keyness.parquet and charts/videos.png (removing those of an earlier run
// otherwise). Nothing is written when no video was analysed.
func (eng *engine) writeRunFiles() error {
	c := &eng.run.corpus
	videos := c.VideoRows()
	if len(videos) == 0 {
		return nil
	}
	meta := report.Meta{LexiconDigest: eng.model.Digest(), Params: eng.paramsJSON}
	if err := report.WriteVideos(filepath.Join(eng.out, report.VideosFile), videos, meta); err != nil {
		return err
	}
	if err := report.WriteCorpusKeywords(filepath.Join(eng.out, report.CorpusKeywordsFile), c.Keywords(eng.model), meta); err != nil {
		return err
	}
	keyness, chart := filepath.Join(eng.out, report.KeynessFile), filepath.Join(eng.out, filepath.FromSlash(report.ComparisonChartFile))
	if len(videos) < 2 {
		if err := removeStale(keyness); err != nil {
			return err
		}
		return removeStale(chart)
	}
	if err := report.WriteKeyness(keyness, c.Keyness(), meta); err != nil {
		return err
	}
	return report.ComparisonChart(chart, videos, eng.charts)
}

// pageHighlights converts highlights for the video's index.html.
func pageHighlights(hs []stats.Highlight) []report.PageHighlight {
	out := make([]report.PageHighlight, len(hs))
	for i, h := range hs {
		out[i] = report.PageHighlight{Rank: h.Rank, StartMs: h.StartMs, EndMs: h.EndMs, PeakMs: h.PeakMs,
			LaggedStartMs: h.LaggedStartMs, Intensity: h.Intensity, ValenceMean: h.ValenceMean, Emotion: h.Emotion,
			Keywords: h.Keywords, Samples: h.Samples}
	}
	return out
}

// runCharts are the charts of the run's index.html: the comparison of the
// videos, when the run wrote one.
func (eng *engine) runCharts() []report.PageChart {
	path := filepath.Join(eng.out, filepath.FromSlash(report.ComparisonChartFile))
	if _, err := os.Stat(path); err != nil || len(eng.run.corpus.Videos) < 2 {
		return nil
	}
	return []report.PageChart{{Path: path, Alt: "danmaku per minute and mean valence of each video",
		Caption: "The videos compared: danmaku per minute with the number of highlights, and mean valence with its 95% confidence interval."}}
}
