package report

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// BrowserPage is what a page looks like once a real browser has loaded it.
type browserPage struct {
	highlightRows int
	keywordRows   int
	images        int
	imagesLoaded  int
	title         string
	consoleErrors []string
}

// chromium returns the path of a Chromium or Chrome binary, or skips the
// test saying how to get one. With DANMAKUSCOPE_REQUIRE_BROWSER set (CI sets
// it) a missing browser fails the test instead.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no Chromium or Chrome found on PATH; install one to run the browser test (Debian/Ubuntu: apt-get install chromium)"
	if os.Getenv("DANMAKUSCOPE_REQUIRE_BROWSER") != "" {
		t.Fatal("DANMAKUSCOPE_REQUIRE_BROWSER is set but: " + msg)
	}
	t.Skip(msg)
	return ""
}

// loadInBrowser serves dir over loopback, opens file in headless Chromium
// and reads the DOM, collecting console errors and uncaught exceptions.
func loadInBrowser(t *testing.T, dir, file string) browserPage {
	t.Helper()
	exe := chromium(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-component-update", true),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	var mu sync.Mutex
	var page browserPage
	listen := func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				page.consoleErrors = append(page.consoleErrors, fmt.Sprintf("console.%s", e.Type))
			}
		case *runtime.EventExceptionThrown:
			page.consoleErrors = append(page.consoleErrors, "exception: "+e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				page.consoleErrors = append(page.consoleErrors, "log: "+e.Entry.Text+" "+e.Entry.URL)
			}
		}
	}
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(listen))
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+file), chromedp.WaitReady("body")); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	count := func(expr string) int {
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](expr))
		if err != nil {
			t.Fatalf("chromium: %s: %v", expr, err)
		}
		return n
	}
	hl := count(`document.querySelectorAll("#highlight-table tbody tr").length`)
	kw := count(`document.querySelectorAll("#keyword-table tbody tr").length`)
	imgs := count(`document.images.length`)
	loaded := count(`Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length`)
	title, err := chromedp.Run(ctx, chromedp.Text("#title"))
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	page.highlightRows, page.keywordRows, page.images, page.imagesLoaded, page.title = hl, kw, imgs, loaded, title
	return page
}

// A video page rendered in a real browser: every row and image is there,
// hostile danmaku text stays text, and nothing errors.
func TestVideoPageInBrowser(t *testing.T) {
	p, path := pageFixture(t)
	if err := WriteVideoPage(path, p); err != nil {
		t.Fatal(err)
	}
	got := loadInBrowser(t, filepath.Dir(path), filepath.Base(path))
	if got.highlightRows != len(p.Highlights) || got.keywordRows != len(p.Keywords) {
		t.Errorf("browser shows %d highlight and %d keyword rows, want %d and %d",
			got.highlightRows, got.keywordRows, len(p.Highlights), len(p.Keywords))
	}
	if got.images != len(p.Charts) || got.imagesLoaded != got.images {
		t.Errorf("%d of %d images loaded, want all %d", got.imagesLoaded, got.images, len(p.Charts))
	}
	if !strings.Contains(got.title, "<script>") {
		t.Errorf("title %q: the video key's markup should show as text", got.title)
	}
	if len(got.consoleErrors) > 0 {
		t.Errorf("console errors: %v", got.consoleErrors)
	}
}
