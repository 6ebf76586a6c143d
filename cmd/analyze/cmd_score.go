package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/danmakuscope/danmakuscope/nlp"
	"github.com/danmakuscope/danmakuscope/nlp/eval"
	"github.com/spf13/cobra"
)

// scoreLine is one line of `analyze score` output.
type scoreLine struct {
	Text     string      `json:"text"`
	Norm     string      `json:"norm"`
	Tokens   []string    `json:"tokens"`
	Valence  float64     `json:"valence"`
	Label    nlp.Label   `json:"label"`
	Emotion  nlp.Emotion `json:"emotion"`
	Emotions emotionJSON `json:"emotions"`
	Hits     int         `json:"hits"`
}

// emotionJSON is the seven emotion scores as a JSON object in column order.
type emotionJSON struct {
	Joy      float64 `json:"joy"`
	Like     float64 `json:"like"`
	Sorrow   float64 `json:"sorrow"`
	Anger    float64 `json:"anger"`
	Fear     float64 `json:"fear"`
	Disgust  float64 `json:"disgust"`
	Surprise float64 `json:"surprise"`
}

func emotionsOf(s nlp.EmotionScores) emotionJSON {
	return emotionJSON{s.Of(nlp.Joy), s.Of(nlp.Like), s.Of(nlp.Sorrow), s.Of(nlp.Anger), s.Of(nlp.Fear), s.Of(nlp.Disgust), s.Of(nlp.Surprise)}
}

// scoreOptions are the flags of `analyze score`.
type scoreOptions struct {
	noHMM      bool
	eval       string
	evalText   string
	evalLabel  string
	evalMisses int
	evalFormat string
	lexicons   lexiconFlags
}

func newScoreCmd(e env) *cobra.Command {
	o := scoreOptions{}
	cmd := &cobra.Command{
		Use:   "score [flags] < TEXT",
		Short: "Score text lines from stdin, or measure accuracy on a labeled set",
		Long: `score reads text from stdin, one danmaku per line, and prints one JSON object
per line with the text, its normalised form, tokens, valence (-1…1), label
(pos/neg/neu), dominant emotion (joy, like, sorrow, anger, fear, disgust,
surprise or none), the seven emotion scores (0…1) and the number of lexicon
hits, using the same normalisation, segmentation and lexicons as run.

With --eval FILE it reads a labeled set instead (CSV or TSV with a header
naming a text and a label column; labels pos/neg[/neu], 1/0, or emotions)
and prints accuracy, macro-F1, the confusion matrix, lexicon coverage and
the worst misses.

  echo '太好看了！' | analyze score
  analyze score --eval labeled.tsv`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch o.evalFormat {
			case "text", "json":
			default:
				return usageError{fmt.Errorf("--eval-format %q: want text or json", o.evalFormat)}
			}
			if o.eval == "" && (cmd.Flags().Changed("eval-label") || cmd.Flags().Changed("eval-text") || cmd.Flags().Changed("eval-misses") || cmd.Flags().Changed("eval-format")) {
				return usageError{fmt.Errorf("--eval-label, --eval-text, --eval-misses and --eval-format need --eval FILE")}
			}
			user, err := o.lexicons.read()
			if err != nil {
				return err
			}
			model, err := loadModel(nlp.Options{NoHMM: o.noHMM, Lexicons: user})
			if err != nil {
				return err
			}
			for _, n := range lexiconNotes(user, model.Lexicons()) {
				if n.warn {
					fmt.Fprintln(e.stderr, "analyze: warning: "+n.msg)
				}
			}
			if o.eval != "" {
				return runEval(e, model, o)
			}
			return scoreLines(e, model)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.noHMM, "no-hmm", false, "segment with the dictionary only (no HMM guessing of unknown words)")
	f.StringVar(&o.eval, "eval", "", "measure accuracy on a labeled CSV or TSV file instead of scoring stdin")
	f.StringVar(&o.evalText, "eval-text", "", "name of the text column (default: text, review, content, sentence or comment)")
	f.StringVar(&o.evalLabel, "eval-label", "", "name of the label column (default: label, sentiment, polarity or emotion)")
	f.IntVar(&o.evalMisses, "eval-misses", eval.DefaultMisses, "worst misses to list (0: none)")
	f.StringVar(&o.evalFormat, "eval-format", "text", "report format: text or json")
	o.lexicons.register(f)
	return cmd
}

// scoreLines scores stdin line by line.
func scoreLines(e env, model *nlp.Model) error {
	an := model.NewAnalyzer()
	in := bufio.NewScanner(e.stdin)
	in.Buffer(make([]byte, 64<<10), 1<<20)
	out := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	line := 0
	for in.Scan() {
		line++
		r := an.Analyze(in.Text())
		tokens := r.Tokens
		if tokens == nil {
			tokens = []string{}
		}
		res := scoreLine{Text: in.Text(), Norm: r.Norm, Tokens: tokens, Valence: r.Valence, Label: r.Label,
			Emotion: r.Emotion, Emotions: emotionsOf(r.Emotions), Hits: r.Hits}
		if err := enc.Encode(res); err != nil {
			return err
		}
	}
	if err := in.Err(); err != nil {
		return fmt.Errorf("stdin line %d: %w", line+1, err)
	}
	return out.Flush()
}

// runEval measures the model on a labeled set and prints the report.
func runEval(e env, model *nlp.Model, o scoreOptions) error {
	f, err := os.Open(o.eval)
	if err != nil {
		return err
	}
	defer f.Close()
	format := ""
	switch strings.ToLower(filepath.Ext(o.eval)) {
	case ".tsv", ".tab":
		format = "tsv"
	case ".csv":
		format = "csv"
	}
	set, err := eval.Read(f, o.eval, eval.ReadOptions{TextColumn: o.evalText, LabelColumn: o.evalLabel, Format: format})
	if err != nil {
		return err
	}
	misses := o.evalMisses
	if misses == 0 {
		misses = -1
	}
	rep := eval.Evaluate(set, model.NewAnalyzer(), eval.Options{Misses: misses})
	if o.evalFormat == "json" {
		return rep.WriteJSON(e.stdout)
	}
	return rep.WriteText(e.stdout)
}
