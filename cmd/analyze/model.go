package main

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"sync"

	"github.com/danmakuscope/danmakuscope/nlp"
)

// models caches the loaded model per options: the segmenter costs about a
// second and a hundred megabytes, so a process loads it once, however many
// commands it runs (tests run many).
var models sync.Map // modelKey(options) → *modelOnce

type modelOnce struct {
	once  sync.Once
	model *nlp.Model
	err   error
}

// modelKey identifies options by value: the user lexicons by name, format
// and content.
func modelKey(opt nlp.Options) string {
	var b strings.Builder
	fmt.Fprintf(&b, "nohmm=%t", opt.NoHMM)
	for _, u := range opt.Lexicons {
		fmt.Fprintf(&b, "|%q:%s:%x", u.Name, u.Format, sha256.Sum256(u.Data))
	}
	return b.String()
}

// loadModel returns the process's model for opt, loading it on first use.
func loadModel(opt nlp.Options) (*nlp.Model, error) {
	v, _ := models.LoadOrStore(modelKey(opt), new(modelOnce))
	m := v.(*modelOnce)
	m.once.Do(func() { m.model, m.err = nlp.Load(opt) })
	return m.model, m.err
}
