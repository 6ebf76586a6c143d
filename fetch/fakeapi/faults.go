package fakeapi

import (
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Fault is one misbehaviour, applied to one request instead of the normal
// reply.
type Fault struct {
	// Reset closes the connection with a TCP reset before replying.
	Reset bool
	// Delay holds the reply back this long (then replies normally, unless
	// the client has gone).
	Delay time.Duration
	// Truncate sends the normal reply's headers with its full
	// Content-Length but only half of its body, then closes.
	Truncate bool
	// Status, when non-zero, is the HTTP status of the reply.
	Status int
	// Body, when not empty, replaces the reply body (e.g. a JSON error
	// envelope).
	Body string
}

// Request is a recorded request.
type Request struct {
	Time   time.Time
	Method string
	Path   string
	Query  map[string][]string
	Form   map[string][]string
	Cookie string
}

// recorder records requests and hands out queued faults, per path.
type recorder struct {
	mu       sync.Mutex
	requests []Request
	faults   map[string][]Fault
	hook     func(Request)
}

// OnRequest sets a function called (on the server's goroutine, before the
// reply) with every request.
func (r *recorder) OnRequest(hook func(Request)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.hook = hook
}

// Queue adds faults for the next requests to path, in order.
func (r *recorder) Queue(path string, faults ...Fault) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.faults == nil {
		r.faults = map[string][]Fault{}
	}
	r.faults[path] = append(r.faults[path], faults...)
}

// Requests returns the requests so far.
func (r *recorder) Requests() []Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Request(nil), r.requests...)
}

// Count returns how many requests went to path.
func (r *recorder) Count(path string) int {
	n := 0
	for _, q := range r.Requests() {
		if q.Path == path {
			n++
		}
	}
	return n
}

// record notes req and returns the fault to apply, if any.
func (r *recorder) record(req *http.Request) (Fault, bool) {
	req.ParseForm()
	r.mu.Lock()
	q := Request{Time: time.Now(), Method: req.Method, Path: req.URL.Path, Query: req.URL.Query(), Form: req.PostForm,
		Cookie: req.Header.Get("Cookie")}
	r.requests = append(r.requests, q)
	hook := r.hook
	var f Fault
	ok := false
	if fs := r.faults[req.URL.Path]; len(fs) > 0 {
		r.faults[req.URL.Path] = fs[1:]
		f, ok = fs[0], true
	}
	r.mu.Unlock()
	if hook != nil {
		hook(q)
	}
	return f, ok
}

// reply writes status, headers and body, applying the fault f.
func reply(w http.ResponseWriter, req *http.Request, f Fault, status int, header http.Header, body []byte) {
	if f.Reset {
		resetConn(w)
		return
	}
	if f.Delay > 0 {
		select {
		case <-time.After(f.Delay):
		case <-req.Context().Done():
			return
		}
	}
	if f.Status != 0 {
		status = f.Status
	}
	if f.Body != "" {
		body = []byte(f.Body)
		header = http.Header{"Content-Type": {"application/json; charset=utf-8"}}
	}
	for k, v := range header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if f.Truncate {
		w.WriteHeader(status)
		w.Write(body[:len(body)/2])
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		resetConn(w)
		return
	}
	w.WriteHeader(status)
	w.Write(body)
}

// resetConn closes the request's connection with a TCP reset.
func resetConn(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("fakeapi: response writer cannot be hijacked")
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	conn.Close()
}
