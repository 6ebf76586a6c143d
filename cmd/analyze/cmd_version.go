package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/report"
	"github.com/spf13/cobra"
)

func newVersionCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the engine version, schema versions and key libraries",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(e.stdout, "danmakuscope %s (report schema v%d, danmaku schema v%d, %s %s/%s)\n",
				report.EngineVersion, report.SchemaVersion, fetch.SchemaVersion, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			if bi, ok := debug.ReadBuildInfo(); ok {
				for _, d := range bi.Deps {
					switch d.Path {
					case "github.com/apache/arrow/go/v17", "github.com/go-ego/gse", "gonum.org/v1/gonum",
						"gonum.org/v1/plot", "github.com/parquet-go/parquet-go":
						fmt.Fprintf(e.stdout, "  %s %s\n", d.Path, d.Version)
					}
				}
			}
			return nil
		},
	}
}
