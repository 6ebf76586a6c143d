package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/danmakuscope/danmakuscope/fetch/bilibili"
	"github.com/danmakuscope/danmakuscope/fetch/bilibili/dmpb"
	"github.com/danmakuscope/danmakuscope/fetch/fakeapi"
	"github.com/danmakuscope/danmakuscope/fetch/justoneapi"
	"github.com/danmakuscope/danmakuscope/report"
)

// Recognisable secrets: no byte sequence of them may appear in anything
// the program writes.
const (
	secretToken    = "JOTOKEN-s3cr3t-7f1d2a"
	secretSESSDATA = "SESSDATA-s3cr3t-c0ffee%2Cbeef"
	secretBiliJct  = "BILIJCT-s3cr3t-5a5a5a"
	secretPolyv    = "POLYVKEY-s3cr3t-9e9e9e"
	polyvUser      = "1b448be323"
	polyvVid       = "1b448be323b68b2999802799a98dba54_1"
)

// fast lifts the default Bilibili request budget (2 per second) in tests.
const fast = "--bilibili-rate=1000"

// runEnv runs a command line in-process with the given environment
// variables (and nothing else from the process's environment).
func runEnv(t testing.TB, vars map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, findFont: report.FindFont,
		getenv: func(k string) string { return vars[k] }}
	code = execute(context.Background(), e, args)
	return code, out.String(), errb.String()
}

// services are fakes of all three services with two Bilibili pages, the
// first also served by Just One API, and one Polyv video.
type fakeServices struct {
	bili  *fakeapi.Bilibili
	jo    *fakeapi.JustOneAPI
	polyv *fakeapi.Polyv
	vars  map[string]string
}

func newServices(t *testing.T) *fakeServices {
	t.Helper()
	s := &fakeServices{bili: fakeapi.NewBilibili(), jo: fakeapi.NewJustOneAPI(secretToken), polyv: fakeapi.NewPolyv(polyvUser, secretPolyv)}
	t.Cleanup(func() { s.bili.Close(); s.jo.Close(); s.polyv.Close() })
	s.bili.SESSDATA, s.bili.BiliJct = secretSESSDATA, secretBiliJct
	s.bili.Archives[2] = []fakeapi.BiliPage{{Cid: 62131, Part: "P1", Duration: 13 * 60}, {Cid: 62132, Part: "P2", Duration: 100}}
	s.bili.BVIDs["BV1xx411c7mD"] = 2
	s.bili.Danmaku[62131] = biliElems(1<<60, 400, 13*60*1000)
	s.bili.Danmaku[62132] = biliElems(1<<61, 30, 100*1000)
	// Just One API serves page 1 again: half the same dmids, half new ones.
	for i := range 60 {
		id := int64(1<<60) + int64(i*10) // every 10th live dmid …
		if i >= 30 {
			id = 1<<62 + int64(i) // … and 30 only Just One API has
		}
		s.jo.Items[62131] = append(s.jo.Items[62131], map[string]any{"idStr": fmt.Sprint(id), "progress": i * 1000, "mode": 1,
			"fontsize": 25, "color": 16777215, "midHash": "4fe08d3", "content": "好看", "ctime": 1700000000})
	}
	for i := range 25 {
		s.polyv.Items = append(s.polyv.Items, fakeapi.PolyvItem(int64(100+i), polyvVid, i*7, "老师讲得好"))
	}
	s.vars = map[string]string{
		"BILIBILI_BASE": s.bili.URL, "JUSTONEAPI_BASE": s.jo.URL, "POLYV_BASE": s.polyv.URL,
		"JUSTONEAPI_TOKEN": secretToken, "BILIBILI_SESSDATA": secretSESSDATA, "BILIBILI_BILI_JCT": secretBiliJct,
		"POLYV_USERID": polyvUser, "POLYV_SECRETKEY": secretPolyv,
	}
	return s
}

