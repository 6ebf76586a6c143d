package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/files"
	"github.com/danmakuscope/danmakuscope/report"
)

// fetchOptions are the flags of `analyze fetch`.
type fetchOptions struct {
	net       netOptions
	out       string
	progress  string
	batchSize int
}

func newFetchCmd(e env) *cobra.Command {
	o := fetchOptions{}
	cmd := &cobra.Command{
		Use:   "fetch [flags] SOURCE...",
		Short: "Fetch danmaku from Bilibili, Just One API or Polyv; write raw Parquet and the raw replies",
		Long: `fetch downloads the danmaku of each SOURCE and writes, for each video, a directory
under --out holding raw.parquet (one row per danmaku in the canonical schema, no
analysis), fetch.json (what was fetched, skipped and noted) and archive/ (every
reply as received, personal data removed).

Every reply is archived before it is decoded: a fetch that is interrupted
(Ctrl-C, a crash) and started again asks the services only for what is missing,
and the result has every danmaku once. Videos are fetched --concurrency at a
time; one that fails does not stop the others, unless the failure is the
credentials' (an invalid token, a wrong signature), which stops the run. The
run ends with a table of every video on stdout and exits 3 if any failed.

` + sourceHelp + `

` + netHelp + `

  analyze fetch bilibili:BV1xx411c7mD --out raw
  JUSTONEAPI_TOKEN=… analyze fetch justoneapi:aid=2,cid=62131 --out raw
  analyze fetch @videos.txt --concurrency 8 --out raw`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{fmt.Errorf("fetch needs at least one SOURCE")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := o.net.validate(); err != nil {
				return usageError{err}
			}
			if err := checkProgress(o.progress); err != nil {
				return err
			}
			return runFetch(cmd.Context(), e, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.out, "out", "o", "danmaku-raw", "directory to write raw.parquet, fetch.json and the archive of each video into")
	f.StringVar(&o.progress, "progress", "auto", "progress on stderr: auto, bar, plain or none")
	f.IntVar(&o.batchSize, "batch-size", 0, "rows per record batch (0: 8192)")
	addNetFlags(f, &o.net)
	return cmd
}

func checkProgress(mode string) error {
	switch mode {
	case "auto", "bar", "plain", "none":
		return nil
	}
	return usageError{fmt.Errorf("--progress %q: want auto, bar, plain or none", mode)}
}

// gather turns the inputs into sources: files as before, network SOURCEs
// resolved and fetched into the archive under out. It returns the fetch
// results (nil without network SOURCEs); failed fetches are not among the
// sources.
func gather(ctx context.Context, e env, o *netOptions, out string, args []string, log *logger) ([]fetch.Source, []fetchResult, *clients, error) {
	in, err := classifyInputs(args)
	if err != nil {
		return nil, nil, nil, usageError{err}
	}
	var sources []fetch.Source
	if len(in.paths) > 0 {
		if sources, err = files.Expand(in.paths); err != nil {
			return nil, nil, nil, err
		}
	}
	if len(in.specs) == 0 {
		return sources, nil, nil, nil
	}
	history, _ := o.history()
	cl, err := newClients(o, in.specs, e.getenv, func(err error, wait time.Duration) {
		log.info(fmt.Sprintf("retrying in %s: %v", wait.Round(time.Millisecond), err))
	})
	if err != nil {
		return nil, nil, nil, usageError{err}
	}
	f := &fetcher{opt: o, cl: cl, out: out, history: history, log: log, prog: newFetchProgress(log)}
	results := f.fetchAll(ctx, in.specs)
	seen := map[string]bool{}
	for _, r := range results {
		if r.state != "ok" {
			continue
		}
		id := fmt.Sprintf("%s|%T", r.key, r.remote)
		if seen[id] {
			continue // the same video named twice: fetched once, read once
		}
		seen[id] = true
		sources = append(sources, r.remote)
	}
	return sources, results, cl, nil
}

func runFetch(ctx context.Context, e env, o fetchOptions, args []string) error {
	log := newLogger(e, o.progress)
	sources, results, cl, err := gather(ctx, e, &o.net, o.out, args, log)
	if err != nil {
		return err
	}
	if results != nil {
		printFetchTable(e.stdout, results, cl.redact)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted (run the same command again to resume): %w", err)
	}
	videos, bad, err := groupVideos(ctx, sources, false)
	if err != nil {
		return err
	}
	for _, err := range bad {
		log.error(err.Error())
	}
	params, _ := json.Marshal(map[string]any{"bilibili_format": o.net.format, "history_from": o.net.historyFrom, "history_to": o.net.historyTo})
	failed := 0
	for _, v := range videos {
		if ctx.Err() != nil {
			break
		}
		if err := writeRaw(ctx, o, v, string(params), results, log); err != nil {
			failed++
			log.error(fmt.Sprintf("%s: %v", v.key, err))
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted (run the same command again to resume): %w", err)
	}
	fetchFailed := len(failures(results))
	switch {
	case fetchFailed > 0 || failed > 0 || len(bad) > 0:
		return fmt.Errorf("%w: %d of %d videos could not be fetched, %d could not be written, %d inputs could not be read (see above)",
			errFetchFailed, fetchFailed, len(results), failed, len(bad))
	}
	return nil
}

// fetchRecord is fetch.json: what one video's raw.parquet was made from.
type fetchRecord struct {
	VideoKey string          `json:"video_key"`
	Sources  []fetchedSource `json:"sources"`
	Counts   rawCounts       `json:"counts"`
	Skips    []fetch.Skip    `json:"skips,omitempty"`
}

type fetchedSource struct {
	Name  string            `json:"name"`
	Fetch *fetch.FetchStats `json:"fetch,omitempty"`
	Read  fetch.ReadStats   `json:"read"`
}

type rawCounts struct {
	Items        int            `json:"items"`
	Danmaku      int64          `json:"danmaku"`
	Skipped      map[string]int `json:"skipped"`
	SkippedTotal int            `json:"skipped_total"`
}

// writeRaw writes one video's raw.parquet and fetch.json.
func writeRaw(ctx context.Context, o fetchOptions, v video, params string, results []fetchResult, log *logger) error {
	dir := filepath.Join(o.out, v.dir)
	w, err := report.NewRawWriter(filepath.Join(dir, "raw.parquet"), report.Meta{VideoKey: v.key, Params: params})
	if err != nil {
		return err
	}
	committed := false
	defer func() {
		if !committed {
			w.Abort()
		}
	}()
	rec := fetchRecord{VideoKey: v.key, Counts: rawCounts{Skipped: map[string]int{}}}
	dedupe := fetch.NewIDSet()
	for _, src := range v.sources {
		fs := fetchedSource{Name: src.Name()}
		for i := range results {
			if results[i].remote == src {
				fs.Fetch = &results[i].stats
			}
		}
		warned := 0
		st, err := src.Open(ctx, fetch.Options{BatchSize: o.batchSize, Dedupe: dedupe, OnSkip: func(s fetch.Skip) {
			if len(rec.Skips) < report.MaxSkipsListed {
				rec.Skips = append(rec.Skips, s)
			}
			if s.Reason != "duplicate_dmid" {
				if warned++; warned <= maxSkipWarnings {
					log.warn("skipped " + s.String())
				}
			}
		}})
		if err != nil {
			return err
		}
		err = fetch.ForEach(st, w.Write)
		fs.Read = st.Stats()
		st.Close()
		if err != nil {
			return err
		}
		rec.Sources = append(rec.Sources, fs)
		rec.Counts.Items += fs.Read.Items
		for k, n := range fs.Read.Skipped {
			rec.Counts.Skipped[k] += n
			rec.Counts.SkippedTotal += n
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	committed = true
	rec.Counts.Danmaku = w.Rows()
	return report.WriteJSON(filepath.Join(dir, "fetch.json"), rec)
}
