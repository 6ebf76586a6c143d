package bilibili

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/archive"
	"github.com/danmakuscope/danmakuscope/fetch/bilibili/dmpb"
	"github.com/danmakuscope/danmakuscope/fetch/fakeapi"
	"github.com/danmakuscope/danmakuscope/fetch/httpx"
)

// testClient talks to the fake with short deadlines and backoffs.
func testClient(f *fakeapi.Bilibili, sessdata string) *Client {
	return &Client{
		HTTP: httpx.New(httpx.Config{Service: Service, Timeout: 2 * time.Second, Attempts: 4,
			InitialBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, RateLimitBackoff: 5 * time.Millisecond,
			Redact: httpx.NewRedactor([]string{sessdata})}),
		Base:     f.URL,
		SESSDATA: sessdata,
	}
}

// elems returns n danmaku spread over durMs, dmids from base; every tenth
// has progress 0, pool 0 and colour 0 so that proto3 leaves them off the wire.
func elems(base int64, n int, durMs int32) []*dmpb.DanmakuElem {
	var out []*dmpb.DanmakuElem
	for i := range n {
		e := &dmpb.DanmakuElem{Id: base + int64(i), Progress: int32(int64(i) * int64(durMs) / int64(n)), Mode: 1, Fontsize: 25,
			Color: 16777215, MidHash: "a16fe0dd", Content: "弹幕" + string(rune('a'+i%26)), Ctime: 1700000000 + int64(i), Weight: 3, Pool: 1,
			IdStr: ""}
		if i%10 == 0 {
			e.Pool, e.Color, e.Weight = 0, 0, 0
		}
		if i == 0 {
			e.Progress = 0
		}
		out = append(out, e)
	}
	return out
}

type row struct {
	dmid, progress int64
	source         string
	pool           int8
	color          uint32
}

