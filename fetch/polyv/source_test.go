package polyv

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/archive"
	"github.com/danmakuscope/danmakuscope/fetch/fakeapi"
	"github.com/danmakuscope/danmakuscope/fetch/httpx"
)

const (
	userID = "1b448be323"
	secret = "polyv-secret-KEY-0000"
	vidA   = "1b448be323b68b2999802799a98dba54_1"
	vidB   = "1b448be3239c2ef0cb3ab9fd105f7fb2_1"
)

func newFake(nA, nB int) *fakeapi.Polyv {
	f := fakeapi.NewPolyv(userID, secret)
	for i := range max(nA, nB) {
		if i < nA {
			f.Items = append(f.Items, fakeapi.PolyvItem(int64(1000+i), vidA, i, "弹幕A"))
		}
		if i < nB {
			f.Items = append(f.Items, fakeapi.PolyvItem(int64(5000+i), vidB, 3600+i, "弹幕B"))
		}
	}
	return f
}

func newClient(f *fakeapi.Polyv, cfg httpx.Config) *Client {
	cfg.Service = Service
	if cfg.Timeout == 0 {
		cfg.Timeout = 2 * time.Second
	}
	cfg.Attempts, cfg.InitialBackoff, cfg.MaxBackoff, cfg.RateLimitBackoff = 4, time.Millisecond, 3*time.Millisecond, 3*time.Millisecond
	cfg.Redact = httpx.NewRedactor([]string{secret}, "sign")
	return &Client{HTTP: httpx.New(cfg), Base: f.URL, UserID: userID, SecretKey: secret}
}

type row struct {
	dmid, progress, sentAt int64
	mode                   int8
	fontsize               int16
	color                  uint32
	hash, key              string
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
				dmid:     rec.Column(fetch.ColDmid).(*array.Int64).Value(i),
				progress: rec.Column(fetch.ColProgressMs).(*array.Int64).Value(i),
				sentAt:   int64(rec.Column(fetch.ColSentAt).(*array.Timestamp).Value(i)),
				mode:     rec.Column(fetch.ColMode).(*array.Int8).Value(i),
				fontsize: rec.Column(fetch.ColFontsize).(*array.Int16).Value(i),
				color:    rec.Column(fetch.ColColor).(*array.Uint32).Value(i),
				hash:     rec.Column(fetch.ColUserHash).(*array.String).Value(i),
				key:      rec.Column(fetch.ColVideoKey).(*array.String).Value(i),
			})
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return rows, st.Stats(), skips
}

