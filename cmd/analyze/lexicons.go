package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/danmakuscope/danmakuscope/nlp"
)

// lexiconFlags are the user-lexicon flags of run and score.
type lexiconFlags struct {
	files  []string
	format string
}

func (l *lexiconFlags) register(f *pflag.FlagSet) {
	f.StringArrayVar(&l.files, "lexicon", nil, "user lexicon `FILE` that extends or overrides the built-in one (repeatable; later files win); FORMAT:FILE names its format")
	f.StringVar(&l.format, "lexicon-format", "auto", "format of --lexicon files without a FORMAT: prefix: auto, tsv, positive, negative, score (BosonNLP) or dutir (CSV)")
}

// read reads the lexicon files. A file may be given as FORMAT:FILE with a
// known format name; anything else is a path.
func (l *lexiconFlags) read() ([]nlp.UserLexicon, error) {
	def, err := nlp.ParseLexiconFormat(l.format)
	if err != nil {
		return nil, usageError{fmt.Errorf("--lexicon-format: %w", err)}
	}
	var out []nlp.UserLexicon
	for _, spec := range l.files {
		path, format := spec, def
		if prefix, rest, ok := strings.Cut(spec, ":"); ok && len(prefix) > 1 {
			if f, err := nlp.ParseLexiconFormat(prefix); err == nil && prefix != "" {
				path, format = rest, f
			}
		}
		if path == "" {
			return nil, usageError{fmt.Errorf("--lexicon %q: no file", spec)}
		}
		u, err := nlp.ReadUserLexicon(path, format)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

// lexiconRef records a user lexicon in the run's parameters: by format and
// content digest, never by path, so that outputs compare across machines.
type lexiconRef struct {
	Format  nlp.LexiconFormat `json:"format"`
	SHA256  string            `json:"sha256"`
	Entries int               `json:"entries"`
	Skipped int               `json:"skipped"`
}

func lexiconRefs(infos []nlp.LexiconInfo) []lexiconRef {
	var out []lexiconRef
	for _, in := range infos {
		out = append(out, lexiconRef{Format: in.Format, SHA256: in.SHA256, Entries: in.Entries, Skipped: in.Skipped})
	}
	return out
}

// lexiconNote is one line about a user lexicon for stderr.
type lexiconNote struct {
	msg  string
	warn bool // entries were skipped
}

// lexiconNotes describes the user lexicons as loaded: format, entries and
// the skipped entries, with examples.
func lexiconNotes(files []nlp.UserLexicon, infos []nlp.LexiconInfo) []lexiconNote {
	var out []lexiconNote
	for i, in := range infos {
		n := lexiconNote{msg: fmt.Sprintf("lexicon %s (%s, %s): %d entries", files[i].Name, in.Format, in.Encoding, in.Entries)}
		if in.Skipped > 0 {
			n.msg += fmt.Sprintf(", %d skipped, e.g. %s", in.Skipped, strings.Join(in.SkipExamples, "; "))
			n.warn = true
		}
		out = append(out, n)
	}
	return out
}