func biliElems(base int64, n int, durMs int) []*dmpb.DanmakuElem {
	var out []*dmpb.DanmakuElem
	for i := range n {
		out = append(out, &dmpb.DanmakuElem{Id: base + int64(i), Progress: int32(i * durMs / n), Mode: 1, Fontsize: 25,
			Color: 16777215, MidHash: "a16fe0dd", Content: []string{"哈哈哈哈", "前方高能", "泪目", "太好看了"}[i%4], Ctime: 1700000000, Weight: 3})
	}
	return out
}

// rawDmids reads the dmid column of a raw.parquet.
func rawDmids(t *testing.T, path string) []int64 {
	t.Helper()
	rows, err := parquet.ReadFile[struct {
		Dmid int64 `parquet:"dmid"`
	}](path)
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, r := range rows {
		out = append(out, r.Dmid)
	}
	return out
}

func TestFetchAllServices(t *testing.T) {
	s := newServices(t)
	out := t.TempDir()
	list := filepath.Join(t.TempDir(), "videos.txt")
	os.WriteFile(list, []byte("# one video through two services\njustoneapi:aid=2,cid=62131\n\npolyv:vid="+polyvVid+"\n"), 0o644)
	code, stdout, stderr := runEnv(t, s.vars, "fetch", "--progress", "plain", fast, "--out", out, "bilibili:BV1xx411c7mD", "@"+list)
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{`fetched 4 of 4 videos`, `bilibili:cid:62131 +bilibili:BV1xx411c7mD#p=1 +5 +5 +0 +400 +ok`,
		`bilibili:cid:62132 +bilibili:BV1xx411c7mD#p=2 +3 +3 +0 +30 +ok`, `bilibili:cid:62131 +justoneapi:aid=2,cid=62131 +3 +3 +0 +60 +ok`,
		`polyv:vid:` + polyvVid + ` +polyv:vid=` + polyvVid + ` +1 +1 +0 +25 +ok`} {
		if !regexp.MustCompile(want).MatchString(stdout) {
			t.Errorf("table lacks %q:\n%s", want, stdout)
		}
	}
	// Page 1 merges both services, each dmid once: 400 live + 30 more.
	ids := rawDmids(t, filepath.Join(out, "bilibili_cid_62131", "raw.parquet"))
	if len(ids) != 430 || len(slices.Compact(slices.Sorted(slices.Values(ids)))) != 430 {
		t.Errorf("page 1: %d rows (want 430 distinct)", len(ids))
	}
	if n := len(rawDmids(t, filepath.Join(out, "bilibili_cid_62132", "raw.parquet"))); n != 30 {
		t.Errorf("page 2: %d rows, want 30", n)
	}
	if n := len(rawDmids(t, filepath.Join(out, "polyv_vid_"+polyvVid, "raw.parquet"))); n != 25 {
		t.Errorf("polyv: %d rows, want 25", n)
	}
	var rec fetchRecord
	b, _ := os.ReadFile(filepath.Join(out, "bilibili_cid_62131", "fetch.json"))
	if err := json.Unmarshal(b, &rec); err != nil || rec.Counts.Danmaku != 430 || rec.Counts.Skipped["duplicate_dmid"] != 30 || len(rec.Sources) != 2 {
		t.Errorf("fetch.json %s (%v)", b, err)
	}
	for _, p := range []string{"bilibili_cid_62131/archive/bilibili/seg-0001.pb", "bilibili_cid_62131/archive/justoneapi/page-0001.json",
		".fetch/bilibili-pagelist/aid-2.json", "polyv_vid_" + polyvVid + "/archive/polyv/page-0001.json"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("archive: %v", err)
		}
	}
	// A second run finds everything in the archive.
	n := len(s.bili.Requests()) + len(s.jo.Requests()) + len(s.polyv.Requests())
	code, stdout, _ = runEnv(t, s.vars, "fetch", "--progress", "none", fast, "--out", out, "bilibili:BV1xx411c7mD", "@"+list)
	if m := len(s.bili.Requests()) + len(s.jo.Requests()) + len(s.polyv.Requests()); code != exitOK || m != n {
		t.Errorf("second run: exit %d, %d new requests\n%s", code, m-n, stdout)
	}
}

