package nlp

import (
	"errors"
	"fmt"
)

// Sentinel errors, for errors.Is.
var (
	// ErrLexicon means a lexicon file is malformed; it is wrapped by
	// [LexiconError].
	ErrLexicon = errors.New("bad lexicon")
	// ErrSchema means a record given to [Analyzer.Annotate] is not in the
	// canonical danmaku schema.
	ErrSchema = errors.New("record not in the danmaku schema")
)

// LexiconError reports a malformed line of a lexicon file.
type LexiconError struct {
	File   string // lexicon file name, e.g. "sentiment.tsv"
	Line   int    // 1-based line number, 0 for the whole file
	Detail string // what is wrong, quoting the offending value
}

// Error formats the error as "lexicon file:line: detail".
func (e *LexiconError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("lexicon %s:%d: %s", e.File, e.Line, e.Detail)
	}
	return fmt.Sprintf("lexicon %s: %s", e.File, e.Detail)
}

// Unwrap returns [ErrLexicon].
func (e *LexiconError) Unwrap() error { return ErrLexicon }

func lexErr(file string, line int, format string, args ...any) error {
	return &LexiconError{File: file, Line: line, Detail: fmt.Sprintf(format, args...)}
}
