package httpx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"syscall"
	"time"

	"github.com/cenkalti/backoff/v5"
	"golang.org/x/time/rate"
)

// Defaults used when a [Config] field is zero.
const (
	DefaultTimeout          = 30 * time.Second
	DefaultAttempts         = 5
	DefaultInitialBackoff   = 500 * time.Millisecond
	DefaultMaxBackoff       = 30 * time.Second
	DefaultRateLimitBackoff = 10 * time.Second
	DefaultMaxBody          = 64 << 20
)

// Config configures a [Client]. The zero value of every field means its
// default.
type Config struct {
	// Service names the service in errors, e.g. "bilibili".
	Service string
	// HTTP sends the requests; nil means a client of its own with the
	// standard transport. Deadlines are set per request, not on the client.
	HTTP *http.Client
	// Timeout is the deadline of one attempt, reply body included.
	Timeout time.Duration
	// Attempts bounds the requests sent for one call (first try and
	// retries).
	Attempts int
	// InitialBackoff and MaxBackoff bound the exponential backoff between
	// attempts; each wait is randomised by ±50 % (jitter).
	InitialBackoff, MaxBackoff time.Duration
	// RateLimitBackoff is the least wait after a rate-limited reply.
	RateLimitBackoff time.Duration
	// Rate is the request budget of this service for the whole run, in
	// requests per second, shared by every video fetched through the
	// client; 0 means no limit.
	Rate float64
	// Burst is how many requests may go out at once within the rate; 0
	// means 1.
	Burst int
	// MaxBody bounds a reply body; a longer one is an error.
	MaxBody int64
	// UserAgent is sent with every request when not empty.
	UserAgent string
	// Redact removes the service's secrets from errors; nil redacts
	// nothing.
	Redact *Redactor
	// OnRetry, when set, is told about each failed attempt before the wait.
	OnRetry func(err error, wait time.Duration)
}

// Client sends requests to one service with deadlines, retries and a rate
// budget. It is safe for concurrent use; share one per service per run.
type Client struct {
	cfg     Config
	limiter *rate.Limiter
}

// New returns a client for cfg.
func New(cfg Config) *Client {
	if cfg.HTTP == nil {
		cfg.HTTP = &http.Client{}
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Attempts <= 0 {
		cfg.Attempts = DefaultAttempts
	}
	if cfg.InitialBackoff <= 0 {
		cfg.InitialBackoff = DefaultInitialBackoff
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = DefaultMaxBackoff
	}
	if cfg.RateLimitBackoff <= 0 {
		cfg.RateLimitBackoff = DefaultRateLimitBackoff
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	c := &Client{cfg: cfg}
	if cfg.Rate > 0 {
		c.limiter = rate.NewLimiter(rate.Limit(cfg.Rate), max(cfg.Burst, 1))
	}
	return c
}

// Service returns the service name.
func (c *Client) Service() string { return c.cfg.Service }

// Redactor returns the client's redactor (possibly nil).
func (c *Client) Redactor() *Redactor { return c.cfg.Redact }

// Request is one call: Build makes the HTTP request for each attempt (so
// that timestamps and signatures are fresh on every retry), Check
// classifies the reply.
type Request struct {
	// Endpoint and What name the call in errors ("/x/v2/dm/web/seg.so",
	// "segment 3").
	Endpoint, What string
	// Build returns the request to send; ctx carries the attempt's deadline.
	Build func(ctx context.Context) (*http.Request, error)
	// Check returns nil when the reply is usable, or an [*Error] whose Kind
	// says whether to retry. Service, Endpoint and What are filled in when
	// empty. Nil means: any 2xx status is usable, 429 is rate limiting,
	// other 4xx are permanent and 5xx retryable.
	Check func(r *Reply) error
	// NoRetry sends the request once: for requests that are not idempotent
	// (posting a danmaku), where a retry after a lost reply could act twice.
	NoRetry bool
}

// Reply is a complete reply.
type Reply struct {
	Status int
	Header http.Header
	Body   []byte
}

// CheckStatus is the default [Request.Check].
func CheckStatus(r *Reply) error {
	switch {
	case r.Status >= 200 && r.Status < 300:
		return nil
	case r.Status == http.StatusTooManyRequests:
		return &Error{Status: r.Status, Meaning: "too many requests", Kind: RateLimited}
	case r.Status >= 500:
		return &Error{Status: r.Status, Meaning: http.StatusText(r.Status), Kind: Retryable}
	}
	return &Error{Status: r.Status, Meaning: http.StatusText(r.Status), Kind: Permanent}
}

// Do sends the request, retrying retryable failures with exponential
// backoff and jitter up to the configured number of attempts, and returns
// the first usable reply. Every attempt waits for the service's rate budget
// and has its own deadline. The error is an [*Error] (or ctx's error when
// ctx ends).
func (c *Client) Do(ctx context.Context, r Request) (*Reply, error) {
	b := &policy{exp: backoff.ExponentialBackOff{
		InitialInterval:     c.cfg.InitialBackoff,
		RandomizationFactor: 0.5,
		Multiplier:          2,
		MaxInterval:         c.cfg.MaxBackoff,
	}, rateWait: c.cfg.RateLimitBackoff}
	attempts := 0
	op := func() (*Reply, error) {
		attempts++
		rep, err := c.once(ctx, r)
		if err == nil {
			return rep, nil
		}
		if ctx.Err() != nil {
			return nil, backoff.Permanent(err)
		}
		b.last = KindOf(err)
		if b.last == Permanent || b.last == Fatal {
			return nil, backoff.Permanent(err)
		}
		return nil, err
	}
	tries := uint(c.cfg.Attempts)
	if r.NoRetry {
		tries = 1
	}
	opts := []backoff.RetryOption{
		backoff.WithBackOff(b),
		backoff.WithMaxTries(tries),
		backoff.WithMaxElapsedTime(0),
	}
	if c.cfg.OnRetry != nil {
		opts = append(opts, backoff.WithNotify(func(err error, d time.Duration) { c.cfg.OnRetry(err, d) }))
	}
	rep, err := backoff.Retry(ctx, op, opts...)
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return nil, fmt.Errorf("%s %s %s: %w", c.cfg.Service, r.Endpoint, r.What, context.Cause(ctx))
		}
		var e *Error
		if errors.As(err, &e) {
			e.Attempts = attempts
		}
		return nil, err
	}
	return rep, nil
}