// One failing video does not stop the others; the run exits 3 and the
// table says what failed and why. A credential failure stops the run.
func TestFetchFailures(t *testing.T) {
	s := newServices(t)
	out := t.TempDir()
	code, stdout, stderr := runEnv(t, s.vars, "fetch", "--progress", "none", "--attempts", "2", "--out", out,
		"bilibili:av999", "bilibili:cid=62132", "justoneapi:aid=2,cid=62131")
	if code != exitFailure || !strings.Contains(stdout, "fetched 2 of 3 videos") || !strings.Contains(stdout, "API code -404 (no such video or page") {
		t.Errorf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "bilibili_cid_62132", "raw.parquet")); err != nil {
		t.Errorf("the good video was not written: %v", err)
	}
	// A wrong token stops the run: Polyv is not asked after it.
	vars := maps(s.vars, "JUSTONEAPI_TOKEN", "wrong-token-0000")
	code, stdout, stderr = runEnv(t, vars, "fetch", "--progress", "none", "--concurrency", "1", "--out", t.TempDir(),
		"justoneapi:aid=2,cid=62131", "polyv:vid="+polyvVid)
	if code != exitFailure || !strings.Contains(stdout, "API code 100 (invalid or inactive token)") || !strings.Contains(stdout, "not fetched: run stopped") ||
		len(s.polyv.Requests()) != 0 {
		t.Errorf("exit %d, %d polyv requests\n%s\n%s", code, len(s.polyv.Requests()), stdout, stderr)
	}
	if strings.Contains(stdout+stderr, "wrong-token-0000") {
		t.Error("the wrong token was printed")
	}
}

