package eval

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/danmakuscope/danmakuscope/nlp"
)

// fakeScorer answers from a table keyed by text.
type fakeScorer map[string]nlp.Result

func (f fakeScorer) Analyze(text string) nlp.Result { return f[text] }

func polarity(v float64, hits int) nlp.Result {
	return nlp.Result{Valence: v, Label: nlp.LabelOf(v), Hits: hits}
}

func emotion(e nlp.Emotion, score, v float64) nlp.Result {
	r := nlp.Result{Valence: v, Label: nlp.LabelOf(v), Emotion: e, Hits: 1}
	if e != nlp.NoEmotion {
		r.Emotions[e-1] = score
	} else {
		r.Hits = 0
	}
	return r
}

func set(task Task, rows ...string) *Set {
	s := &Set{Name: "t", Task: task}
	for i := 0; i+1 < len(rows); i += 2 {
		s.Items = append(s.Items, Item{Line: i/2 + 2, Text: rows[i], Label: rows[i+1]})
	}
	return s
}

func near(a Float, b float64) bool { return math.Abs(float64(a)-b) < 1e-12 }

func TestEvaluatePolarity(t *testing.T) {
	s := set(Polarity,
		"a", "pos", "b", "pos", "c", "pos", "d", "neg", "e", "neg", "f", "neu")
	sc := fakeScorer{
		"a": polarity(0.8, 2),  // pos ✓
		"b": polarity(0.05, 1), // neu ✗ (undecided)
		"c": polarity(-0.3, 1), // neg ✗
		"d": polarity(-0.9, 1), // neg ✓
		"e": polarity(0, 0),    // neu ✗ (no hit)
		"f": polarity(0, 0),    // neu ✓
	}
	r := Evaluate(s, sc, Options{})
	// Confusion (rows gold pos, neg, neu; columns pos, neg, neu):
	//   pos: 1 1 1    neg: 0 1 1    neu: 0 0 1
	want := [][]int{{1, 1, 1}, {0, 1, 1}, {0, 0, 1}}
	for i := range want {
		for j := range want[i] {
			if r.Confusion.Counts[i][j] != want[i][j] {
				t.Fatalf("confusion %v, want %v", r.Confusion.Counts, want)
			}
		}
	}
	if !near(r.Accuracy, 3.0/6) || !near(r.Coverage, 4.0/6) || r.Texts != 6 || r.Gold["pos"] != 3 {
		t.Errorf("accuracy %v coverage %v texts %d gold %v", r.Accuracy, r.Coverage, r.Texts, r.Gold)
	}
	// pos: P 1/1 R 1/3 F1 0.5; neg: P 1/2 R 1/2 F1 0.5; neu: P 1/3 R 1 F1 0.5.
	if !near(r.MacroF1, 0.5) {
		t.Errorf("macro-F1 %v, want 0.5 (%+v)", r.MacroF1, r.Classes)
	}
	if c := r.Classes[0]; c.Class != "pos" || c.Support != 3 || !near(c.Precision, 1) || !near(c.Recall, 1.0/3) || !near(c.F1, 0.5) {
		t.Errorf("pos scores %+v", c)
	}
	// Polar: 5 texts; decided a, c, d (3); correct a, d.
	if p := r.Polar; p.Texts != 5 || !near(p.Accuracy, 2.0/5) || !near(p.Decided, 3.0/5) || !near(p.DecidedAccuracy, 2.0/3) || !near(p.Coverage, 4.0/5) {
		t.Errorf("polar %+v", p)
	}
	// Misses: c (confidence 0.3), b (0.05), e (0) – most confident first.
	if len(r.Misses) != 3 || r.Misses[0].Text != "c" || r.Misses[1].Text != "b" || r.Misses[2].Text != "e" || r.Misses[0].Line != 4 {
		t.Errorf("misses %+v", r.Misses)
	}
	if r := Evaluate(s, sc, Options{Misses: 1}); len(r.Misses) != 1 {
		t.Errorf("Misses: 1 listed %d", len(r.Misses))
	}
	if r := Evaluate(s, sc, Options{Misses: -1}); len(r.Misses) != 0 {
		t.Errorf("Misses: -1 listed %d", len(r.Misses))
	}
}

