package httpx

import (
	"net/url"
	"strings"
)

// Redacted replaces a secret in everything this package reports.
const Redacted = "[REDACTED]"

// Redactor removes secrets (tokens, keys, cookies) from text and URLs. The
// zero value and nil redact nothing. It is safe for concurrent use once
// built.
type Redactor struct {
	secrets []string
	params  map[string]bool
}

// NewRedactor returns a redactor for the given secret values and for the
// values of the given query parameter names (e.g. "token", "sign").
// Secrets shorter than 4 bytes are ignored: replacing them would mangle
// ordinary text, and no real credential is that short.
func NewRedactor(secrets []string, params ...string) *Redactor {
	r := &Redactor{params: map[string]bool{}}
	for _, s := range secrets {
		if len(s) >= 4 {
			r.secrets = append(r.secrets, s)
			if q := url.QueryEscape(s); q != s {
				r.secrets = append(r.secrets, q)
			}
			if p := url.PathEscape(s); p != s {
				r.secrets = append(r.secrets, p)
			}
		}
	}
	for _, p := range params {
		r.params[p] = true
	}
	return r
}

// String returns s with every secret replaced by [Redacted].
func (r *Redactor) String(s string) string {
	if r == nil {
		return s
	}
	for _, sec := range r.secrets {
		s = strings.ReplaceAll(s, sec, Redacted)
	}
	return s
}

// URL returns u as a string with the values of secret parameters replaced
// and any secret value removed, fit for a log line.
func (r *Redactor) URL(u *url.URL) string {
	if u == nil {
		return ""
	}
	c := *u
	c.User = nil
	if r != nil && len(r.params) > 0 {
		q := c.Query()
		for k := range q {
			if r.params[k] {
				q.Set(k, Redacted)
			}
		}
		c.RawQuery = strings.ReplaceAll(q.Encode(), url.QueryEscape(Redacted), Redacted)
	}
	return r.String(c.String())
}