// policy is the backoff between attempts: exponential with jitter, and at
// least rateWait after a rate-limited reply.
type policy struct {
	exp      backoff.ExponentialBackOff
	rateWait time.Duration
	last     Kind
}

func (p *policy) Reset() { p.exp.Reset() }

func (p *policy) NextBackOff() time.Duration {
	d := p.exp.NextBackOff()
	if p.last == RateLimited && d < p.rateWait {
		// Jitter the floor too, so that many workers told to slow down at
		// once do not come back at once.
		d = p.rateWait + time.Duration(float64(p.rateWait)*0.5*rand01())
	}
	return d
}

// once sends one attempt and classifies the outcome.
func (c *Client) once(ctx context.Context, r Request) (*Reply, error) {
	fill := func(err error) error {
		var e *Error
		if errors.As(err, &e) {
			if e.Service == "" {
				e.Service = c.cfg.Service
			}
			if e.Endpoint == "" {
				e.Endpoint = r.Endpoint
			}
			if e.What == "" {
				e.What = r.What
			}
			e.redact = c.cfg.Redact
			return e
		}
		return &Error{Service: c.cfg.Service, Endpoint: r.Endpoint, What: r.What, Kind: Permanent, Err: err, redact: c.cfg.Redact}
	}
	if c.limiter != nil {
		if err := c.limiter.Wait(ctx); err != nil {
			return nil, fill(&Error{Kind: Permanent, Meaning: "waiting for the request budget", Err: ctx.Err()})
		}
	}
	actx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := r.Build(actx)
	if err != nil {
		return nil, fill(fmt.Errorf("build request: %w", err))
	}
	if c.cfg.UserAgent != "" && req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", c.cfg.UserAgent)
	}
	resp, err := c.cfg.HTTP.Do(req)
	if err != nil {
		return nil, fill(c.transportError(ctx, actx, err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.cfg.MaxBody+1))
	if err != nil {
		e := c.transportError(ctx, actx, err)
		e.Status = resp.StatusCode
		e.Meaning = "reply body cut short: " + e.Meaning
		return nil, fill(e)
	}
	if int64(len(body)) > c.cfg.MaxBody {
		return nil, fill(&Error{Status: resp.StatusCode, Kind: Permanent,
			Meaning: fmt.Sprintf("reply body larger than %d bytes", c.cfg.MaxBody)})
	}
	rep := &Reply{Status: resp.StatusCode, Header: resp.Header, Body: body}
	check := r.Check
	if check == nil {
		check = CheckStatus
	}
	if err := check(rep); err != nil {
		return nil, fill(err)
	}
	return rep, nil
}

// transportError classifies a failure to get a complete reply. The URL is
// left out: it may hold a token.
func (c *Client) transportError(ctx, actx context.Context, err error) *Error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	e := &Error{Kind: Retryable, Err: err}
	switch {
	case ctx.Err() != nil:
		e.Kind, e.Meaning, e.Err = Permanent, "interrupted", ctx.Err()
	case actx.Err() != nil || errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		e.Meaning = fmt.Sprintf("no complete reply within %s", c.cfg.Timeout)
		e.Err = context.DeadlineExceeded
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		e.Meaning = "connection closed before the reply was complete"
	case errors.Is(err, syscall.ECONNRESET):
		e.Meaning = "connection reset"
	case errors.Is(err, syscall.ECONNREFUSED):
		e.Meaning = "connection refused"
	default:
		e.Meaning = "request failed"
	}
	return e
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// Timeout returns the deadline of one attempt.
func (c *Client) Timeout() time.Duration { return c.cfg.Timeout }