func maps(m map[string]string, kv ...string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

func TestFetchUsageErrors(t *testing.T) {
	s := newServices(t)
	for _, tt := range []struct {
		vars map[string]string
		args []string
		want string
	}{
		{s.vars, []string{"fetch"}, "at least one SOURCE"},
		{s.vars, []string{"fetch", "bilibili:BV1xx"}, "not a Bilibili video id"},
		{s.vars, []string{"fetch", "bilibili:cid=62131#p=2"}, "a cid is one page already"},
		{s.vars, []string{"fetch", "justoneapi:aid=2"}, "want aid=N,cid=N"},
		{s.vars, []string{"fetch", "polyv:vid=a b"}, "want polyv:vid=VID"},
		{maps(s.vars, "JUSTONEAPI_TOKEN", ""), []string{"fetch", "justoneapi:aid=2,cid=3"}, "JUSTONEAPI_TOKEN or use --token-file"},
		{maps(s.vars, "POLYV_SECRETKEY", ""), []string{"fetch", "polyv:"}, "POLYV_SECRETKEY"},
		{maps(s.vars, "BILIBILI_SESSDATA", ""), []string{"fetch", "--history-from", "2024-01-01", "bilibili:cid=1"}, "need the SESSDATA cookie"},
		{s.vars, []string{"fetch", "--history-from", "2024-13-01", "bilibili:cid=1"}, "--history-from"},
		{s.vars, []string{"fetch", "--bilibili-format", "json", "bilibili:cid=1"}, "--bilibili-format"},
		{s.vars, []string{"fetch", "--polyv-rate", "500", "polyv:"}, "stay at or below 150"},
		{maps(s.vars, "BILIBILI_BASE", "ftp://x"), []string{"fetch", "bilibili:cid=1"}, "want http(s)://"},
		{s.vars, []string{"fetch", "--token", "x", "bilibili:cid=1"}, "unknown flag: --token"},
	} {
		code, _, stderr := runEnv(t, tt.vars, tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 mentioning %q", tt.args, code, stderr, tt.want)
		}
	}
}

func TestParseSpec(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want spec
	}{
		{"bilibili:BV1xx411c7mD", spec{service: "bilibili", bvid: "BV1xx411c7mD", aid: 2}},
		{"bilibili:bv17x411w7KC#p=3", spec{service: "bilibili", bvid: "BV17x411w7KC", aid: 170001, page: 3}},
		{"Bilibili:av170001", spec{service: "bilibili", aid: 170001}},
		{"bilibili:cid=62131", spec{service: "bilibili", cid: 62131}},
		{"bilibili:cid=62131,aid=2", spec{service: "bilibili", cid: 62131, aid: 2}},
		{"justoneapi:cid=62131,aid=2", spec{service: "justoneapi", cid: 62131, aid: 2}},
		{"polyv:", spec{service: "polyv"}},
		{"polyv:vid=abc_1", spec{service: "polyv", vid: "abc_1"}},
	} {
		got, err := parseSpec(tt.in)
		tt.want.raw = tt.in
		if err != nil || got != tt.want {
			t.Errorf("parseSpec(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"bilibili:", "bilibili:av", "bilibili:av-1", "bilibili:BV1xx411c7mD#2", "bilibili:cid=1,cid=2",
		"bilibili:cid=1,foo=2", "justoneapi:aid=1,cid=x", "polyv:vid="} {
		if _, err := parseSpec(bad); err == nil {
			t.Errorf("parseSpec(%q) accepted", bad)
		}
	}
}

// `analyze run` fetches SOURCEs and analyses them beside files; a re-run
// resumes from the archive in the report tree.
func TestRunWithSources(t *testing.T) {
	s := newServices(t)
	out := t.TempDir()
	code, _, stderr := runEnv(t, s.vars, "run", "--progress", "plain", fast, "--out", out, "bilibili:cid=62131,aid=2",
		filepath.Join(samples, "sample.xml"))
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	sum := readSummary(t, filepath.Join(out, "bilibili_cid_62131", "summary.json"))
	if sum.Counts.Danmaku != 400 || sum.Source != bilibili.SourceSeg || sum.Aid != 2 {
		t.Errorf("summary: %d danmaku, source %q, aid %d", sum.Counts.Danmaku, sum.Source, sum.Aid)
	}
	if in := sum.Inputs; len(in) != 1 || in[0].Name != "bilibili:cid=62131,aid=2" || in[0].Bytes < 1000 || len(in[0].SHA256) != 64 || in[0].Format != "bilibili-seg" {
		t.Errorf("inputs %+v, want the spec with the size and digest of its replies", in)
	}
	if _, err := os.Stat(filepath.Join(out, "bilibili_cid_10000001", "summary.json")); err != nil {
		t.Errorf("the file input was not analysed: %v", err)
	}
	if !strings.Contains(stderr, "fetched 1 of 1 videos") {
		t.Errorf("stderr lacks the fetch table:\n%s", stderr)
	}
	n := s.bili.Count(bilibili.SegPath)
	if code, _, stderr = runEnv(t, s.vars, "run", "--progress", "none", "--out", out, "bilibili:cid=62131,aid=2"); code != exitOK || s.bili.Count(bilibili.SegPath) != n {
		t.Errorf("re-run: exit %d, %d new requests\n%s", code, s.bili.Count(bilibili.SegPath)-n, stderr)
	}
	// A failed fetch makes the run fail after analysing the rest.
	code, _, stderr = runEnv(t, s.vars, "run", "--progress", "none", "--attempts", "1", "--out", t.TempDir(), "bilibili:av999", filepath.Join(samples, "sample.xml"))
	if code != exitFailure || !strings.Contains(stderr, "could not be read") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
}

// Everything written (files, stdout, stderr) by fetches that succeed and
// fail, by a run and by a dry-run post is searched for every secret.
func TestSecretsNeverWritten(t *testing.T) {
	s := newServices(t)
	out := t.TempDir()
	var written bytes.Buffer
	run := func(vars map[string]string, args ...string) {
		_, stdout, stderr := runEnv(t, vars, args...)
		written.WriteString(stdout + stderr)
	}
	files := t.TempDir()
	tokenFile, cookieFile, polyvFile := filepath.Join(files, "token"), filepath.Join(files, "cookie"), filepath.Join(files, "polyv")
	os.WriteFile(tokenFile, []byte(secretToken+"\n"), 0o600)
	os.WriteFile(cookieFile, []byte("SESSDATA="+secretSESSDATA+"; bili_jct="+secretBiliJct+"\n"), 0o600)
	os.WriteFile(polyvFile, []byte("userid="+polyvUser+"\nsecretkey="+secretPolyv+"\n"), 0o600)
	bases := map[string]string{"BILIBILI_BASE": s.bili.URL, "JUSTONEAPI_BASE": s.jo.URL, "POLYV_BASE": s.polyv.URL}
	all := []string{"bilibili:BV1xx411c7mD", "justoneapi:aid=2,cid=62131", "polyv:vid=" + polyvVid, "polyv:"}
	// From the environment, with history; from files; with errors.
	run(s.vars, append([]string{"fetch", "--progress", "plain", fast, "--out", out, "--history-from", "2024-01-01"}, all...)...)
	run(bases, append([]string{"fetch", "--progress", "plain", fast, "--out", filepath.Join(out, "files"), "--token-file", tokenFile,
		"--cookie-file", cookieFile, "--polyv-credentials-file", polyvFile}, all...)...)
	s.jo.Queue(justoneapi.DanmakuPath, fakeapi.Fault{Reset: true}, fakeapi.Fault{Delay: time.Second}, fakeapi.Fault{Truncate: true})
	run(s.vars, "fetch", "--progress", "plain", "--request-timeout", "100ms", "--attempts", "2", "--out", filepath.Join(out, "errors"),
		"justoneapi:aid=2,cid=62131", "bilibili:cid=62131", "polyv:")
	run(maps(s.vars, "POLYV_SECRETKEY", secretPolyv+"x", "JUSTONEAPI_BASE", "http://127.0.0.1:1"), "fetch", "--progress", "plain",
		"--out", filepath.Join(out, "bad"), "--attempts", "1", "polyv:", "justoneapi:aid=2,cid=62131")
	run(s.vars, "run", "--progress", "plain", fast, "--out", filepath.Join(out, "report"), "bilibili:cid=62132", "justoneapi:aid=2,cid=62131")
	run(s.vars, "post", "--cid", "62131", "--aid", "2", "--at", "5s", "--msg", "前来考古")
	run(s.vars, "post", "--cid", "62131", "--aid", "2", "--at", "5s", "--msg", "前来考古", "--yes")
	run(maps(s.vars, "BILIBILI_BILI_JCT", "wrong"), "post", "--cid", "62131", "--aid", "2", "--msg", "x", "--yes")
	if len(s.bili.Posted) != 1 {
		t.Errorf("%d danmaku posted, want 1", len(s.bili.Posted))
	}
	nfiles := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		nfiles++
		written.Write(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if nfiles < 30 || written.Len() < 10000 {
		t.Fatalf("searched only %d files, %d bytes", nfiles, written.Len())
	}
	for _, sec := range []string{secretToken, secretSESSDATA, "c0ffee%2Cbeef", "c0ffee,beef", secretBiliJct, secretPolyv} {
		if i := bytes.Index(written.Bytes(), []byte(sec)); i >= 0 {
			lo := max(0, i-200)
			t.Errorf("secret %q written: …%s…", sec, written.Bytes()[lo:min(written.Len(), i+100)])
		}
	}
	// The run did use them (else the search proves nothing).
	saw := map[string]bool{}
	for _, r := range s.jo.Requests() {
		saw["token"] = saw["token"] || r.Query["token"][0] == secretToken
	}
	for _, r := range s.bili.Requests() {
		saw["cookie"] = saw["cookie"] || strings.Contains(r.Cookie, secretSESSDATA)
	}
	if !saw["token"] || !saw["cookie"] || len(s.polyv.Requests()) == 0 {
		t.Errorf("secrets not used: %v", saw)
	}
}

// TestMain lets the test binary act as the analyze command, so that a test
// can run it as a process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("DANMAKUSCOPE_TEST_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// A fetch killed (SIGKILL) in the middle and started again asks only for
// what is missing, and raw.parquet has every danmaku once, none missing.
func TestResumeAfterKill(t *testing.T) {
	s := newServices(t)
	const n = 3000
	s.bili.Danmaku[62131] = biliElems(1<<60, n, 60*60*1000) // 10 segments
	out := t.TempDir()
	args := []string{"fetch", "--progress", "plain", "--bilibili-rate", "1000", "--no-xml-fallback", "--out", out, "bilibili:cid=62131"}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "DANMAKUSCOPE_TEST_MAIN=1", "BILIBILI_BASE="+s.bili.URL)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	var once sync.Once
	s.bili.OnRequest(func(r fakeapi.Request) {
		if r.Query["segment_index"][0] == "5" {
			once.Do(func() { cmd.Process.Signal(syscall.SIGKILL) }) // killed while asking for segment 5
		}
	})
	if err := cmd.Run(); err == nil {
		t.Fatalf("the fetch was not killed\n%s", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, "bilibili_cid_62131", "raw.parquet")); err == nil {
		t.Fatal("a killed fetch left raw.parquet")
	}
	first := s.bili.Count(bilibili.SegPath)
	if first < 5 || first > 6 {
		t.Fatalf("%d segment requests before the kill", first)
	}
	s.bili.OnRequest(nil)
	// What a kill during a write would leave: a temporary file, never a
	// reply under its own name.
	os.WriteFile(filepath.Join(out, "bilibili_cid_62131", "archive", "bilibili", ".seg-0005.pb.tmp-4242"), []byte("\x0a\x05par"), 0o644)
	code, stdout, stderr2 := runEnv(t, s.vars, args...)
	if code != exitOK {
		t.Fatalf("resume: exit %d\n%s\n%s", code, stdout, stderr2)
	}
	var asked []string
	for _, r := range s.bili.Requests()[first:] {
		asked = append(asked, r.Query["segment_index"][0])
	}
	if !slices.Equal(asked, []string{"5", "6", "7", "8", "9", "10", "11", "12"}) {
		t.Errorf("resume asked for segments %v, want 5-12 only", asked)
	}
	entries, _ := os.ReadDir(filepath.Join(out, "bilibili_cid_62131", "archive", "bilibili"))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left in the archive", e.Name())
		}
	}
	ids := rawDmids(t, filepath.Join(out, "bilibili_cid_62131", "raw.parquet"))
	for i, id := range ids {
		if id != 1<<60+int64(i) {
			t.Fatalf("row %d has dmid %d, want %d (%d rows): a gap or a duplicate", i, id, 1<<60+int64(i), len(ids))
		}
	}
	if len(ids) != n {
		t.Errorf("%d rows, want %d", len(ids), n)
	}
}

