package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxMissRunes bounds the text of a miss in the text report.
const maxMissRunes = 60

// WriteText writes the report for people: the figures, the confusion
// matrix, per-class scores and the worst misses.
func (r *Report) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("%s: %d texts, %s labels (%s)\n", r.Set, r.Texts, r.Task, r.goldCounts())
	p("lexicon coverage: %s of texts have at least one lexicon hit\n", pct(r.Coverage))
	p("accuracy: %s over all %d classes; macro-F1: %s\n", num(r.Accuracy), len(r.Confusion.Gold), num(r.MacroF1))
	side := "pos/neg texts"
	undecided := "a text labeled neu by the scorer"
	if r.Task == Emotion {
		side = "texts with a positive (joy, like) or negative (sorrow, anger, fear, disgust) emotion"
		undecided = "a text with neither a polar emotion nor a valence"
	}
	if r.Polar.Texts > 0 {
		p("%s (%d): accuracy %s counting %s as a miss; %s on the %s the scorer decides; coverage %s\n",
			side, r.Polar.Texts, num(r.Polar.Accuracy), undecided, num(r.Polar.DecidedAccuracy), pct(r.Polar.Decided), pct(r.Polar.Coverage))
	}
	p("\nconfusion (rows: gold, columns: predicted)\n")
	width := 8
	for _, c := range append(append([]string{"precision"}, r.Confusion.Gold...), r.Confusion.Predicted...) {
		width = max(width, len(c)+2)
	}
	p("%*s", width, "")
	for _, c := range r.Confusion.Predicted {
		p("%*s", width, c)
	}
	p("\n")
	for i, g := range r.Confusion.Gold {
		p("%*s", width, g)
		for _, n := range r.Confusion.Counts[i] {
			p("%*d", width, n)
		}
		p("\n")
	}
	p("\n%*s%*s%*s%*s%*s\n", width, "class", width, "support", width, "precision", width, "recall", width, "F1")
	for _, c := range r.Classes {
		p("%*s%*d%*s%*s%*s\n", width, c.Class, width, c.Support, width, num(c.Precision), width, num(c.Recall), width, num(c.F1))
	}
	if len(r.Misses) > 0 {
		p("\nworst misses (most confident first)\n")
		for _, m := range r.Misses {
			p("  line %d: gold %s, predicted %s (valence %+.2f, confidence %.2f): %s\n",
				m.Line, m.Gold, m.Predicted, m.Valence, m.Confidence, clip(m.Text))
		}
	}
	return bw.Flush()
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func (r *Report) goldCounts() string {
	var parts []string
	for _, c := range r.Confusion.Gold {
		parts = append(parts, fmt.Sprintf("%s %d", c, r.Gold[c]))
	}
	return strings.Join(parts, ", ")
}

// num formats a figure with four decimals, "n/a" when undefined.
func num(f Float) string {
	if math.IsNaN(float64(f)) {
		return "n/a"
	}
	return strconv.FormatFloat(float64(f), 'f', 4, 64)
}

// pct formats a share as a percentage.
func pct(f Float) string {
	if math.IsNaN(float64(f)) {
		return "n/a"
	}
	return strconv.FormatFloat(100*float64(f), 'f', 1, 64) + "%"
}

// formatFloat formats a float for JSON.
func formatFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// clip shortens a text for one line of the report.
func clip(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) <= maxMissRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == maxMissRunes {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
