// Package browsertest loads report pages in headless Chromium for tests, so
// that what a reader's browser makes of a page (rows, images, console
// errors) is checked, not just the HTML text. It is used only by tests.
//
// A test calls [Open] with the directory to serve, then [Browser.Load] for
// each page. Without a Chromium or Chrome binary on PATH the test is
// skipped with a message saying how to get one, unless the environment
// variable DANMAKUSCOPE_REQUIRE_BROWSER is set (CI sets it): then it fails.
package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// RequireEnv is the environment variable that turns a missing browser from
// a skip into a failure.
const RequireEnv = "DANMAKUSCOPE_REQUIRE_BROWSER"

// loadTimeout bounds the loading and inspection of one page.
const loadTimeout = 60 * time.Second

// Page is what a page looks like once the browser has loaded it.
type Page struct {
	// Counts holds, for each selector given to Load, the number of
	// elements matching it.
	Counts map[string]int
	// Images is the number of <img> elements; Loaded of them finished
	// loading with a decoded image (complete and naturalWidth > 0);
	// Broken are the alt texts of the others.
	Images, Loaded int
	Broken         []string
	// Title is the text of the element with id "title".
	Title string
	// Links are the href attributes of the page's <a> elements, as
	// written.
	Links []string
	// ConsoleErrors are the console errors, failed assertions, uncaught
	// exceptions and error log entries (failed loads) of the page.
	ConsoleErrors []string
}

// Browser is a headless Chromium serving one directory over loopback.
type Browser struct {
	t     testing.TB
	ctx   context.Context
	base  string
	close func()
}

// Chromium returns the path of a Chromium or Chrome binary, or skips t
// (fails it when RequireEnv is set) saying how to install one.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no Chromium or Chrome found on PATH; install one to run the browser tests (Debian/Ubuntu: apt-get install chromium)"
	if os.Getenv(RequireEnv) != "" {
		t.Fatal(RequireEnv + " is set but: " + msg)
	}
	t.Skip(msg)
	return ""
}

// Open starts a headless browser and a loopback file server for dir; both
// stop when t ends.
func Open(t testing.TB, dir string) *Browser {
	t.Helper()
	exe := Chromium(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-component-update", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil { // starts the browser
		cancelBrowser()
		cancelAlloc()
		srv.Close()
		t.Fatalf("chromium: %v", err)
	}
	b := &Browser{t: t, ctx: bctx, base: srv.URL, close: func() { cancelBrowser(); cancelAlloc(); srv.Close() }}
	t.Cleanup(b.close)
	return b
}

// Load opens file (a slash path under the served directory) in a new tab,
// waits for it to load and reads the DOM: the number of elements matching
// each selector, the images, the title, the links and the console errors.
func (b *Browser) Load(file string, selectors ...string) Page {
	t := b.t
	t.Helper()
	var mu sync.Mutex
	var errs []string
	listen := func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				errs = append(errs, fmt.Sprintf("console.%s", e.Type))
			}
		case *runtime.EventExceptionThrown:
			errs = append(errs, "exception: "+e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				errs = append(errs, "log: "+e.Entry.Text+" "+e.Entry.URL)
			}
		}
	}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithListener(listen))
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, loadTimeout)
	defer cancelTimeout()

	// Navigate returns once the load event fired: every image has loaded
	// or failed by then.
	if err := chromedp.Do(ctx, chromedp.Navigate(b.base+"/"+file), chromedp.WaitReady("body")); err != nil {
		t.Fatalf("chromium: %s: %v", file, err)
	}
	p := Page{Counts: map[string]int{}}
	for _, sel := range selectors {
		p.Counts[sel] = eval[int](ctx, t, file, fmt.Sprintf("document.querySelectorAll(%q).length", sel))
	}
	p.Images = eval[int](ctx, t, file, `document.images.length`)
	p.Loaded = eval[int](ctx, t, file, `Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length`)
	p.Broken = eval[[]string](ctx, t, file, `Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.alt)`)
	p.Title = eval[string](ctx, t, file, `(document.getElementById("title") || {}).textContent || ""`)
	p.Links = eval[[]string](ctx, t, file, `Array.from(document.querySelectorAll("a[href]")).map(a => a.getAttribute("href"))`)
	mu.Lock()
	p.ConsoleErrors = append([]string(nil), errs...)
	mu.Unlock()
	return p
}

// eval evaluates a JavaScript expression in the page of file.
func eval[T any](ctx context.Context, t testing.TB, file, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("chromium: %s: %s: %v", file, expr, err)
	}
	return v
}
