package main

import (
	"bufio"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/bilixml"
	"github.com/danmakuscope/danmakuscope/fetch/synth"
	"github.com/danmakuscope/danmakuscope/nlp"
)

// benchRun runs `analyze run` on input b.N times and reports danmaku/s
// end to end (parse, normalise, segment, score, aggregate, write Parquet,
// draw charts). The model is loaded before the timer starts.
func benchRun(b *testing.B, input string, danmaku int) {
	if _, err := loadModel(nlp.Options{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		out := b.TempDir()
		if code, _, stderr := runCLI(b, "", "run", "--progress", "none", "--out", out, input); code != exitOK {
			b.Fatalf("exit %d\n%s", code, stderr)
		}
	}
	b.ReportMetric(float64(danmaku*b.N)/time.Since(start).Seconds(), "danmaku/s")
}

func BenchmarkRunSamples(b *testing.B) {
	benchRun(b, samples, 320+3023+2122)
}

// BenchmarkRunMillion analyses one generated video of a million danmaku
// (two hours, 9-field XML, about 100 MB).
func BenchmarkRunMillion(b *testing.B) {
	path := filepath.Join(b.TempDir(), "million.xml")
	n, err := writeSynth(path, synth.Default(1, 2*3600_000, 1_000_000))
	if err != nil {
		b.Fatal(err)
	}
	benchRun(b, path, n)
}

// writeSynth writes a synthetic video as XML and returns its danmaku count.
func writeSynth(path string, cfg synth.Config) (int, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	w := bilixml.NewWriter(bw, cfg.Cid, 9)
	n := 0
	err = synth.Generate(cfg, func(d *fetch.Danmaku) error { n++; return w.Write(d) })
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		err = bw.Flush()
	}
	return n, err
}