func TestEvaluateEmotion(t *testing.T) {
	s := set(Emotion,
		"laugh", "joy", "moved", "joy", "sad", "sorrow", "mad", "anger", "scared", "surprise", "wow", "surprise", "meh", "none", "tears", "sorrow")
	sc := fakeScorer{
		"laugh":  emotion(nlp.Joy, 0.6, 0.6),
		"moved":  emotion(nlp.Like, 0.5, 0.5),     // like → joy (the set has no like)
		"sad":    emotion(nlp.NoEmotion, 0, -0.4), // none, but valence decides the polar side
		"mad":    emotion(nlp.Disgust, 0.7, -0.7), // disgust → anger
		"scared": emotion(nlp.Fear, 0.5, -0.5),    // fear → surprise
		"wow":    emotion(nlp.Surprise, 0.4, 0),   // ✓
		"meh":    emotion(nlp.Joy, 0.2, 0.2),      // ✗ joy for none
		"tears":  emotion(nlp.Sorrow, 0.4, 0.3),   // sorrow ✓; polar side from the emotion, not valence
	}
	r := Evaluate(s, sc, Options{})
	if !near(r.Accuracy, 6.0/8) {
		t.Errorf("accuracy %v, want 6/8; confusion %+v", r.Accuracy, r.Confusion)
	}
	wantCols := []string{"joy", "sorrow", "anger", "surprise", "none"}
	if strings.Join(r.Confusion.Predicted, ",") != strings.Join(wantCols, ",") {
		t.Errorf("columns %v, want %v", r.Confusion.Predicted, wantCols)
	}
	// Polar texts: laugh, moved, sad, mad, tears (5), all on the right side.
	if p := r.Polar; p.Texts != 5 || !near(p.Accuracy, 1) || !near(p.Decided, 1) {
		t.Errorf("polar %+v", p)
	}
	// Without none in the set, a none prediction is its own column.
	s7 := set(Emotion, "x", "like", "y", "fear")
	r7 := Evaluate(s7, fakeScorer{"x": emotion(nlp.Like, 0.5, 0.5), "y": emotion(nlp.NoEmotion, 0, 0)}, Options{})
	if got := strings.Join(r7.Confusion.Predicted, ","); got != "like,fear,none" || !near(r7.Accuracy, 0.5) {
		t.Errorf("columns %s, accuracy %v", got, r7.Accuracy)
	}
	if !near(r7.Polar.Accuracy, 0.5) || !near(r7.Polar.Decided, 0.5) {
		t.Errorf("polar %+v: the undecided text is a miss", r7.Polar)
	}
}

func TestReportOutputs(t *testing.T) {
	s := set(Polarity, "好", "pos", "坏\t了", "neg")
	r := Evaluate(s, fakeScorer{"好": polarity(0.5, 1), "坏\t了": polarity(0.2, 1)}, Options{})
	var text bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"t: 2 texts, polarity labels (pos 1, neg 1)", "accuracy: 0.5000", "line 3: gold neg, predicted pos", "坏 了"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, text.String())
		}
	}
	var js bytes.Buffer
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatalf("%v\n%s", err, js.String())
	}
	if back["task"] != "polarity" || back["accuracy"] != 0.5 {
		t.Errorf("JSON report %v", back)
	}
	// An undefined figure is null, not NaN (which JSON cannot hold).
	empty := Evaluate(set(Emotion, "x", "none"), fakeScorer{}, Options{})
	js.Reset()
	if err := empty.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"decided_accuracy": null`) {
		t.Errorf("undefined figure not null:\n%s", js.String())
	}
}

func TestClip(t *testing.T) {
	long := strings.Repeat("好", maxMissRunes+5)
	if got := clip(long); !strings.HasSuffix(got, "…") || len([]rune(got)) != maxMissRunes+1 {
		t.Errorf("clip of %d runes = %d runes", maxMissRunes+5, len([]rune(got)))
	}
	if got := clip("a\nb"); got != "a b" {
		t.Errorf("clip(a\\nb) = %q", got)
	}
}
