package main

import (
	"sync"

	"github.com/danmakuscope/danmakuscope/nlp"
)

// models caches the loaded model per options: the segmenter costs about a
// second and a hundred megabytes, so a process loads it once, however many
// commands it runs (tests run many).
var models sync.Map // nlp.Options → *modelOnce

type modelOnce struct {
	once  sync.Once
	model *nlp.Model
	err   error
}

// loadModel returns the process's model for opt, loading it on first use.
func loadModel(opt nlp.Options) (*nlp.Model, error) {
	v, _ := models.LoadOrStore(opt, new(modelOnce))
	m := v.(*modelOnce)
	m.once.Do(func() { m.model, m.err = nlp.Load(opt) })
	return m.model, m.err
}
