package main

import (
	"encoding/json"
	"fmt"
	"runtime"
	"time"

	"github.com/danmakuscope/danmakuscope/nlp"
	"github.com/danmakuscope/danmakuscope/report"
	"github.com/danmakuscope/danmakuscope/stats"
	"github.com/spf13/cobra"
)

// Params are the settings that shape the analysis. They are recorded in
// summary.json and in every Parquet file, and round-trip through JSON, so a
// distributed runner can ship them to workers unchanged.
type Params struct {
	// BucketMs is the bucket width in milliseconds; 0 picks a readable width
	// from each video's length.
	BucketMs int64 `json:"bucket_ms"`
	// Strict makes any damaged input an error instead of a counted skip.
	Strict bool `json:"strict"`
	// NoHMM segments with the dictionary only.
	NoHMM bool `json:"no_hmm"`
	// TopKeywords is how many keywords the chart and summary.json show.
	TopKeywords int `json:"top_keywords"`
	// Lexicons are the user lexicons, by format and content digest.
	Lexicons []lexiconRef `json:"lexicons,omitempty"`
	// Reactions configure the reaction analytics (highlights, flood
	// control, smoothing, keyword dynamics, send-time trends).
	Reactions reactionParams `json:"reactions"`
}

// runOptions are the flags of `analyze run`: the Params plus settings that
// do not change the analysis.
type runOptions struct {
	Params
	bucket    time.Duration
	reactions reactionFlags
	out       string
	font      string
	workers   int
	batchSize int
	progress  string
	net       netOptions
	lexicons  lexiconFlags
}

