package httpx

import (
	"errors"
	"fmt"
	"strings"
)

// Kind classifies a failed request by what a caller can do about it.
type Kind int

const (
	// Retryable failures (timeouts, resets, truncated bodies, 5xx, "please
	// retry" codes) are retried with backoff.
	Retryable Kind = iota
	// RateLimited failures are retried after a longer wait.
	RateLimited
	// Permanent failures stop this video: retrying the same request cannot
	// help (bad parameters, no such video, quota exceeded).
	Permanent
	// Fatal failures stop the whole run: they concern the credentials or the
	// account (invalid token, insufficient balance, wrong signature), so
	// every other request would fail the same way.
	Fatal
)

// String names the kind.
func (k Kind) String() string {
	switch k {
	case Retryable:
		return "retryable"
	case RateLimited:
		return "rate limited"
	case Permanent:
		return "permanent"
	case Fatal:
		return "fatal"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Error is a failed request: which service and endpoint, which page or
// segment, the HTTP status and API code when there were any, what the code
// means, and how to treat it. Its message never holds a secret or a full
// URL.
type Error struct {
	Service  string // e.g. "justoneapi"
	Endpoint string // path of the endpoint, e.g. "/api/bilibili/get-video-danmu/v2"
	What     string // which request, e.g. "page 3" or "segment 2"
	Status   int    // HTTP status, 0 when no reply arrived
	Code     int    // API business code, valid when HasCode
	HasCode  bool
	Meaning  string // what the code or failure means, in words
	Kind     Kind
	Attempts int   // requests sent for this call, set when giving up
	Err      error // the underlying cause, may be nil

	redact *Redactor
}

// Error formats the failure, e.g. `justoneapi /api/…/v2 page 3: API code
// 100 (invalid or inactive token), HTTP 200`.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Service)
	if e.Endpoint != "" {
		b.WriteString(" " + e.Endpoint)
	}
	if e.What != "" {
		b.WriteString(" " + e.What)
	}
	b.WriteString(": ")
	switch {
	case e.HasCode:
		fmt.Fprintf(&b, "API code %d", e.Code)
		if e.Meaning != "" {
			b.WriteString(" (" + e.Meaning + ")")
		}
		if e.Status != 0 {
			fmt.Fprintf(&b, ", HTTP %d", e.Status)
		}
	case e.Status != 0:
		fmt.Fprintf(&b, "HTTP %d", e.Status)
		if e.Meaning != "" {
			b.WriteString(" (" + e.Meaning + ")")
		}
	case e.Meaning != "":
		b.WriteString(e.Meaning)
	}
	if e.Err != nil {
		if !strings.HasSuffix(b.String(), ": ") {
			b.WriteString(": ")
		}
		b.WriteString(e.Err.Error())
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (gave up after %d attempts)", e.Attempts)
	}
	return e.redact.String(b.String())
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the kind of err: the Kind of the first [*Error] in its
// chain, Permanent for any other error.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Permanent
}

// IsFatal reports whether err concerns the credentials or the account, so
// that the whole run should stop.
func IsFatal(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == Fatal
}