// readAll reads every row of a stream.
func readAll(t *testing.T, src fetch.Source) ([]row, fetch.ReadStats) {
	t.Helper()
	st, err := src.Open(context.Background(), fetch.Options{BatchSize: 7})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var rows []row
	if err := fetch.ForEach(st, func(rec arrow.Record) error {
		if rec.NumRows() > 7 {
			t.Errorf("batch of %d rows, want at most 7", rec.NumRows())
		}
		for i := range int(rec.NumRows()) {
			rows = append(rows, row{
				dmid:     rec.Column(fetch.ColDmid).(*array.Int64).Value(i),
				progress: rec.Column(fetch.ColProgressMs).(*array.Int64).Value(i),
				source:   rec.Column(fetch.ColSource).(*array.String).Value(i),
				pool:     rec.Column(fetch.ColPool).(*array.Int8).Value(i),
				color:    rec.Column(fetch.ColColor).(*array.Uint32).Value(i),
			})
			if k := rec.Column(fetch.ColVideoKey).(*array.String).Value(i); k != "bilibili:cid:62131" {
				t.Errorf("video_key %q", k)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return rows, st.Stats()
}

func dmids(rows []row) []int64 {
	var out []int64
	for _, r := range rows {
		out = append(out, r.dmid)
	}
	return out
}

// wantIDs is base…base+n-1.
func wantIDs(base int64, n int) []int64 {
	var out []int64
	for i := range n {
		out = append(out, base+int64(i))
	}
	return out
}

func TestSegmentsByDuration(t *testing.T) {
	f := fakeapi.NewBilibili()
	defer f.Close()
	// 20 minutes: 4 segments expected; danmaku only in the first 13 minutes,
	// so segment 4 is empty but fetched anyway; 5 is empty too and ends it.
	f.Danmaku[62131] = elems(1<<60, 300, 13*60*1000)
	src := &Source{Client: testClient(f, ""), Spec: "bilibili:cid=62131", Aid: 2, Cid: 62131, DurationMs: 20 * 60 * 1000,
		Archive: archive.Dir{Path: t.TempDir()}}
	st, err := src.Fetch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Count(SegPath); got != 5 {
		t.Errorf("%d segment requests, want 5 (4 from the duration, then 2 empty in a row)", got)
	}
	if st.Items != 300 || st.Downloaded != 5 || st.Reused != 0 {
		t.Errorf("stats %+v", st)
	}
	for _, q := range f.Requests() {
		if q.Query["pid"][0] != "2" || q.Query["type"][0] != "1" || q.Query["oid"][0] != "62131" {
			t.Errorf("request %v lacks type/oid/pid", q.Query)
		}
	}
	rows, rs := readAll(t, src)
	if !slices.Equal(dmids(rows), wantIDs(1<<60, 300)) {
		t.Errorf("dmids differ from the pool (%d rows)", len(rows))
	}
	if rs.Kept != 300 || rs.Items != 300 {
		t.Errorf("read stats %+v", rs)
	}
	// Zero values were absent on the wire and read as zeros.
	if r := rows[0]; r.progress != 0 || r.pool != 0 || r.color != 0 || r.source != SourceSeg {
		t.Errorf("first row %+v, want zero progress, pool and colour", r)
	}
	if r := rows[1]; r.pool != 1 || r.color != 16777215 {
		t.Errorf("second row %+v", r)
	}
	// A second fetch asks nothing of the network.
	n := len(f.Requests())
	st, err = src.Fetch(context.Background())
	if err != nil || len(f.Requests()) != n || st.Reused != 5 || st.Items != 300 {
		t.Errorf("refetch: %+v, %v, %d new requests", st, err, len(f.Requests())-n)
	}
}

func TestUnknownDurationStopsAfterTwoEmpty(t *testing.T) {
	f := fakeapi.NewBilibili()
	defer f.Close()
	f.Danmaku[62131] = elems(100, 50, 7*60*1000) // segments 1-2
	src := &Source{Client: testClient(f, ""), Spec: "bilibili:cid=62131", Cid: 62131, Archive: archive.Dir{Path: t.TempDir()}}
	if _, err := src.Fetch(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := f.Count(SegPath); got != 4 {
		t.Errorf("%d segment requests, want 4", got)
	}
}

// Every documented misbehaviour is retried, and the result has no gap.
func TestSegmentFaultsAreRetried(t *testing.T) {
	for _, tt := range []struct {
		name  string
		fault fakeapi.Fault
	}{
		{"connection reset", fakeapi.Fault{Reset: true}},
		{"slower than the deadline", fakeapi.Fault{Delay: 5 * time.Second}},
		{"truncated body", fakeapi.Fault{Truncate: true}},
		{"HTTP 503", fakeapi.Fault{Status: http.StatusServiceUnavailable, Body: "busy"}},
		{"risk control -412", fakeapi.Fault{Status: http.StatusPreconditionFailed, Body: `{"code":-412,"message":"请求被拦截","ttl":1}`}},
		{"overload -503 with HTTP 200", fakeapi.Fault{Body: `{"code":-503,"message":"overload","ttl":1}`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := fakeapi.NewBilibili()
			defer f.Close()
			f.Danmaku[62131] = elems(1000, 120, 11*60*1000)
			f.Queue(SegPath, fakeapi.Fault{}, tt.fault, tt.fault) // segment 2 fails twice
			var retries []error
			c := testClient(f, "")
			c.HTTP = httpx.New(httpx.Config{Service: Service, Timeout: 500 * time.Millisecond, Attempts: 4,
				InitialBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond, RateLimitBackoff: 2 * time.Millisecond,
				OnRetry: func(err error, _ time.Duration) { retries = append(retries, err) }})
			src := &Source{Client: c, Spec: "bilibili:cid=62131", Cid: 62131, DurationMs: 11 * 60 * 1000, Archive: archive.Dir{Path: t.TempDir()}}
			if _, err := src.Fetch(context.Background()); err != nil {
				t.Fatal(err)
			}
			// 2 segments, 2 empty ones after them, 2 failed attempts. (Go's
			// transport itself retries a GET whose reused connection was
			// reset before any reply, so count requests, not our retries.)
			if got := f.Count(SegPath); got != 6 || len(retries) == 0 {
				t.Errorf("%d requests, %d retries (%v); want 6 requests", got, len(retries), retries)
			}
			rows, _ := readAll(t, src)
			if !slices.Equal(dmids(rows), wantIDs(1000, 120)) {
				t.Errorf("got %d rows, want all 120 in order", len(rows))
			}
		})
	}
}

// Retries are bounded; when segments keep failing, the XML pool is used and
// the fallback is noted.
func TestSegmentsFailFallBackToXML(t *testing.T) {
	f := fakeapi.NewBilibili()
	defer f.Close()
	f.Danmaku[62131] = elems(5000, 40, 5*60*1000)
	for range 4 {
		f.Queue(SegPath, fakeapi.Fault{Status: 500, Body: "oops"})
	}
	src := &Source{Client: testClient(f, ""), Spec: "bilibili:cid=62131", Cid: 62131, DurationMs: 5 * 60 * 1000, Archive: archive.Dir{Path: t.TempDir()}}
	st, err := src.Fetch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Count(SegPath); got != 4 {
		t.Errorf("%d segment attempts, want 4 (the bound)", got)
	}
	if len(st.Notes) != 1 || !strings.Contains(st.Notes[0], "fell back to the XML pool") || !strings.Contains(st.Notes[0], "HTTP 500") {
		t.Errorf("notes %q", st.Notes)
	}
	rows, rs := readAll(t, src)
	if !slices.Equal(dmids(rows), wantIDs(5000, 40)) || rows[0].source != SourceXML {
		t.Errorf("XML rows: %d, first %+v", len(rows), rows[0])
	}
	if rs.Format != "xml+deflate" {
		t.Errorf("format %q, want the raw deflate of list.so recognised", rs.Format)
	}
	// Without the fallback the error names endpoint, segment and status.
	src = &Source{Client: testClient(f, ""), Spec: "bilibili:cid=62131", Cid: 62131, NoFallback: true, Archive: archive.Dir{Path: t.TempDir()}}
	for range 4 {
		f.Queue(SegPath, fakeapi.Fault{Body: `{"code":-404,"message":"啥都木有","ttl":1}`})
	}
	_, err = src.Fetch(context.Background())
	if err == nil || !strings.Contains(err.Error(), "/x/v2/dm/web/seg.so cid=62131 segment 1: API code -404 (no such video or page") {
		t.Errorf("error %v", err)
	}
	if httpx.KindOf(err) != httpx.Permanent {
		t.Errorf("kind %v, want permanent (-404 is not retried)", httpx.KindOf(err))
	}
}

func TestXMLFormat(t *testing.T) {
	f := fakeapi.NewBilibili()
	defer f.Close()
	f.Danmaku[62131] = elems(1<<55, 30, 60000)
	src := &Source{Client: testClient(f, ""), Spec: "bilibili:cid=62131", Cid: 62131, Format: FormatXML, Archive: archive.Dir{Path: t.TempDir()}}
	rows, _ := readAll(t, src)
	if f.Count(SegPath) != 0 || f.Count(XMLPath) != 1 {
		t.Errorf("requests: %d seg, %d xml", f.Count(SegPath), f.Count(XMLPath))
	}
	if !slices.Equal(dmids(rows), wantIDs(1<<55, 30)) {
		t.Errorf("dmids %v", dmids(rows))
	}
}

func TestHistoryMergedWithoutDuplicates(t *testing.T) {
	f := fakeapi.NewBilibili()
	defer f.Close()
	f.SESSDATA = "sess-0123456789"
	live := elems(100, 20, 60000)
	f.Danmaku[62131] = live
	// Two days: the first overlaps the live pool (dmids 110-119) and adds
	// 90-99; the second adds 80-89. A day outside the range adds 1-9.
	f.History[62131] = map[string][]*dmpb.DanmakuElem{
		"2024-01-31": append(elems(90, 10, 60000), live[10:]...),
		"2024-02-01": elems(80, 10, 60000),
		"2024-02-05": elems(1, 9, 60000),
	}
	h := &History{From: time.Date(2024, 1, 20, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC)}
	src := &Source{Client: testClient(f, "sess-0123456789"), Spec: "bilibili:cid=62131", Cid: 62131, DurationMs: 60000, History: h,
		Archive: archive.Dir{Path: t.TempDir()}}
	rows, rs := readAll(t, src)
	want := append(append(wantIDs(100, 20), wantIDs(90, 10)...), wantIDs(80, 10)...)
	if !slices.Equal(dmids(rows), want) {
		t.Errorf("dmids %v\nwant %v", dmids(rows), want)
	}
	if rs.Skipped[archive.ReasonDuplicate] != 10 {
		t.Errorf("skips %v, want 10 duplicate dmids", rs.Skipped)
	}
	if rows[len(rows)-1].source != SourceHistory {
		t.Errorf("history rows have source %q", rows[len(rows)-1].source)
	}
	if f.Count(HistoryIndexPath) != 2 || f.Count(HistorySegPath) != 2 {
		t.Errorf("%d index and %d day requests, want 2 and 2", f.Count(HistoryIndexPath), f.Count(HistorySegPath))
	}
	// A wrong cookie is the credential's failure: fatal, and the message
	// does not carry it.
	src = &Source{Client: testClient(f, "wrong-cookie-value"), Spec: "bilibili:cid=62131", Cid: 62131, DurationMs: 60000, History: h,
		Archive: archive.Dir{Path: t.TempDir()}}
	_, err := src.Fetch(context.Background())
	if !httpx.IsFatal(err) || !strings.Contains(err.Error(), "-101") || strings.Contains(err.Error(), "wrong-cookie-value") {
		t.Errorf("error %v, want fatal -101 without the cookie", err)
	}
	// Without a cookie history is refused before any request.
	src.Client = testClient(f, "")
	if _, err := src.Fetch(context.Background()); !errors.Is(err, ErrNoLogin) {
		t.Errorf("error %v, want ErrNoLogin", err)
	}
}

// A fetch killed in the middle resumes: only missing segments are asked
// for, and the result has every danmaku once.
func TestResumeAfterInterruption(t *testing.T) {
	f := fakeapi.NewBilibili()
	defer f.Close()
	f.Danmaku[62131] = elems(7000, 500, 30*60*1000) // 5 segments
	dir := archive.Dir{Path: t.TempDir()}
	ctx, cancel := context.WithCancel(context.Background())
	c := testClient(f, "")
	src := &Source{Client: c, Spec: "bilibili:cid=62131", Cid: 62131, DurationMs: 30 * 60 * 1000, Archive: dir, NoFallback: true,
		OnReply: func(e fetch.ReplyEvent) {
			if e.Label == "segment 3" {
				cancel() // killed while segment 4 is on its way
			}
		}}
	if _, err := src.Fetch(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted fetch: %v", err)
	}
	if _, ok := dir.Completed(); ok {
		t.Fatal("an interrupted fetch marked the archive complete")
	}
	before := f.Count(SegPath)
	src.OnReply = nil
	st, err := src.Fetch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Reused != 3 || f.Count(SegPath)-before != st.Downloaded || st.Downloaded != 4 {
		t.Errorf("resume: %+v, %d new requests; want segments 1-3 reused, 4-7 downloaded", st, f.Count(SegPath)-before)
	}
	rows, _ := readAll(t, src)
	if !slices.Equal(dmids(rows), wantIDs(7000, 500)) {
		t.Errorf("after resume: %d rows, want all 500 once, in order", len(rows))
	}
}

func TestParsePagelist(t *testing.T) {
	good := `{"code":0,"message":"0","ttl":1,"data":[{"cid":62131,"page":1,"from":"vupload","part":"P1","duration":3061},{"cid":62132,"page":2,"part":"P2","duration":10}]}`
	pages, err := ParsePagelist([]byte(good))
	if err != nil || len(pages) != 2 || pages[0].Cid != 62131 || pages[0].Duration != 3061 || pages[1].Page != 2 {
		t.Errorf("pages %+v, %v", pages, err)
	}
	for _, bad := range []string{`{"code":0,"data":[]}`, `{"code":0,"data":[{"page":1}]}`, `{"code":0,"data":{"cid":1}}`, `nope`} {
		if _, err := ParsePagelist([]byte(bad)); err == nil {
			t.Errorf("ParsePagelist(%s) accepted", bad)
		}
	}
}

// Asking for history after a fetch without it completes the archive again:
// the segments come from the archive, only the history from the network.
func TestHistoryAddedLater(t *testing.T) {
	f := fakeapi.NewBilibili()
	defer f.Close()
	f.SESSDATA = "sess-0123456789"
	f.Danmaku[62131] = elems(100, 20, 60000)
	f.History[62131] = map[string][]*dmpb.DanmakuElem{"2024-02-01": elems(80, 10, 60000)}
	dir := archive.Dir{Path: t.TempDir()}
	src := &Source{Client: testClient(f, "sess-0123456789"), Spec: "bilibili:cid=62131", Cid: 62131, DurationMs: 60000, Archive: dir}
	if _, err := src.Fetch(context.Background()); err != nil {
		t.Fatal(err)
	}
	segs := f.Count(SegPath)
	src.History = &History{From: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)}
	st, err := src.Fetch(context.Background())
	if err != nil || f.Count(SegPath) != segs || f.Count(HistorySegPath) != 1 || st.Reused != segs {
		t.Errorf("%+v, %v; %d new segment requests, %d history requests", st, err, f.Count(SegPath)-segs, f.Count(HistorySegPath))
	}
	rows, _ := readAll(t, src)
	if len(rows) != 30 {
		t.Errorf("%d rows, want 30", len(rows))
	}
}

func TestCodes(t *testing.T) {
	for _, tt := range []struct {
		status int
		body   string
		kind   httpx.Kind
		want   string
	}{
		{200, `{"code":-101,"message":"账号未登录"}`, httpx.Fatal, "API code -101 (not logged in"},
		{200, `{"code":-111,"message":"csrf"}`, httpx.Fatal, "csrf check failed"},
		{412, `{"code":-412,"message":"请求被拦截"}`, httpx.RateLimited, "risk control"},
		{200, `{"code":-509,"message":""}`, httpx.RateLimited, "over the request limit"},
		{200, `{"code":-799,"message":""}`, httpx.RateLimited, "too frequent"},
		{200, `{"code":-500,"message":""}`, httpx.Retryable, "server error"},
		{503, `{"code":-503,"message":""}`, httpx.Retryable, "overloaded"},
		{200, `{"code":-400,"message":""}`, httpx.Permanent, "bad request"},
		{200, `{"code":-403,"message":"访问权限不足"}`, httpx.Permanent, `access denied; server says "访问权限不足"`},
		{404, `{"code":-404,"message":""}`, httpx.Permanent, "no such video"},
		{200, `{"code":62002,"message":""}`, httpx.Permanent, "not visible"},
		{200, `{"code":62004,"message":""}`, httpx.Permanent, "under review"},
		{200, `{"code":62012,"message":""}`, httpx.Permanent, "uploader only"},
		{200, `{"code":-352,"message":""}`, httpx.Permanent, "risk control check failed"},
		{200, `{"code":12345,"message":""}`, httpx.Permanent, "undocumented code"},
		{502, `<html>bad gateway</html>`, httpx.Retryable, "HTTP 502"},
		{200, `{"code":0,"data":[`, httpx.Retryable, "cut short"},
	} {
		err := checkJSON(&httpx.Reply{Status: tt.status, Body: []byte(tt.body)})
		if err == nil || httpx.KindOf(err) != tt.kind || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%d %s: %v (kind %v), want %v %q", tt.status, tt.body, err, httpx.KindOf(err), tt.kind, tt.want)
		}
	}
	if err := checkJSON(&httpx.Reply{Status: 200, Body: []byte(`{"code":0,"data":[]}`)}); err != nil {
		t.Errorf("code 0: %v", err)
	}
}
