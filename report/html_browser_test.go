package report

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/danmakuscope/danmakuscope/report/browsertest"
)

// A video page rendered in a real browser: every row and image is there,
// hostile danmaku text stays text, and nothing errors. (cmd/analyze's
// TestPagesInBrowser checks the pages of a real run.)
func TestVideoPageInBrowser(t *testing.T) {
	p, path := pageFixture(t)
	if err := WriteVideoPage(path, p); err != nil {
		t.Fatal(err)
	}
	const hl, kw = "#highlight-table tbody tr", "#keyword-table tbody tr"
	got := browsertest.Open(t, filepath.Dir(path)).Load(filepath.Base(path), hl, kw)
	if got.Counts[hl] != len(p.Highlights) || got.Counts[kw] != len(p.Keywords) {
		t.Errorf("browser shows %d highlight and %d keyword rows, want %d and %d",
			got.Counts[hl], got.Counts[kw], len(p.Highlights), len(p.Keywords))
	}
	if got.Images != len(p.Charts) || got.Loaded != got.Images {
		t.Errorf("%d of %d images loaded, want all %d (broken: %q)", got.Loaded, got.Images, len(p.Charts), got.Broken)
	}
	if !strings.Contains(got.Title, "<script>") {
		t.Errorf("title %q: the video key's markup should show as text", got.Title)
	}
	if len(got.ConsoleErrors) > 0 {
		t.Errorf("console errors: %v", got.ConsoleErrors)
	}
}
