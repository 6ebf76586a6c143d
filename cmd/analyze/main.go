// Command analyze turns danmaku (the time-synced comments of Bilibili and
// similar players) into sentiment and trend reports: per video, Parquet tables
// for notebooks, PNG charts and a summary.json.
//
//	analyze run   [flags] INPUT...      one report directory per video
//	analyze fetch [flags] SOURCE...     raw danmaku from Bilibili, Just One API, Polyv
//	analyze post  [flags]               send a danmaku to a Bilibili video
//	analyze score                       stdin text lines → JSON lines
//	analyze diff  BASELINE CURRENT      compare two report trees
//	analyze version
//
// Exit codes: 0 success, 1 diff found differences, 2 usage error, 3 failure.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/danmakuscope/danmakuscope/report"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	exitOK          = 0
	exitDifferences = 1
	exitUsage       = 2
	exitFailure     = 3
)

// usageError marks an error in how the command was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// errDifferences is returned by diff when the trees differ; it carries no
// message of its own (the differences were printed).
var errDifferences = errors.New("differences found")

// env is what a command sees of the process: streams, environment,
// whether stderr is a terminal, and how fonts are found. Tests fill it with
// buffers and fakes.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	terminal       bool
	findFont       func(explicit string, getenv func(string) string) (*report.Font, error)
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	e := env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, terminal: isTerminal(os.Stderr),
		findFont: report.FindFont}
	os.Exit(execute(ctx, e, os.Args[1:]))
}

// execute runs one command line and returns the exit code.
func execute(ctx context.Context, e env, args []string) int {
	root := newRootCmd(e)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errDifferences):
		return exitDifferences
	case errors.As(err, new(usageError)):
		fmt.Fprintf(e.stderr, "analyze: %v\nRun 'analyze --help' for usage.\n", err)
		return exitUsage
	default:
		fmt.Fprintf(e.stderr, "analyze: %v\n", err)
		return exitFailure
	}
}

func newRootCmd(e env) *cobra.Command {
	root := &cobra.Command{
		Use:   "analyze",
		Short: "Sentiment and trend analytics for danmaku",
		Long: `analyze turns danmaku (the time-synced comments of Bilibili and similar players)
into per-video reports: Parquet tables for notebooks (danmaku, curves, keywords),
PNG charts and a summary.json.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{fmt.Errorf("unknown command %q", args[0])}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newRunCmd(e), newFetchCmd(e), newPostCmd(e), newScoreCmd(e), newDiffCmd(e), newVersionCmd(e))
	return root
}

// exactArgs is cobra.ExactArgs returning a usage error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}