func TestFetchVideo(t *testing.T) {
	f := newFake(250, 30)
	defer f.Close()
	byID := func(id int64) map[string]any {
		for _, it := range f.Items {
			if it["id"] == id {
				return it
			}
		}
		t.Fatalf("no item %d", id)
		return nil
	}
	byID(1001)["fontsize"] = "4294967332" // like "4294967320" in Polyv's own sample: 36 past 2^32
	byID(1002)["fontmode"], byID(1002)["fontcolor"] = "top", "0xFF0000"
	byID(1003)["fontmode"] = "bottom"
	src := &Source{Client: newClient(f, httpx.Config{}), Spec: "polyv:vid=" + vidA, VID: vidA, Archive: archive.Dir{Path: t.TempDir()}}
	st, err := src.Fetch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if f.Count("/v2/danmu/"+userID) != 3 || st.Items != 250 {
		t.Errorf("%d requests, %+v; want 3 pages of 100", f.Count("/v2/danmu/"+userID), st)
	}
	for i, q := range f.Requests() {
		if q.Query["vid"][0] != vidA || q.Query["pageNum"][0] != string(rune('1'+i)) || q.Query["numPerPage"][0] != "100" || len(q.Query["sign"][0]) != 40 {
			t.Errorf("request %d: %v", i, q.Query)
		}
	}
	rows, rs, skips := readAll(t, src)
	if len(rows) != 250 || rs.Kept != 250 || len(skips) != 0 {
		t.Fatalf("%d rows, %+v, %v", len(rows), rs, skips)
	}
	r := rows[1]
	if r.dmid != 1001 || r.progress != 1000 || r.sentAt != 1617176768000+1001 || r.key != "polyv:vid:"+vidA || r.fontsize != 36 || r.mode != 1 || r.color != 0xFFFFFF {
		t.Errorf("row 1 %+v", r)
	}
	if rows[2].mode != 5 || rows[2].color != 0xFF0000 || rows[3].mode != 4 {
		t.Errorf("rows 2, 3: %+v %+v", rows[2], rows[3])
	}
	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(r.hash) || rows[0].hash == r.hash || rows[7].hash != rows[0].hash {
		t.Errorf("user hashes %q %q %q: want 16 hex digits, equal for the same viewer", rows[0].hash, r.hash, rows[7].hash)
	}
	// No personal field reached the archive.
	err = filepath.WalkDir(src.Archive.Path, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := os.ReadFile(p)
		for _, pii := range []string{"203.0.113.7", "小明同学", "example.invalid", "clientIp", "nick"} {
			if bytes.Contains(b, []byte(pii)) {
				t.Errorf("%s holds %q", d.Name(), pii)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestWholeAccount(t *testing.T) {
	f := newFake(250, 30)
	defer f.Close()
	dir := archive.Dir{Path: t.TempDir()}
	acct := &Source{Client: newClient(f, httpx.Config{}), Spec: "polyv:", Archive: dir}
	if _, err := acct.Fetch(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.Requests()[0].Query["vid"]; ok {
		t.Error("a whole-account request sent vid")
	}
	vids, err := acct.Videos()
	if err != nil || !slices.Equal(vids, []string{vidB, vidA}) && !slices.Equal(vids, []string{vidA, vidB}) {
		t.Fatalf("videos %v, %v", vids, err)
	}
	for vid, n := range map[string]int{vidA: 250, vidB: 30} {
		rows, _, _ := readAll(t, &Source{Client: acct.Client, Spec: "polyv:", Only: vid, Archive: dir})
		if len(rows) != n || rows[0].key != "polyv:vid:"+vid {
			t.Errorf("%s: %d rows (want %d), key %q", vid, len(rows), n, rows[0].key)
		}
	}
}

func TestCredentialErrorsAreFatal(t *testing.T) {
	f := newFake(5, 0)
	defer f.Close()
	for _, tt := range []struct {
		name, user, secret, want string
		mirror                   bool
	}{
		{"wrong secret", userID, "not-the-secret", "the sign is not right.", false},
		{"unknown user", "nobody", secret, "Could not find user by userid.", false},
		{"wrong secret, HTTP 400", userID, "not-the-secret", `the sign is not right."), HTTP 400`, true},
	} {
		f.MirrorStatus = tt.mirror
		c := newClient(f, httpx.Config{})
		c.UserID, c.SecretKey = tt.user, tt.secret
		c.HTTP = httpx.New(httpx.Config{Service: Service, Attempts: 3, Redact: httpx.NewRedactor([]string{tt.secret})})
		_, err := (&Source{Client: c, Spec: "polyv:vid=x", VID: vidA, Archive: archive.Dir{Path: t.TempDir()}}).Fetch(context.Background())
		if !httpx.IsFatal(err) || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), tt.secret) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}

// ptime is fresh on every request and every retry: a retry after the
// server's clock moved on by 4 minutes still gets through, while a client
// clock 5 minutes behind is refused as the service refuses it.
func TestPtime(t *testing.T) {
	f := newFake(5, 0)
	defer f.Close()
	var mu sync.Mutex
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	f.Now = clock
	f.Queue("/v2/danmu/"+userID, fakeapi.Fault{Body: fakeapi.PolyvBody(500, "fail", "query failed.", "")})
	c := newClient(f, httpx.Config{OnRetry: func(error, time.Duration) {
		mu.Lock()
		now = now.Add(4 * time.Minute)
		mu.Unlock()
	}})
	c.Now = clock
	if _, err := (&Source{Client: c, Spec: "polyv:vid=x", VID: vidA, Archive: archive.Dir{Path: t.TempDir()}}).Fetch(context.Background()); err != nil {
		t.Fatal(err)
	}
	reqs := f.Requests()
	if len(reqs) != 2 || reqs[0].Query["ptime"][0] == reqs[1].Query["ptime"][0] || reqs[0].Query["sign"][0] == reqs[1].Query["sign"][0] {
		t.Errorf("requests %v: want a retry with a new ptime and sign", reqs)
	}
	c = newClient(f, httpx.Config{})
	c.Now = func() time.Time { return clock().Add(-5 * time.Minute) }
	_, err := (&Source{Client: c, Spec: "polyv:vid=x", VID: vidA, Archive: archive.Dir{Path: t.TempDir()}}).Fetch(context.Background())
	if err == nil || !strings.Contains(err.Error(), "ptime is too old.") || !strings.Contains(err.Error(), "system clock") {
		t.Errorf("stale ptime: %v", err)
	}
}

// The client keeps to its request rate: with 20 requests per second and no
// burst, requests are at least 50 ms apart.
func TestRateLimit(t *testing.T) {
	f := newFake(60, 0)
	defer f.Close()
	src := &Source{Client: newClient(f, httpx.Config{Rate: 20, Burst: 1}), Spec: "polyv:vid=x", VID: vidA, PageSize: 10,
		Archive: archive.Dir{Path: t.TempDir()}}
	if _, err := src.Fetch(context.Background()); err != nil {
		t.Fatal(err)
	}
	reqs := f.Requests()
	if len(reqs) != 6 {
		t.Fatalf("%d requests, want 6", len(reqs))
	}
	// 5 intervals of at least 50 ms between sends; arrival times jitter,
	// so allow for one late first arrival. Unlimited, they take ~1 ms.
	if span := reqs[5].Time.Sub(reqs[0].Time); span < 175*time.Millisecond {
		t.Errorf("6 requests within %v, want at least 250 ms", span)
	}
}

func TestBadItems(t *testing.T) {
	f := newFake(4, 0)
	defer f.Close()
	f.MirrorStatus = true
	f.Items[0]["time"] = "00:99:00"
	f.Items[1]["fontmode"] = "diagonal"
	f.Items[2]["fontcolor"] = "white"
	src := &Source{Client: newClient(f, httpx.Config{}), Spec: "polyv:vid=x", VID: vidA, Archive: archive.Dir{Path: t.TempDir()}}
	rows, rs, skips := readAll(t, src)
	if len(rows) != 1 || rs.Skipped[archive.ReasonBadItem] != 3 {
		t.Fatalf("%d rows, %v", len(rows), rs.Skipped)
	}
	for i, want := range []string{`page 1: item 1: id 1000: time "00:99:00" is not HH:mm:ss`, `fontmode "diagonal"`, `fontcolor "white"`} {
		if !strings.Contains(skips[i].String(), want) {
			t.Errorf("skip %d %q lacks %q", i, skips[i], want)
		}
	}
}

func TestClock(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
		ok   bool
	}{{"00:00:10", 10000, true}, {"01:02:03", 3723000, true}, {"100:00:00", 360000000, true}, {"02:03", 123000, true},
		{"", 0, false}, {"1:2:3:4", 0, false}, {"00:60:00", 0, false}, {"aa:00:00", 0, false}} {
		got, err := clock(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("clock(%q) = %d, %v", tt.in, got, err)
		}
	}
}
