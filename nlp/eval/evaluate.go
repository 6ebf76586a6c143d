package eval

import (
	"cmp"
	"math"
	"slices"

	"github.com/danmakuscope/danmakuscope/nlp"
)

// Scorer analyses one text; *nlp.Analyzer is one.
type Scorer interface {
	Analyze(text string) nlp.Result
}

// Options configure [Evaluate]. The zero value lists DefaultMisses misses.
type Options struct {
	// Misses is how many of the worst misses to list; 0 means
	// DefaultMisses, a negative number none.
	Misses int
}

// DefaultMisses is the number of worst misses listed by default.
const DefaultMisses = 20

// Report is the outcome of an evaluation. Shares and scores are in [0, 1];
// a figure that is undefined (no texts of its kind) is NaN in Go and null in
// JSON.
type Report struct {
	Set  string `json:"set"`
	Task Task   `json:"task"`
	// Texts is the number of labeled texts; Gold counts them per class.
	Texts int            `json:"texts"`
	Gold  map[string]int `json:"gold"`

	// Coverage is the share of texts with at least one lexicon hit (a
	// scored word, emoji or emote).
	Coverage Float `json:"coverage"`

	// Accuracy is the share of texts whose predicted class is the gold
	// class, over all classes of the set; MacroF1 the unweighted mean of
	// the F1 of the gold classes.
	Accuracy Float `json:"accuracy"`
	MacroF1  Float `json:"macro_f1"`
	// Classes holds precision, recall and F1 per gold class.
	Classes []ClassScore `json:"classes"`
	// Confusion counts texts by gold class (rows) and predicted class
	// (columns).
	Confusion Confusion `json:"confusion"`

	// Polar is the two-sided figure: for a polarity set the texts labeled
	// pos or neg; for an emotion set the texts labeled with a positive
	// emotion (joy, like) or a negative one (sorrow, anger, fear, disgust),
	// joy versus sorrow or anger on danmaku.
	Polar Polar `json:"polar"`

	// Misses are the worst misses, most confident first.
	Misses []Miss `json:"misses"`
}

// Polar is the accuracy of telling positive from negative texts.
type Polar struct {
	// Texts is the number of texts of the two sides.
	Texts int `json:"texts"`
	// Accuracy counts a text the scorer does not decide (valence 0 and no
	// polar emotion; label neu for polarity) as a miss.
	Accuracy Float `json:"accuracy"`
	// Decided is the share of the texts the scorer decides; DecidedAccuracy
	// the accuracy on those.
	Decided         Float `json:"decided"`
	DecidedAccuracy Float `json:"decided_accuracy"`
	// Coverage is the share of the texts with at least one lexicon hit.
	Coverage Float `json:"coverage"`
}

// ClassScore is one gold class's precision, recall and F1.
type ClassScore struct {
	Class     string `json:"class"`
	Support   int    `json:"support"`
	Precision Float  `json:"precision"`
	Recall    Float  `json:"recall"`
	F1        Float  `json:"f1"`
}

// Confusion is a confusion matrix: Counts[i][j] texts of gold class Gold[i]
// predicted as Predicted[j].
type Confusion struct {
	Gold      []string `json:"gold"`
	Predicted []string `json:"predicted"`
	Counts    [][]int  `json:"counts"`
}

// Miss is a text whose prediction differs from its gold label.
type Miss struct {
	Line      int     `json:"line"`
	Text      string  `json:"text"`
	Gold      string  `json:"gold"`
	Predicted string  `json:"predicted"`
	Valence   float64 `json:"valence"`
	// Confidence is how sure the scorer was: |valence| for polarity, the
	// predicted emotion's score for emotions.
	Confidence float64 `json:"confidence"`
}

// Float is a float64 that encodes NaN as JSON null.
type Float float64

// MarshalJSON encodes NaN and infinities as null.
func (f Float) MarshalJSON() ([]byte, error) {
	x := float64(f)
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return []byte("null"), nil
	}
	return []byte(formatFloat(x)), nil
}

