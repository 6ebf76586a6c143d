package justoneapi

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/archive"
	"github.com/danmakuscope/danmakuscope/fetch/fakeapi"
	"github.com/danmakuscope/danmakuscope/fetch/httpx"
)

const token = "jo-token-SECRET-4242"

func newSource(t *testing.T, f *fakeapi.JustOneAPI, tok string) *Source {
	t.Helper()
	c := &Client{HTTP: httpx.New(httpx.Config{Service: Service, Timeout: 2 * time.Second, Attempts: 4,
		InitialBackoff: time.Millisecond, MaxBackoff: 3 * time.Millisecond, RateLimitBackoff: 3 * time.Millisecond,
		Redact: httpx.NewRedactor([]string{tok}, "token")}), Base: f.URL, Token: tok}
	return &Source{Client: c, Spec: "justoneapi:aid=2,cid=62131", Aid: 2, Cid: 62131, Archive: archive.Dir{Path: t.TempDir()}}
}

// items returns n Bilibili-style items, dmids from base, written with
// camelCase keys and JSON numbers, or snake_case keys and numeric strings.
func items(base int64, n int, snake bool) []map[string]any {
	var out []map[string]any
	for i := range n {
		id := base + int64(i)
		m := map[string]any{"id": id, "idStr": strconv.FormatInt(id, 10), "progress": 1000 * i, "mode": 1, "fontsize": 25,
			"color": 16777215, "midHash": "4fe08d3", "content": fmt.Sprintf("第%d条", i), "ctime": 1700000000 + i, "weight": 2, "pool": 0}
		if snake {
			m = map[string]any{"id_str": strconv.FormatInt(id, 10), "progress": strconv.Itoa(1000 * i), "mode": "1", "font_size": "25",
				"color": "16777215", "mid_hash": "4fe08d3", "content": fmt.Sprintf("第%d条", i), "ctime": strconv.Itoa(1700000000 + i)}
		}
		out = append(out, m)
	}
	return out
}

type row struct {
	dmid, progress, sentAt int64
	text, hash             string
	weightValid            bool
}

