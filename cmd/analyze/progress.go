package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// logger owns stderr for a run: progress (a bar on a terminal, plain lines
// otherwise, or nothing), warnings and errors. It is safe for concurrent use
// by the workers. Warnings and errors are printed in every mode.
type logger struct {
	mu      sync.Mutex
	w       io.Writer
	mode    string // "bar", "plain" or "none"
	bar     *progressbar.ProgressBar
	danmaku int64
	last    time.Time
}

// plainInterval is how often plain mode reports progress within a video.
const plainInterval = 10 * time.Second

func newLogger(e env, mode string) *logger {
	if mode == "auto" {
		mode = "plain"
		if e.terminal {
			mode = "bar"
		}
	}
	return &logger{w: e.stderr, mode: mode, last: time.Now()}
}

// start announces how many videos the run will analyse.
func (l *logger) start(videos int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch l.mode {
	case "bar":
		l.bar = progressbar.NewOptions(videos,
			progressbar.OptionSetWriter(l.w),
			progressbar.OptionSetDescription("analysing"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetItsString("videos"),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSetWidth(30),
		)
	case "plain":
		fmt.Fprintf(l.w, "analysing %d videos\n", videos)
	}
}

// add records n more danmaku processed.
func (l *logger) add(n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.danmaku += int64(n)
	if time.Since(l.last) < 200*time.Millisecond {
		return
	}
	switch l.mode {
	case "bar":
		l.last = time.Now()
		l.bar.Describe(fmt.Sprintf("analysing (%d danmaku)", l.danmaku))
	case "plain":
		if time.Since(l.last) >= plainInterval {
			l.last = time.Now()
			fmt.Fprintf(l.w, "… %d danmaku so far\n", l.danmaku)
		}
	}
}

// videoDone reports a finished video.
func (l *logger) videoDone(msg string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch l.mode {
	case "bar":
		l.bar.Add(1)
	case "plain":
		fmt.Fprintln(l.w, msg)
	}
}

// print writes a line above the bar (clearing it first).
func (l *logger) print(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.bar != nil {
		l.bar.Clear()
	}
	fmt.Fprintln(l.w, line)
}

func (l *logger) warn(msg string)  { l.print("warning: " + msg) }
func (l *logger) error(msg string) { l.print("error: " + msg) }

// info prints a line unless progress is off.
func (l *logger) info(msg string) {
	if l.mode != "none" {
		l.print(msg)
	}
}

// finish removes the bar.
func (l *logger) finish() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.bar != nil {
		l.bar.Finish()
		l.bar = nil
	}
}
