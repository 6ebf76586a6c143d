package nlp

import (
	"sync"
	"testing"
)

// The Model costs about a second and 130 MB: load each variant once per
// test binary.
var (
	modelOnce, noHMMOnce sync.Once
	testModel, testNoHMM *Model
	modelErr, noHMMErr   error
)

func loadTestModel(tb testing.TB) *Model {
	tb.Helper()
	modelOnce.Do(func() { testModel, modelErr = Load(Options{}) })
	if modelErr != nil {
		tb.Fatalf("Load: %v", modelErr)
	}
	return testModel
}

func loadNoHMMModel(tb testing.TB) *Model {
	tb.Helper()
	noHMMOnce.Do(func() { testNoHMM, noHMMErr = Load(Options{NoHMM: true}) })
	if noHMMErr != nil {
		tb.Fatalf("Load(NoHMM): %v", noHMMErr)
	}
	return testNoHMM
}
