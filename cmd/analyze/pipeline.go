package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/bilixml"
	"github.com/danmakuscope/danmakuscope/nlp"
	"github.com/danmakuscope/danmakuscope/report"
	"github.com/danmakuscope/danmakuscope/stats"
)

// engine holds what every video's analysis shares: the loaded model, the
// parameters, the chart font. Analysing a video depends on nothing else.
type engine struct {
	model      *nlp.Model
	params     Params
	paramsJSON string
	out        string
	charts     report.ChartOptions
	render     report.Render
	batchSize  int
	inputs     int // number of input sources, for messages
	log        *logger
	reactions  stats.ReactionOptions
	run        runCorpus // the run-level figures, merged from every video
}

// maxSkipWarnings bounds the skip warnings printed per input; the rest are
// summed up in one line (all are counted in summary.json).
const maxSkipWarnings = 20

// runAll analyses the videos with the given number of workers. A video that
// fails does not stop the others; the run fails at the end if any did, or
// if unreadable inputs (already reported) were left out.
func (eng *engine) runAll(ctx context.Context, videos []video, unreadable, workers int) error {
	eng.log.start(len(videos))
	jobs := make(chan video)
	var mu sync.Mutex
	var failed []string
	var done []report.RunVideo
	var total, skipped int64
	var wg sync.WaitGroup
	started := time.Now()
	for w := 0; w < min(workers, len(videos)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range jobs {
				t0 := time.Now()
				res, title, err := eng.analyze(ctx, v)
				mu.Lock()
				if err != nil {
					failed = append(failed, v.key)
					eng.log.error(fmt.Sprintf("%s: %v", v.key, err))
				} else {
					done = append(done, report.RunVideo{S: res, Href: v.dir + "/index.html", Title: title})
					total += res.Counts.Danmaku
					skipped += int64(res.Counts.SkippedTotal)
					eng.log.videoDone(fmt.Sprintf("%s: %d danmaku, %d skipped, %s → %s", v.key, res.Counts.Danmaku,
						res.Counts.SkippedTotal, time.Since(t0).Round(time.Millisecond), filepath.Join(eng.out, v.dir)))
				}
				mu.Unlock()
			}
		}()
	}
	for _, v := range videos {
		if ctx.Err() != nil {
			break
		}
		jobs <- v
	}
	close(jobs)
	wg.Wait()
	eng.log.finish()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted: %w", err)
	}
	if err := eng.writeRunFiles(); err != nil {
		return err
	}
	if len(done) > 0 {
		// Workers finish in any order; the page lists videos by directory.
		slices.SortFunc(done, func(a, b report.RunVideo) int { return strings.Compare(a.Href, b.Href) })
		if err := report.WriteRunPage(filepath.Join(eng.out, "index.html"), "danmaku report", done, eng.runCharts()); err != nil {
			return err
		}
	}
	elapsed := time.Since(started)
	eng.log.info(fmt.Sprintf("analysed %d of %d videos: %d danmaku (%d skipped) in %s (%.0f danmaku/s) → %s",
		len(videos)-len(failed), len(videos), total, skipped, elapsed.Round(time.Millisecond),
		float64(total)/elapsed.Seconds(), eng.out))
	switch {
	case len(failed) > 0 && unreadable > 0:
		return fmt.Errorf("%d of %d videos failed and %d of %d inputs could not be read (see the errors above)", len(failed), len(videos), unreadable, eng.inputs)
	case len(failed) > 0:
		return fmt.Errorf("%d of %d videos failed (see the errors above)", len(failed), len(videos))
	case unreadable > 0:
		return fmt.Errorf("%d of %d inputs could not be read (see the errors above)", unreadable, eng.inputs)
	}
	return nil
}

