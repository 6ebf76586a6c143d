package eval

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/danmakuscope/danmakuscope/nlp"
)

// ourSet is our own labeled danmaku test set (see its README).
var ourSet = filepath.Join("..", "..", "testdata", "eval", "danmaku.tsv")

// The figures measured on ourSet when the lexicon was written, and the
// margin a change may lose before this test fails. A change that moves them
// up should raise them here, in the same commit.
const (
	measuredPolarAccuracy   = 0.9399 // pos/neg texts, a neu prediction counted as a miss
	measuredPolarityMacroF1 = 0.8895 // pos/neg/neu
	measuredEmotionAccuracy = 0.9050 // eight classes (seven emotions and none)
	measuredCoverage        = 0.9109
	margin                  = 0.03
)

// TestOurDanmakuSet fails when accuracy on our labeled danmaku falls below
// the measured figures minus the margin.
func TestOurDanmakuSet(t *testing.T) {
	m, err := nlp.Load(nlp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	read := func(label string) *Set {
		f, err := os.Open(ourSet)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		s, err := Read(f, ourSet, ReadOptions{LabelColumn: label})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Items) < 500 {
			t.Fatalf("%d labeled texts, want at least 500", len(s.Items))
		}
		return s
	}
	pol := Evaluate(read("label"), m.NewAnalyzer(), Options{Misses: 10})
	emo := Evaluate(read("emotion"), m.NewAnalyzer(), Options{Misses: 10})
	checks := []struct {
		name     string
		got      Float
		measured float64
	}{
		{"polarity accuracy on pos/neg texts", pol.Polar.Accuracy, measuredPolarAccuracy},
		{"polarity macro-F1", pol.MacroF1, measuredPolarityMacroF1},
		{"emotion accuracy", emo.Accuracy, measuredEmotionAccuracy},
		{"lexicon coverage", pol.Coverage, measuredCoverage},
	}
	for _, c := range checks {
		t.Logf("%s: %.4f (measured %.4f)", c.name, float64(c.got), c.measured)
		if float64(c.got) < c.measured-margin {
			t.Errorf("%s fell to %.4f, below the measured %.4f minus %.2f", c.name, float64(c.got), c.measured, margin)
		}
	}
	if t.Failed() {
		for _, r := range []*Report{pol, emo} {
			for _, m := range r.Misses {
				t.Logf("miss line %d: gold %s, predicted %s: %s", m.Line, m.Gold, m.Predicted, m.Text)
			}
		}
	}
}