// Evaluate scores every text of set with a and compares the predictions
// with the gold labels.
func Evaluate(set *Set, a Scorer, opt Options) *Report {
	r := &Report{Set: set.Name, Task: set.Task, Texts: len(set.Items), Gold: map[string]int{}}
	classes := classOrder(set)
	for _, it := range set.Items {
		r.Gold[it.Label]++
	}
	preds := make([]prediction, len(set.Items))
	hits := 0
	for i, it := range set.Items {
		res := a.Analyze(it.Text)
		preds[i] = predict(set.Task, res, classes)
		if res.Hits > 0 {
			hits++
		}
	}
	r.Coverage = share(hits, len(set.Items))
	r.Confusion = confusion(set, preds, classes)
	correct := 0
	for i, it := range set.Items {
		if preds[i].class == it.Label {
			correct++
		}
	}
	r.Accuracy = share(correct, len(set.Items))
	r.Classes, r.MacroF1 = classScores(r.Confusion)
	r.Polar = polar(set, preds)
	r.Misses = misses(set, preds, opt)
	return r
}

// prediction is the scorer's answer for one text.
type prediction struct {
	class      string  // the predicted class, in the set's terms
	side       int     // +1 positive, -1 negative, 0 undecided
	valence    float64 // the valence
	confidence float64
	hit        bool
}

// predict maps an analysis to the set's classes. For polarity the class is
// the label. For emotions it is the dominant emotion, mapped to a class of
// the set when the set lacks it: like ↔ joy, disgust ↔ anger, fear →
// surprise (惊吓: a fright is a start); an emotion with no counterpart
// stays as it is (a miss).
func predict(task Task, res nlp.Result, classes []string) prediction {
	p := prediction{valence: res.Valence, hit: res.Hits > 0}
	switch {
	case res.Valence > 0:
		p.side = 1
	case res.Valence < 0:
		p.side = -1
	}
	if task == Polarity {
		p.class = string(res.Label)
		p.confidence = math.Abs(res.Valence)
		if res.Label == nlp.Neu {
			p.side = 0
		}
		return p
	}
	e := res.Emotion
	p.confidence = res.Emotions.Of(e)
	switch {
	case e.Positive():
		p.side = 1
	case e.Negative():
		p.side = -1
	}
	p.class = mapEmotion(e, classes)
	return p
}

// mapEmotion returns e's name, or its counterpart's when the set has no
// class e but has the counterpart.
func mapEmotion(e nlp.Emotion, classes []string) string {
	name := e.String()
	if slices.Contains(classes, name) {
		return name
	}
	var alt nlp.Emotion
	switch e {
	case nlp.Like:
		alt = nlp.Joy
	case nlp.Joy:
		alt = nlp.Like
	case nlp.Disgust:
		alt = nlp.Anger
	case nlp.Anger:
		alt = nlp.Disgust
	case nlp.Fear:
		alt = nlp.Surprise
	default:
		return name
	}
	if slices.Contains(classes, alt.String()) {
		return alt.String()
	}
	return name
}

// classOrder returns the gold classes of set in a fixed order: pos, neg,
// neu; or the emotions in column order, then none.
func classOrder(set *Set) []string {
	var all []string
	if set.Task == Polarity {
		all = []string{pos, neg, neu}
	} else {
		for _, e := range nlp.Emotions() {
			all = append(all, e.String())
		}
		all = append(all, nlp.NoEmotion.String())
	}
	present := map[string]bool{}
	for _, it := range set.Items {
		present[it.Label] = true
	}
	var out []string
	for _, c := range all {
		if present[c] {
			out = append(out, c)
		}
	}
	return out
}

