package httpx

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func fastConfig() Config {
	return Config{Service: "svc", Timeout: 2 * time.Second, Attempts: 3, InitialBackoff: time.Millisecond,
		MaxBackoff: 2 * time.Millisecond, RateLimitBackoff: 2 * time.Millisecond}
}

// server replies with the statuses in order, then 200 "ok".
func server(t *testing.T, statuses ...int) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		if i < len(statuses) {
			w.WriteHeader(statuses[i])
			w.Write([]byte("no"))
			return
		}
		w.Write([]byte("ok"))
	}))
	t.Cleanup(s.Close)
	return s, &n
}

func get(u string) Request {
	return Request{Endpoint: "/x", What: "page 1", Build: func(ctx context.Context) (*http.Request, error) {
		return http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	}}
}

func TestRetries(t *testing.T) {
	for _, tt := range []struct {
		name     string
		statuses []int
		attempts int
		noRetry  bool
		wantReq  int32
		wantKind Kind
		ok       bool
	}{
		{"5xx retried", []int{500, 503}, 3, false, 3, 0, true},
		{"429 retried", []int{429}, 3, false, 2, 0, true},
		{"bounded", []int{500, 500, 500, 500}, 3, false, 3, Retryable, false},
		{"404 not retried", []int{404}, 3, false, 1, Permanent, false},
		{"no retry", []int{500}, 3, true, 1, Retryable, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, n := server(t, tt.statuses...)
			cfg := fastConfig()
			cfg.Attempts = tt.attempts
			r := get(s.URL)
			r.NoRetry = tt.noRetry
			rep, err := New(cfg).Do(context.Background(), r)
			if n.Load() != tt.wantReq {
				t.Errorf("%d requests, want %d", n.Load(), tt.wantReq)
			}
			if tt.ok {
				if err != nil || string(rep.Body) != "ok" {
					t.Errorf("%v, %v", rep, err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Kind != tt.wantKind || e.Status != tt.statuses[0] || e.Service != "svc" || e.What != "page 1" {
				t.Errorf("error %#v", err)
			}
		})
	}
}

func TestDeadlineAndInterruption(t *testing.T) {
	block := make(chan struct{})
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	defer s.Close()
	defer close(block)
	start := time.Now()
	cfg := fastConfig()
	cfg.Timeout = 200 * time.Millisecond
	_, err := New(cfg).Do(context.Background(), get(s.URL))
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "no complete reply within 200ms") ||
		!strings.Contains(err.Error(), "gave up after 3 attempts") || KindOf(err) != Retryable {
		t.Errorf("error %v", err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("took %v", el)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	cfg.Timeout = time.Minute
	_, err = New(cfg).Do(ctx, get(s.URL))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("interrupted: %v", err)
	}
}

func TestRateLimitFloor(t *testing.T) {
	s, n := server(t, 429, 429)
	cfg := fastConfig()
	cfg.RateLimitBackoff = 60 * time.Millisecond
	start := time.Now()
	if _, err := New(cfg).Do(context.Background(), get(s.URL)); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el < 120*time.Millisecond || n.Load() != 3 {
		t.Errorf("%d requests in %v; want two waits of at least 60ms after 429s", n.Load(), el)
	}
}

func TestMaxBody(t *testing.T) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(make([]byte, 100)) }))
	defer s.Close()
	cfg := fastConfig()
	cfg.MaxBody = 99
	_, err := New(cfg).Do(context.Background(), get(s.URL))
	if KindOf(err) != Permanent || !strings.Contains(err.Error(), "larger than 99 bytes") {
		t.Errorf("error %v", err)
	}
}

// Transport errors never carry the URL (it may hold a token), and every
// secret is redacted from messages.
func TestRedaction(t *testing.T) {
	red := NewRedactor([]string{"tok-SECRET-1", "a b/c"}, "token", "sign")
	u, _ := url.Parse("https://user:pw@api.example.test/p?token=tok-SECRET-1&aid=2&sign=ABC")
	got := red.URL(u)
	if got != "https://api.example.test/p?aid=2&sign=[REDACTED]&token=[REDACTED]" {
		t.Errorf("URL = %s", got)
	}
	if s := red.String("x tok-SECRET-1 y a+b%2Fc z a%20b%2Fc"); strings.Contains(s, "SECRET") || strings.Contains(s, "b%2Fc") {
		t.Errorf("String = %s", s)
	}
	if (*Redactor)(nil).String("a") != "a" || NewRedactor([]string{"ab"}).String("ab") != "ab" {
		t.Error("nil or short-secret redactors changed text")
	}
	cfg := fastConfig()
	cfg.Redact = red
	cfg.Attempts = 1
	_, err := New(cfg).Do(context.Background(), get("http://127.0.0.1:1/x?token=tok-SECRET-1"))
	if err == nil || strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), "127.0.0.1:1/x") {
		t.Errorf("error %v", err)
	}
	e := &Error{Service: "s", Meaning: "bad tok-SECRET-1", redact: red}
	if strings.Contains(e.Error(), "SECRET") {
		t.Errorf("Error() = %s", e.Error())
	}
}

func TestErrorFormat(t *testing.T) {
	for _, tt := range []struct {
		e    Error
		want string
	}{
		{Error{Service: "justoneapi", Endpoint: "/api/x", What: "page 3", Status: 200, Code: 100, HasCode: true, Meaning: "invalid or inactive token"},
			"justoneapi /api/x page 3: API code 100 (invalid or inactive token), HTTP 200"},
		{Error{Service: "bilibili", Endpoint: "/seg.so", Status: 503, Meaning: "Service Unavailable", Attempts: 5},
			"bilibili /seg.so: HTTP 503 (Service Unavailable) (gave up after 5 attempts)"},
		{Error{Service: "polyv", What: "page 1", Meaning: "connection reset", Err: errors.New("read: reset")},
			"polyv page 1: connection reset: read: reset"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
	if !IsFatal(&Error{Kind: Fatal}) || IsFatal(errors.New("x")) || KindOf(errors.New("x")) != Permanent {
		t.Error("classification")
	}
}