func readAll(t *testing.T, src fetch.Source) ([]row, fetch.ReadStats, []fetch.Skip) {
	t.Helper()
	var skips []fetch.Skip
	st, err := src.Open(context.Background(), fetch.Options{OnSkip: func(s fetch.Skip) { skips = append(skips, s) }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var rows []row
	if err := fetch.ForEach(st, func(rec arrow.Record) error {
		for i := range int(rec.NumRows()) {
			rows = append(rows, row{
				dmid:        rec.Column(fetch.ColDmid).(*array.Int64).Value(i),
				progress:    rec.Column(fetch.ColProgressMs).(*array.Int64).Value(i),
				sentAt:      int64(rec.Column(fetch.ColSentAt).(*array.Timestamp).Value(i)),
				text:        rec.Column(fetch.ColText).(*array.String).Value(i),
				hash:        rec.Column(fetch.ColUserHash).(*array.String).Value(i),
				weightValid: rec.Column(fetch.ColWeight).IsValid(i),
			})
			if src := rec.Column(fetch.ColSource).(*array.String).Value(i); src != SourceName {
				t.Errorf("source %q", src)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return rows, st.Stats(), skips
}

func TestPagesUntilEmpty(t *testing.T) {
	for _, tt := range []struct {
		name  string
		shape string
		snake bool
		end   bool
	}{
		{"list, camelCase numbers", "list", false, false},
		{"object, snake_case strings", "object", true, false},
		{"ends with code 201", "list", false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := fakeapi.NewJustOneAPI(token)
			defer f.Close()
			f.Shape, f.EndWith201 = tt.shape, tt.end
			const base = 1<<53 + 1 // not representable as a float64
			f.Items[62131] = items(base, 120, tt.snake)
			src := newSource(t, f, token)
			st, err := src.Fetch(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if f.Count(DanmakuPath) != 4 || st.Items != 120 || st.Replies != 4 {
				t.Errorf("%d requests, stats %+v; want pages 1-3 and an empty page 4", f.Count(DanmakuPath), st)
			}
			for i, q := range f.Requests() {
				if q.Query["page"][0] != strconv.Itoa(i+1) || q.Query["aid"][0] != "2" || q.Query["cid"][0] != "62131" {
					t.Errorf("request %d: %v", i, q.Query)
				}
			}
			rows, rs, skips := readAll(t, src)
			if len(rows) != 120 || rs.Kept != 120 || len(skips) != 0 {
				t.Fatalf("%d rows, stats %+v, skips %v", len(rows), rs, skips)
			}
			r := rows[7]
			if r.dmid != base+7 || r.progress != 7000 || r.sentAt != (1700000000+7)*1000 || r.text != "第7条" || r.hash != "4fe08d3" {
				t.Errorf("row 7 %+v", r)
			}
			if r.weightValid == tt.snake {
				t.Errorf("weight valid = %v; want it null only when absent", r.weightValid)
			}
		})
	}
}

// A page whose data is not understood is archived, reported with its page
// number and ends paging; an item that does not map is skipped and named.
func TestShapesNotUnderstood(t *testing.T) {
	f := fakeapi.NewJustOneAPI(token)
	defer f.Close()
	f.Shape = "weird"
	its := items(100, 50, false)
	delete(its[2], "content")
	its[4]["progress"] = "12.5"
	its[5]["idStr"] = "12e3"
	f.Items[62131] = append(its, items(200, 10, false)...)
	src := newSource(t, f, token)
	st, err := src.Fetch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if f.Count(DanmakuPath) != 2 || len(st.Notes) != 1 || !strings.Contains(st.Notes[0], "page 2") || !strings.Contains(st.Notes[0], "page-0002.json") {
		t.Errorf("%d requests, notes %q", f.Count(DanmakuPath), st.Notes)
	}
	if !src.Archive.Has("page-0002.json") {
		t.Error("the page not understood is not in the archive")
	}
	rows, rs, skips := readAll(t, src)
	if len(rows) != 47 || rs.Skipped[archive.ReasonBadItem] != 3 || rs.Skipped[archive.ReasonBadReply] != 1 {
		t.Errorf("%d rows, skips %v", len(rows), rs.Skipped)
	}
	var msgs []string
	for _, s := range skips {
		msgs = append(msgs, s.String())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"page 1: item 3: dmid 102: no content string (bad_item)", `page 1: item 5: dmid 104: progress "12.5" is not an integer`,
		`item 6: idStr "12e3" is not an integer`, "page 2: reply not understood (kept in the archive as page-0002.json)"} {
		if !strings.Contains(all, want) {
			t.Errorf("skips lack %q:\n%s", want, all)
		}
	}
}

func TestCodes(t *testing.T) {
	for _, mirror := range []bool{false, true} {
		for _, tt := range []struct {
			code  int
			kind  httpx.Kind
			retry bool // succeeds after retries
			words string
		}{
			{301, httpx.Retryable, true, "collection failed"},
			{500, httpx.Retryable, true, "internal error"},
			{302, httpx.RateLimited, true, "rate limit exceeded"},
			{100, httpx.Fatal, false, "invalid or inactive token"},
			{601, httpx.Fatal, false, "insufficient balance"},
			{303, httpx.Permanent, false, "daily quota exceeded"},
			{400, httpx.Permanent, false, "invalid parameters"},
			{600, httpx.Permanent, false, "permission denied"},
			{101, httpx.Permanent, false, "undocumented code"},
		} {
			t.Run(fmt.Sprintf("code %d, status mirrored %v", tt.code, mirror), func(t *testing.T) {
				f := fakeapi.NewJustOneAPI(token)
				defer f.Close()
				f.MirrorStatus = mirror
				f.Items[62131] = items(1, 10, false)
				body := fakeapi.JustOneBody(tt.code, "x", nil)
				f.Queue(DanmakuPath, fakeapi.Fault{Body: body}, fakeapi.Fault{Body: body})
				src := newSource(t, f, token)
				_, err := src.Fetch(context.Background())
				if tt.retry {
					if err != nil || f.Count(DanmakuPath) != 4 {
						t.Errorf("error %v after %d requests; want success after 2 retries", err, f.Count(DanmakuPath))
					}
					return
				}
				want := fmt.Sprintf("page 1: API code %d (%s", tt.code, tt.words)
				if err == nil || !strings.Contains(err.Error(), want) || httpx.KindOf(err) != tt.kind || f.Count(DanmakuPath) != 1 {
					t.Errorf("error %v (kind %v) after %d requests; want %q, %v, no retry", err, httpx.KindOf(err), f.Count(DanmakuPath), want, tt.kind)
				}
				if err != nil && strings.Contains(err.Error(), token) {
					t.Errorf("error carries the token: %v", err)
				}
			})
		}
	}
}

func TestEmptyResult201(t *testing.T) {
	f := fakeapi.NewJustOneAPI(token)
	defer f.Close()
	f.EndWith201 = true
	src := newSource(t, f, token)
	st, err := src.Fetch(context.Background())
	rows, _, _ := readAll(t, src)
	if err != nil || f.Count(DanmakuPath) != 1 || st.Items != 0 || len(rows) != 0 {
		t.Errorf("%v, %d requests, %+v, %d rows", err, f.Count(DanmakuPath), st, len(rows))
	}
}

func TestWrongTokenIsFatalAndRedacted(t *testing.T) {
	f := fakeapi.NewJustOneAPI(token)
	defer f.Close()
	src := newSource(t, f, "wrong-token-777")
	_, err := src.Fetch(context.Background())
	if !httpx.IsFatal(err) || strings.Contains(err.Error(), "wrong-token-777") {
		t.Errorf("error %v", err)
	}
}

// A service that ignores the page number would be paged (and billed)
// forever; repeated pages stop it.
func TestRepeatedPagesStop(t *testing.T) {
	f := fakeapi.NewJustOneAPI(token)
	defer f.Close()
	f.IgnorePage = true
	f.Items[62131] = items(1, 30, false)
	src := newSource(t, f, token)
	st, err := src.Fetch(context.Background())
	if err != nil || f.Count(DanmakuPath) != 2 || len(st.Notes) != 1 || !strings.Contains(st.Notes[0], "page 2 repeats") {
		t.Errorf("%v, %d requests, notes %q", err, f.Count(DanmakuPath), st.Notes)
	}
	rows, rs, _ := readAll(t, src)
	if len(rows) != 30 || rs.Skipped[archive.ReasonDuplicate] != 30 {
		t.Errorf("%d rows, skips %v", len(rows), rs.Skipped)
	}
}

func TestTransportFaults(t *testing.T) {
	f := fakeapi.NewJustOneAPI(token)
	defer f.Close()
	f.Items[62131] = items(1, 120, false)
	f.Queue(DanmakuPath, fakeapi.Fault{Truncate: true}, fakeapi.Fault{}, fakeapi.Fault{Delay: 5 * time.Second}, fakeapi.Fault{},
		fakeapi.Fault{Status: 502, Body: "<html>bad gateway</html>"})
	src := newSource(t, f, token)
	src.Client.HTTP = httpx.New(httpx.Config{Service: Service, Timeout: 500 * time.Millisecond, Attempts: 4,
		InitialBackoff: time.Millisecond, MaxBackoff: 3 * time.Millisecond})
	if _, err := src.Fetch(context.Background()); err != nil {
		t.Fatal(err)
	}
	rows, _, _ := readAll(t, src)
	ids := make([]int64, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.dmid)
	}
	want := make([]int64, 120)
	for i := range want {
		want[i] = int64(i + 1)
	}
	if !slices.Equal(ids, want) {
		t.Errorf("got %d rows, want 1…120", len(rows))
	}
}
