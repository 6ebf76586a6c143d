// Command gencorpus writes synthetic Bilibili danmaku XML files for tests,
// benchmarks and demos. Output is a pure function of the flags: the same
// seed gives the same bytes. Each video has three planted bursts (laughter,
// praise, hype) with their emotions, a negative passage, ritual bursts at the
// start and end, a flooding user and a term bursting at a known time (see
// synth.Default); the truth is written next to the XML as <name>.truth.json.
//
//	go run ./cmd/gencorpus -out /tmp/big -videos 1 -danmaku 1000000 -minutes 120
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/bilixml"
	"github.com/danmakuscope/danmakuscope/fetch/synth"
)

func main() {
	out := flag.String("out", "", "directory to write the XML files into (required)")
	videos := flag.Int("videos", 1, "number of videos")
	n := flag.Int("danmaku", 3000, "approximate danmaku per video")
	minutes := flag.Float64("minutes", 12, "video length in minutes")
	seed := flag.Uint64("seed", 1, "seed of the first video; video i uses seed+i")
	fields := flag.Int("fields", 9, "fields in the p attribute: 8 (older files) or 9")
	flag.Parse()
	if *out == "" || *videos < 1 || *n < 0 || *minutes <= 0 || (*fields != 8 && *fields != 9) || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus -out DIR [-videos N] [-danmaku N] [-minutes M] [-seed S] [-fields 8|9]")
		os.Exit(2)
	}
	if err := run(*out, *videos, *n, *minutes, *seed, *fields); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(3)
	}
}

func run(out string, videos, n int, minutes float64, seed uint64, fields int) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for i := 0; i < videos; i++ {
		cfg := synth.Default(seed+uint64(i), int64(minutes*60_000), n)
		name := filepath.Join(out, fmt.Sprintf("synth-%d.xml", cfg.Cid))
		count, err := writeVideo(name, cfg, fields)
		if err != nil {
			return err
		}
		truth, err := json.MarshalIndent(cfg, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(name[:len(name)-len(".xml")]+".truth.json", append(truth, '\n'), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s: %d danmaku\n", name, count)
	}
	return nil
}

func writeVideo(name string, cfg synth.Config, fields int) (int, error) {
	f, err := os.Create(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	w := bilixml.NewWriter(bw, cfg.Cid, fields)
	count := 0
	err = synth.Generate(cfg, func(d *fetch.Danmaku) error {
		count++
		return w.Write(d)
	})
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Close()
	}
	return count, err
}
