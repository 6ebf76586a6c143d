package fetch

import (
	"errors"
	"fmt"
)

// Sentinel errors wrapped by [ParseError] and source errors, for errors.Is.
var (
	// ErrNotDanmaku means the input is readable but is not a danmaku
	// document of the expected kind.
	ErrNotDanmaku = errors.New("not a danmaku document")
	// ErrEmpty means the input holds no bytes at all.
	ErrEmpty = errors.New("empty input")
	// ErrDamaged means the input is damaged and the reader runs in strict
	// mode, or the damage leaves nothing to read.
	ErrDamaged = errors.New("damaged input")
)

// ParseError reports a problem at a position in an input.
type ParseError struct {
	File   string // the source's name
	Line   int    // 1-based line, 0 when unknown
	Reason string // short stable code, as in [Skip.Reason]
	Detail string // what was wrong
	Err    error  // sentinel or underlying error, may be nil
}

// Error formats the error as "file:line: detail".
func (e *ParseError) Error() string {
	msg := e.Detail
	if msg == "" && e.Err != nil {
		msg = e.Err.Error()
	} else if e.Err != nil && !errors.Is(e.Err, ErrDamaged) && !errors.Is(e.Err, ErrNotDanmaku) && !errors.Is(e.Err, ErrEmpty) {
		msg += ": " + e.Err.Error()
	}
	if e.Reason != "" {
		msg += " (" + e.Reason + ")"
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, msg)
	}
	return fmt.Sprintf("%s: %s", e.File, msg)
}

// Unwrap returns the wrapped error.
func (e *ParseError) Unwrap() error { return e.Err }