// confusion counts gold against predicted classes. The columns are the
// gold classes, then any other predicted class in the task's order.
func confusion(set *Set, preds []prediction, classes []string) Confusion {
	cols := slices.Clone(classes)
	var order []string
	if set.Task == Polarity {
		order = []string{pos, neg, neu}
	} else {
		for _, e := range nlp.Emotions() {
			order = append(order, e.String())
		}
		order = append(order, nlp.NoEmotion.String())
	}
	seen := map[string]bool{}
	for _, p := range preds {
		seen[p.class] = true
	}
	for _, c := range order {
		if seen[c] && !slices.Contains(cols, c) {
			cols = append(cols, c)
		}
	}
	m := Confusion{Gold: classes, Predicted: cols, Counts: make([][]int, len(classes))}
	for i := range m.Counts {
		m.Counts[i] = make([]int, len(cols))
	}
	for i, it := range set.Items {
		m.Counts[slices.Index(classes, it.Label)][slices.Index(cols, preds[i].class)]++
	}
	return m
}

// classScores computes precision, recall and F1 of each gold class and
// their unweighted mean F1. An undefined F1 (no prediction and no gold text
// of the class cannot happen for a gold class; no prediction gives
// precision NaN) counts as 0 in the mean.
func classScores(m Confusion) ([]ClassScore, Float) {
	out := make([]ClassScore, len(m.Gold))
	sum := 0.0
	for i, c := range m.Gold {
		j := slices.Index(m.Predicted, c)
		tp, support, predicted := m.Counts[i][j], 0, 0
		for _, n := range m.Counts[i] {
			support += n
		}
		for k := range m.Gold {
			predicted += m.Counts[k][j]
		}
		cs := ClassScore{Class: c, Support: support, Precision: share(tp, predicted), Recall: share(tp, support)}
		p, r := float64(cs.Precision), float64(cs.Recall)
		switch {
		case math.IsNaN(p) || p+r == 0:
			cs.F1 = 0
		default:
			cs.F1 = Float(2 * p * r / (p + r))
		}
		sum += float64(cs.F1)
		out[i] = cs
	}
	return out, Float(sum / float64(len(m.Gold)))
}

// polar computes the two-sided figure.
func polar(set *Set, preds []prediction) Polar {
	var n, correct, decided, decidedCorrect, hits int
	for i, it := range set.Items {
		gold := goldSide(set.Task, it.Label)
		if gold == 0 {
			continue
		}
		n++
		p := preds[i]
		if p.hit {
			hits++
		}
		if p.side != 0 {
			decided++
			if p.side == gold {
				decidedCorrect++
				correct++
			}
		}
	}
	return Polar{Texts: n, Accuracy: share(correct, n), Decided: share(decided, n),
		DecidedAccuracy: share(decidedCorrect, decided), Coverage: share(hits, n)}
}

// goldSide returns +1 for a positive gold label, −1 for a negative one and
// 0 otherwise.
func goldSide(task Task, label string) int {
	if task == Polarity {
		switch label {
		case pos:
			return 1
		case neg:
			return -1
		}
		return 0
	}
	e, _ := nlp.ParseEmotion(label)
	switch {
	case e.Positive():
		return 1
	case e.Negative():
		return -1
	}
	return 0
}

// misses returns the worst misses: most confident first, then by line.
func misses(set *Set, preds []prediction, opt Options) []Miss {
	n := opt.Misses
	if n == 0 {
		n = DefaultMisses
	}
	if n < 0 {
		return []Miss{}
	}
	var out []Miss
	for i, it := range set.Items {
		p := preds[i]
		if p.class == it.Label {
			continue
		}
		out = append(out, Miss{Line: it.Line, Text: it.Text, Gold: it.Label, Predicted: p.class, Valence: p.valence, Confidence: p.confidence})
	}
	slices.SortStableFunc(out, func(a, b Miss) int {
		if c := cmp.Compare(b.Confidence, a.Confidence); c != 0 {
			return c
		}
		return cmp.Compare(a.Line, b.Line)
	})
	if len(out) > n {
		out = out[:n]
	}
	if out == nil {
		out = []Miss{}
	}
	return out
}

// share returns a/b, NaN when b is 0.
func share(a, b int) Float {
	if b == 0 {
		return Float(math.NaN())
	}
	return Float(float64(a) / float64(b))
}
