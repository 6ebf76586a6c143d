package main

import (
	"bufio"
	"encoding/json"
	"fmt"

	"github.com/danmakuscope/danmakuscope/nlp"
	"github.com/spf13/cobra"
)

// scoreLine is one line of `analyze score` output.
type scoreLine struct {
	Text    string    `json:"text"`
	Norm    string    `json:"norm"`
	Tokens  []string  `json:"tokens"`
	Valence float64   `json:"valence"`
	Label   nlp.Label `json:"label"`
}

func newScoreCmd(e env) *cobra.Command {
	var noHMM bool
	cmd := &cobra.Command{
		Use:   "score [flags] < TEXT",
		Short: "Score text lines from stdin; print one JSON object per line",
		Long: `score reads text from stdin, one danmaku per line, and prints one JSON object
per line with the text, its normalised form, tokens, valence (-1…1) and label
(pos/neg/neu), using the same normalisation, segmentation and lexicons as run.

  echo '太好看了！' | analyze score`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			model, err := loadModel(nlp.Options{NoHMM: noHMM})
			if err != nil {
				return err
			}
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
				if err := enc.Encode(scoreLine{Text: in.Text(), Norm: r.Norm, Tokens: tokens, Valence: r.Valence, Label: r.Label}); err != nil {
					return err
				}
			}
			if err := in.Err(); err != nil {
				return fmt.Errorf("stdin line %d: %w", line+1, err)
			}
			return out.Flush()
		},
	}
	cmd.Flags().BoolVar(&noHMM, "no-hmm", false, "segment with the dictionary only (no HMM guessing of unknown words)")
	return cmd
}