func newRunCmd(e env) *cobra.Command {
	o := runOptions{}
	cmd := &cobra.Command{
		Use:   "run [flags] INPUT...",
		Short: "Analyse danmaku files or fetched videos; write one report directory per video",
		Long: `run reads danmaku from files and directories (Bilibili XML: plain, gzip, zlib or
raw deflate, recognised by content; directories are walked for *.xml, *.gz,
*.zlib, *.deflate and *.so files) and writes, for each video, a directory under
--out holding danmaku.parquet, curves.parquet, keywords.parquet,
highlights.parquet, keywords_by_bucket.parquet, term_bursts.parquet,
sendtime.parquet (when send times are known), summary.json and
charts/{density,sentiment,keywords}.png; and beside them videos.parquet and
keywords.parquet for the whole run, with keyness.parquet and charts/videos.png
comparing the videos when there are two or more.

Highlights are found on the danmaku density after flood control (one user's
danmaku beyond --flood-threshold per --flood-window count less), leaving out
subtitle-pool and advanced/code danmaku (--keep-special keeps them) and ritual
bursts at the start and end (--include-rituals reports them, marked).

Inputs with the same video (the same <chatid>) are merged into one report,
each danmaku kept once. Damaged danmaku are skipped, warned about on stderr and
counted in summary.json; --strict makes damage an error instead.

Charts need a font with Chinese glyphs: --font FILE, else $DANMAKUSCOPE_FONT,
else the usual system fonts (e.g. Debian/Ubuntu: apt-get install fonts-noto-cjk).
Without one the run still succeeds, but Chinese text is missing from the charts.

INPUTs may also be network SOURCEs: they are fetched first (see below and
'analyze fetch --help'), their replies archived in <out>/<video>/archive/ so that
a run started again resumes the fetch, then analysed like files. A video that
could not be fetched is listed in the fetch table and makes the run exit 3.

` + sourceHelp + `

` + netHelp + `

  analyze run testdata/samples --out report-out
  analyze run --bucket 10s --out out video1.xml video2.xml.gz
  analyze run bilibili:BV1xx411c7mD --out report-out`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{fmt.Errorf("run needs at least one INPUT (a danmaku file, a directory or a SOURCE)")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.bucket < 0 || (o.bucket > 0 && o.bucket < time.Millisecond) {
				return usageError{fmt.Errorf("--bucket %v: want a positive duration such as 5s or 1m", o.bucket)}
			}
			if o.workers < 0 {
				return usageError{fmt.Errorf("--workers %d: want 0 (automatic) or more", o.workers)}
			}
			switch o.progress {
			case "auto", "bar", "plain", "none":
			default:
				return usageError{fmt.Errorf("--progress %q: want auto, bar, plain or none", o.progress)}
			}
			if err := o.net.validate(); err != nil {
				return usageError{err}
			}
			o.BucketMs = o.bucket.Milliseconds()
			ro, err := o.Reactions.resolve(o.reactions)
			if err != nil {
				return usageError{err}
			}
			return runAnalyze(cmd, e, o, ro, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.out, "out", "o", "danmaku-report", "directory to write the report tree into")
	f.DurationVar(&o.bucket, "bucket", 0, "bucket width over video time, e.g. 5s (default: from the video length, 100–300 buckets)")
	f.BoolVar(&o.Strict, "strict", false, "treat any damaged input as an error instead of skipping the damaged danmaku")
	f.StringVar(&o.font, "font", "", "font file with Chinese glyphs for the charts (.ttf, .otf or .ttc)")
	f.IntVar(&o.TopKeywords, "top-keywords", 20, "keywords shown in keywords.png and summary.json")
	f.BoolVar(&o.NoHMM, "no-hmm", false, "segment with the dictionary only (no HMM guessing of unknown words)")
	f.IntVar(&o.workers, "workers", 0, "videos analysed at once (0: one per CPU, at most 4)")
	f.IntVar(&o.batchSize, "batch-size", 0, "rows per record batch (0: 8192)")
	f.StringVar(&o.progress, "progress", "auto", "progress on stderr: auto (a bar on a terminal, lines otherwise), bar, plain or none")
	addNetFlags(f, &o.net)
	o.lexicons.register(f)
	addReactionFlags(cmd, &o.Reactions, &o.reactions)
	return cmd
}

// runAnalyze loads the shared resources once, groups the inputs into videos
// and analyses them.
func runAnalyze(cmd *cobra.Command, e env, o runOptions, ro stats.ReactionOptions, inputs []string) error {
	ctx := cmd.Context()
	log := newLogger(e, o.progress)
	sources, fetched, cl, err := gather(ctx, e, &o.net, o.out, inputs, log)
	if err != nil {
		return err
	}
	if fetched != nil {
		printFetchTable(e.stderr, fetched, cl.redact)
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("interrupted while fetching (run the same command again to resume): %w", err)
		}
	}
	user, err := o.lexicons.read()
	if err != nil {
		return err
	}
	model, err := loadModel(nlp.Options{NoHMM: o.NoHMM, Lexicons: user})
	if err != nil {
		return err
	}
	log.info(fmt.Sprintf("loaded segmenter and lexicons in %s", model.LoadTime().Round(time.Millisecond)))
	for _, n := range lexiconNotes(user, model.Lexicons()) {
		if n.warn {
			log.warn(n.msg)
		} else {
			log.info(n.msg)
		}
	}
	o.Lexicons = lexiconRefs(model.Lexicons())
	font, err := e.findFont(o.font, e.getenv)
	if err != nil {
		return err
	}
	render := report.Render{}
	if font != nil {
		render = report.Render{Font: font.Name, FontFile: font.Path, CJK: true}
	} else {
		render.Warning = "no font with Chinese glyphs found: Chinese text is left out of the charts; install one (Debian/Ubuntu: apt-get install fonts-noto-cjk) or pass --font FILE or set " + report.FontEnv
		log.warn(render.Warning)
	}
	params, err := json.Marshal(o.Params)
	if err != nil {
		return err
	}
	eng := &engine{
		model:      model,
		params:     o.Params,
		paramsJSON: string(params),
		out:        o.out,
		charts:     report.ChartOptions{Font: font},
		render:     render,
		batchSize:  o.batchSize,
		inputs:     len(sources),
		log:        log,
		reactions:  ro,
	}
	videos, bad, err := groupVideos(ctx, sources, o.Strict)
	if err != nil {
		return err
	}
	for _, err := range bad {
		log.error(err.Error())
	}
	bad = append(bad, failures(fetched)...) // already reported in the table
	eng.inputs += len(failures(fetched))
	workers := o.workers
	if workers == 0 {
		workers = min(runtime.GOMAXPROCS(0), 4)
	}
	return eng.runAll(ctx, videos, len(bad), workers)
}
