package main

import (
	"fmt"

	"github.com/danmakuscope/danmakuscope/report"
	"github.com/spf13/cobra"
)

func newDiffCmd(e env) *cobra.Command {
	var tolerances []string
	cmd := &cobra.Command{
		Use:   "diff [flags] BASELINE CURRENT",
		Short: "Compare two report trees; exit 1 when they differ beyond tolerance",
		Long: `diff compares two report trees written by 'analyze run', the run-level files
beside the video directories included: which videos and files exist, every column
of every Parquet row (integers and strings exactly, floats within a tolerance,
lists element by element; rows matched by key: curves by bucket, keywords by term,
highlights by rank, keywords_by_bucket by bucket and term, term_bursts by term and
start, sendtime by grain, day, weekday and hour, videos by video_key, keyness by
video_key and term, danmaku by position), summary.json field by field, and which
charts exist. Chart pixels and the machine-dependent "render" section of
summary.json are not compared.

Each difference is printed on one line naming the video directory, the file, the
row key and the column. Exit status: 0 no differences, 1 differences, 3 error
(including trees written with different report schema versions).

Tolerances: a float a matches b when |a-b| <= T * max(1, |a|, |b|).
  --tolerance 1e-6                          default for every float
  --tolerance curves.parquet:valence_mean=0.05   one column of one file
  --tolerance rank=3                        a column in any file (integers too)
  --tolerance highlights.parquet=2000       every column of one file
  --tolerance summary.json:sentiment.valence_mean=0.01`,
		Args: func(cmd *cobra.Command, args []string) error { return exactArgs(2)(cmd, args) },
		RunE: func(cmd *cobra.Command, args []string) error {
			tol := report.Tolerances{Float: report.DefaultTolerance}
			for _, s := range tolerances {
				if err := report.ParseTolerance(s, &tol); err != nil {
					return usageError{err}
				}
			}
			res, err := report.Diff(args[0], args[1], tol)
			if err != nil {
				return err
			}
			for _, d := range res.Differences {
				fmt.Fprintln(e.stdout, d)
			}
			n := len(res.Differences) + res.Omitted
			if res.Omitted > 0 {
				fmt.Fprintf(e.stdout, "… and %d more differences not listed\n", res.Omitted)
			}
			if n == 0 {
				fmt.Fprintf(e.stderr, "no differences (%d videos, %d files compared)\n", res.Videos, res.Files)
				return nil
			}
			fmt.Fprintf(e.stderr, "%d differences (%d videos, %d files compared)\n", n, res.Videos, res.Files)
			return errDifferences
		},
	}
	cmd.Flags().StringArrayVar(&tolerances, "tolerance", nil, "float tolerance, or [file:]column=T for one column (repeatable)")
	return cmd
}