// analyze reads one video's sources, annotates and aggregates them in
// bounded batches, and writes its report directory. It returns the
// video's summary and the title its page and charts name it by.
func (eng *engine) analyze(ctx context.Context, v video) (*report.Summary, string, error) {
	dir := filepath.Join(eng.out, v.dir)
	meta := report.Meta{VideoKey: v.key, LexiconDigest: eng.model.Digest(), Params: eng.paramsJSON}
	dw, err := report.NewDanmakuWriter(filepath.Join(dir, "danmaku.parquet"), meta)
	if err != nil {
		return nil, "", err
	}
	committed := false
	defer func() {
		if !committed {
			dw.Abort()
		}
	}()
	an := eng.model.NewAnalyzer()
	acc := stats.NewAccumulator(stats.Options{BucketMs: eng.params.BucketMs, Reactions: eng.reactions}, eng.model)
	sum := &report.Summary{VideoKey: v.key, LexiconDigest: meta.LexiconDigest}
	var rs fetch.ReadStats
	dedupe := fetch.NewIDSet()
	var info, known fetch.Video // the last source's video, and the most informative
	for _, src := range v.sources {
		in, err := eng.describe(src)
		if err != nil {
			return nil, "", err
		}
		warned := 0
		opt := fetch.Options{
			BatchSize: eng.batchSize,
			Strict:    eng.params.Strict,
			Dedupe:    dedupe,
			OnSkip: func(s fetch.Skip) {
				if len(sum.Skips) < report.MaxSkipsListed {
					sum.Skips = append(sum.Skips, s)
				}
				if s.Reason == "duplicate_dmid" {
					return // expected when inputs overlap; counted, not warned
				}
				if warned++; warned <= maxSkipWarnings {
					eng.log.warn("skipped " + s.String())
				}
			},
		}
		st, err := src.Open(ctx, opt)
		if err != nil {
			return nil, "", err
		}
		info = st.Video()
		known = moreKnown(known, info)
		err = eng.consume(st, an, acc, dw)
		srcStats := st.Stats()
		st.Close()
		if err != nil {
			return nil, "", err
		}
		if warned > maxSkipWarnings {
			eng.log.warn(fmt.Sprintf("%s: %d more skips not shown (all are counted in summary.json)", src.Name(), warned-maxSkipWarnings))
		}
		in.Format = srcStats.Format
		sum.Inputs = append(sum.Inputs, in)
		rs.Add(srcStats)
	}
	if err := dw.Close(); err != nil {
		return nil, "", err
	}
	committed = true

	curves := acc.Curves(info.DurationMs)
	kws := acc.Keywords()
	if err := report.WriteCurves(filepath.Join(dir, "curves.parquet"), curves, meta); err != nil {
		return nil, "", err
	}
	if err := report.WriteKeywords(filepath.Join(dir, "keywords.parquet"), kws, meta); err != nil {
		return nil, "", err
	}
	reactions := acc.Reactions(curves)
	if err := writeReactions(dir, reactions, meta); err != nil {
		return nil, "", err
	}
	link := linkOf(v.key, known)
	title := link.Title
	charts, err := report.WriteVideoCharts(dir, report.VideoCharts{Title: title, Curves: curves, Keywords: kws,
		Reactions: reactions, TopKeywords: eng.params.TopKeywords}, eng.charts)
	if err != nil {
		return nil, "", err
	}

	sum.Source, sum.Aid, sum.Cid = info.Source, info.Aid, info.Cid
	skippedTotal := 0
	for _, n := range rs.Skipped {
		skippedTotal += n
	}
	sum.Counts = report.Counts{Items: rs.Items, Danmaku: dw.Rows(), Skipped: rs.Skipped, SkippedTotal: skippedTotal,
		Ignored: rs.Ignored, NegativeProgress: acc.NegativeProgress(), Excluded: reactions.Excluded, Analysed: acc.Count()}
	sum.DurationMs, sum.BucketMs, sum.Buckets = curves.DurationMs, curves.BucketMs, len(curves.Buckets)
	sum.Sentiment = report.SentimentOf(acc.Overall())
	sum.TopKeywords = report.TopKeywords(kws, eng.params.TopKeywords)
	sum.Reactions = report.ReactionsOf(reactions)
	sum.Parameters = []byte(eng.paramsJSON)
	sum.Render = eng.render
	if err := report.WriteSummary(filepath.Join(dir, "summary.json"), sum); err != nil {
		return nil, "", err
	}
	eng.run.add(acc.Partial(v.key, info.Source, curves, kws, reactions))
	page := report.VideoPage{
		Summary:    sum,
		Charts:     charts,
		Keywords:   kws,
		Highlights: pageHighlights(reactions.Highlights),
		Title:      title,
		VideoURL:   link.Watch,
		NoLinks:    link.Missing,
	}
	if err := report.WriteVideoPage(filepath.Join(dir, "index.html"), page); err != nil {
		return nil, "", err
	}
	return sum, title, nil
}

// consume streams one source through annotation into the aggregates and the
// danmaku table.
func (eng *engine) consume(st fetch.Stream, an *nlp.Analyzer, acc *stats.Accumulator, dw *report.DanmakuWriter) error {
	return fetch.ForEach(st, func(rec arrow.Record) error {
		ann, err := an.Annotate(rec)
		if err != nil {
			return err
		}
		defer ann.Release()
		if err := acc.Add(ann); err != nil {
			return err
		}
		if err := dw.Write(ann); err != nil {
			return err
		}
		eng.log.add(int(ann.NumRows()))
		return nil
	})
}

// describe returns the provenance of a source: for files, name, size and
// SHA-256; for fetched sources, the size and SHA-256 of the archived
// replies read.
func (eng *engine) describe(src fetch.Source) (report.Input, error) {
	if f, ok := src.(bilixml.File); ok {
		return report.DescribeFile(f.Path)
	}
	if p, ok := src.(fetch.Provenancer); ok {
		size, sum, err := p.Provenance()
		if err != nil {
			return report.Input{}, err
		}
		return report.Input{Name: src.Name(), Bytes: size, SHA256: sum}, nil
	}
	return report.Input{Name: src.Name()}, nil
}