func TestClientsConfig(t *testing.T) {
	o := netOptions{timeout: time.Second, attempts: 2, rateBilibili: 1, rateJustOneAPI: 1, ratePolyv: 1, format: "seg", concurrency: 1}
	vars := map[string]string{"JUSTONEAPI_TOKEN": "t0k3n-xyz", "POLYV_USERID": "u", "POLYV_SECRETKEY": "k3y-xyz"}
	specs := []spec{{service: "bilibili"}, {service: "justoneapi"}, {service: "polyv"}}
	cl, err := newClients(&o, specs, func(k string) string { return vars[k] }, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := cl.justoneapi.HTTP.Timeout(); got != 60*time.Second {
		t.Errorf("Just One API deadline %v, want at least 60s", got)
	}
	if cl.bilibili.HTTP.Timeout() != time.Second || cl.bilibili.Base != bilibili.DefaultBase || cl.justoneapi.Base != justoneapi.DefaultBase {
		t.Errorf("bilibili %v %s, justoneapi %s", cl.bilibili.HTTP.Timeout(), cl.bilibili.Base, cl.justoneapi.Base)
	}
	o.justoneapiBase = "mainland"
	if cl, _ = newClients(&o, specs, func(k string) string { return vars[k] }, nil); cl.justoneapi.Base != justoneapi.MainlandBase {
		t.Errorf("mainland base %s", cl.justoneapi.Base)
	}
}

func TestFetchAndPostHelp(t *testing.T) {
	for _, args := range [][]string{{"fetch", "--help"}, {"post", "--help"}, {"run", "--help"}} {
		code, stdout, _ := runCLI(t, "", args...)
		if code != exitOK || !strings.Contains(stdout, "Usage:") {
			t.Errorf("%v: exit %d", args, code)
		}
		if args[0] != "post" {
			for _, want := range []string{"bilibili:BV1xx411c7mD", "bilibili:av170001", "#p=N", "bilibili:cid=62131", "justoneapi:aid=",
				"polyv:vid=", "polyv:  ", "@LIST", "--bilibili-base", "JUSTONEAPI_BASE", "POLYV_BASE", "--token-file", "mainland"} {
				if !strings.Contains(stdout, want) {
					t.Errorf("%v: help lacks %q", args, want)
				}
			}
		}
	}
}

// The dry run prints the request and sends nothing; bad danmaku are usage
// errors found before any request.
func TestPostCommand(t *testing.T) {
	s := newServices(t)
	code, stdout, stderr := runEnv(t, s.vars, "post", "--cid", "62131", "--bvid", "BV1xx411c7mD", "--at", "1m30s", "--mode", "5", "--color", "#FF0000", "--msg", "名场面")
	if code != exitOK || !strings.Contains(stdout, "dry run: nothing sent") || !strings.Contains(stdout, "progress=90000") ||
		!strings.Contains(stdout, "color=16711680") || !strings.Contains(stdout, "bvid=BV1xx411c7mD") || len(s.bili.Requests()) != 0 {
		t.Errorf("dry run: exit %d, %d requests\n%s\n%s", code, len(s.bili.Requests()), stdout, stderr)
	}
	code, stdout, stderr = runEnv(t, s.vars, "post", "--cid", "62131", "--aid", "2", "--msg", "好", "--yes")
	if code != exitOK || !strings.Contains(stdout, "sent: dmid") || len(s.bili.Posted) != 1 {
		t.Errorf("post: exit %d\n%s\n%s", code, stdout, stderr)
	}
	s.bili.PostCode = 36703
	code, _, stderr = runEnv(t, s.vars, "post", "--cid", "62131", "--aid", "2", "--msg", "好", "--yes")
	if code != exitFailure || !strings.Contains(stderr, "API code 36703 (sending too fast)") {
		t.Errorf("36703: exit %d\n%s", code, stderr)
	}
	for _, tt := range []struct{ args []string }{
		{[]string{"post", "--cid", "62131", "--aid", "2", "--msg", strings.Repeat("长", 100)}},
		{[]string{"post", "--cid", "62131", "--aid", "2", "--msg", "x", "--mode", "8"}},
		{[]string{"post", "--cid", "62131", "--aid", "2", "--msg", "x", "--color", "#1000000"}},
		{[]string{"post", "--cid", "62131", "--aid", "2", "--msg", "x", "--fontsize", "30"}},
		{[]string{"post", "--cid", "62131", "--aid", "2", "--msg", "x", "--at", "-1s"}},
	} {
		if code, _, stderr := runEnv(t, s.vars, tt.args...); code != exitUsage {
			t.Errorf("%v: exit %d\n%s", tt.args, code, stderr)
		}
	}
}
