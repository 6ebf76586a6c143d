package report

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// envMap returns a getenv that reads only m.
func envMap(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// realEnvWithFont is the process environment with FontEnv set to font
// (empty: unset), so that system fonts under HOME are still found.
func realEnvWithFont(font string) func(string) string {
	return func(k string) string {
		if k == FontEnv {
			return font
		}
		return os.Getenv(k)
	}
}

// systemFont returns the font FindFont picks from the system (ignoring
// DANMAKUSCOPE_FONT), or skips the test when there is none.
func systemFont(t *testing.T) *Font {
	t.Helper()
	f, err := FindFont("", realEnvWithFont(""))
	if err != nil {
		t.Fatalf("FindFont: %v", err)
	}
	if f == nil {
		skipUnlessRequired(t, "no CJK font found on this system; install one to run this test "+
			"(Debian/Ubuntu: apt-get install fonts-noto-cjk; Fedora: dnf install google-noto-sans-cjk-fonts; "+
			"or set DANMAKUSCOPE_FONT to a .ttf/.otf/.ttc with Chinese glyphs)")
	}
	return f
}

// skipUnlessRequired skips the test with msg, or fails it when the
// environment variable DANMAKUSCOPE_REQUIRE_CJK is set (CI sets it: there
// the font is installed and the glyph tests must run).
func skipUnlessRequired(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("DANMAKUSCOPE_REQUIRE_CJK") != "" {
		t.Fatal("DANMAKUSCOPE_REQUIRE_CJK is set but: " + msg)
	}
	t.Skip(msg)
}

// writeTemp writes data to a file in a temporary directory.
func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFindFontNamedFileErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-font.ttf")
	notFont := writeTemp(t, "notes.ttf", []byte("this is not a font\n"))
	latinOnly := writeTemp(t, "LiberationSans-Regular.ttf", liberationsansregular.TTF)
	dir := t.TempDir()

	tests := []struct {
		name     string
		explicit string
		env      string
		want     error
		wantPath string
		wantIn   []string
	}{
		{"flag: missing file", missing, "", fs.ErrNotExist, missing, []string{"--font", "does not exist"}},
		{"flag: not a font", notFont, "", ErrFontParse, notFont, []string{"does not parse"}},
		{"flag: directory", dir, "", ErrFontParse, dir, []string{"directory"}},
		{"flag: no Han glyphs", latinOnly, "", ErrFontCoverage, latinOnly, []string{"lacks glyphs", "'中'"}},
		{"env: missing file", "", missing, fs.ErrNotExist, missing, []string{FontEnv}},
		{"env: not a font", "", notFont, ErrFontParse, notFont, []string{FontEnv}},
		{"env: no Han glyphs", "", latinOnly, ErrFontCoverage, latinOnly, []string{FontEnv}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := FindFont(tt.explicit, envMap(map[string]string{FontEnv: tt.env}))
			if err == nil {
				t.Fatalf("FindFont = %+v, nil; want an error", f)
			}
			if f != nil {
				t.Errorf("FindFont returned a font with the error: %+v", f)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("error %q is not %v", err, tt.want)
			}
			var fe *FontError
			if !errors.As(err, &fe) || fe.Path != tt.wantPath {
				t.Errorf("error %q: want a *FontError with Path %q", err, tt.wantPath)
			}
			msg := err.Error()
			for _, s := range append([]string{tt.wantPath}, tt.wantIn...) {
				if !strings.Contains(msg, s) {
					t.Errorf("error %q does not mention %q", msg, s)
				}
			}
		})
	}
}

func TestFindFontPrecedence(t *testing.T) {
	sys := systemFont(t)
	// A second name for the system font, so that its path tells where it
	// was found.
	link := filepath.Join(t.TempDir(), "chart-font"+filepath.Ext(sys.Path))
	if err := os.Symlink(sys.Path, link); err != nil {
		data, rerr := os.ReadFile(sys.Path)
		if rerr != nil {
			t.Fatal(rerr)
		}
		link = writeTemp(t, filepath.Base(link), data)
	}
	bad := filepath.Join(t.TempDir(), "missing.ttf")

	tests := []struct {
		name       string
		explicit   string
		env        string
		wantPath   string
		wantOrigin string
	}{
		{"env before system", "", link, link, FontFromEnv},
		{"flag before env", link, bad, link, FontFromFlag},
		{"system when neither", "", "", sys.Path, FontFromSystem},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := FindFont(tt.explicit, realEnvWithFont(tt.env))
			if err != nil {
				t.Fatalf("FindFont: %v", err)
			}
			if f == nil {
				t.Fatal("FindFont = nil, want a font")
			}
			if f.Path != tt.wantPath || f.Origin != tt.wantOrigin {
				t.Errorf("FindFont = %s (%s), want %s (%s)", f.Path, f.Origin, tt.wantPath, tt.wantOrigin)
			}
			if f.Name != sys.Name {
				t.Errorf("Name = %q, want %q", f.Name, sys.Name)
			}
		})
	}
}

func TestFindFontCollectionPicksSC(t *testing.T) {
	var ttc string
	for _, p := range knownFontPaths(envMap(nil)) {
		if strings.Contains(p, "NotoSansCJK-Regular.ttc") {
			if _, err := os.Stat(p); err == nil {
				ttc = p
				break
			}
		}
	}
	if ttc == "" {
		skipUnlessRequired(t, "Noto Sans CJK collection not installed (Debian/Ubuntu: apt-get install fonts-noto-cjk)")
	}
	f, err := FindFont(ttc, envMap(nil))
	if err != nil {
		t.Fatalf("FindFont(%s): %v", ttc, err)
	}
	if !strings.Contains(f.Name, "SC") || strings.Contains(f.Name, "Mono") {
		t.Errorf("picked face %q from %s, want the proportional SC face", f.Name, ttc)
	}
	if f.Origin != FontFromFlag {
		t.Errorf("Origin = %q, want %q", f.Origin, FontFromFlag)
	}
}

// renderText draws s in the chart font at 28 pt on a white 300×80 px image.
func renderText(t *testing.T, opt ChartOptions, s string) *image.RGBA {
	t.Helper()
	c := vgimg.NewWith(vgimg.UseWH(pxLength(300), pxLength(80)), vgimg.UseDPI(chartDPI))
	sty := opt.style(text.Style{}, 28, color.Black)
	dc := draw.New(c)
	dc.FillText(sty, vg.Point{X: 10, Y: 15}, s)
	img, ok := c.Image().(*image.RGBA)
	if !ok {
		t.Fatalf("canvas image is %T, want *image.RGBA", c.Image())
	}
	return img
}

// inkPixels counts the pixels that are not white.
func inkPixels(img *image.RGBA) int {
	n := 0
	for i := 0; i+3 < len(img.Pix); i += 4 {
		if img.Pix[i] < 0xf0 || img.Pix[i+1] < 0xf0 || img.Pix[i+2] < 0xf0 {
			n++
		}
	}
	return n
}

func TestCJKFontDrawsGlyphs(t *testing.T) {
	opt := ChartOptions{Font: systemFont(t)}
	zhongwen := renderText(t, opt, "中文")
	if n := inkPixels(zhongwen); n < 150 {
		t.Fatalf("%s drew %d ink pixels for 中文, want real glyphs (≥150)", opt.Font.Name, n)
	}
	others := []struct {
		name, s string
	}{
		{"characters the font lacks (.notdef)", "\uE000\uE000"},
		{"the same characters in another order", "文中"},
		{"other Han characters", "弹幕"},
	}
	for _, o := range others {
		if bytes.Equal(zhongwen.Pix, renderText(t, opt, o.s).Pix) {
			t.Errorf("中文 renders the same as %s (%q): glyphs are not drawn", o.name, o.s)
		}
	}
}

func TestFontFamilyScore(t *testing.T) {
	tests := []struct {
		family string
		want   int
	}{
		{"Noto Sans CJK SC", 6},
		{"Noto Sans Mono CJK SC", 5},
		{"Source Han Sans CN", 4},
		{"Hiragino Sans GB", 4},
		{"Noto Sans CJK JP", 2},
		{"Microsoft YaHei", 2},
		{"Noto Sans Mono CJK JP", 1},
		{"", 2},
	}
	for _, tt := range tests {
		if got := familyScore(tt.family); got != tt.want {
			t.Errorf("familyScore(%q) = %d, want %d", tt.family, got, tt.want)
		}
	}
	// The ordering the scores must give.
	if !(familyScore("Noto Sans CJK SC") > familyScore("Source Han Sans CN") &&
		familyScore("Source Han Sans CN") > familyScore("Noto Sans CJK JP")) {
		t.Error("family preference is not SC > CN > other")
	}
}

func TestFontFileRank(t *testing.T) {
	tests := []struct {
		name   string
		ok     bool
		better string // a name that must rank strictly better, if any
	}{
		{"NotoSansCJK-Regular.ttc", true, ""},
		{"NotoSansCJK-Bold.ttc", true, "NotoSansCJK-Regular.ttc"},
		{"NotoSerifCJK-Regular.ttc", true, "NotoSansCJK-Regular.ttc"},
		{"Hiragino Sans GB.ttc", true, ""},
		{"msyh.ttc", true, ""},
		{"wqy-microhei.ttc", true, "SourceHanSansSC-Regular.otf"},
		{"DroidSansFallbackFull.ttf", true, "NotoSerifCJK-Regular.ttc"},
		{"DejaVuSans.ttf", false, ""},
		{"NotoSansCJK-Regular.ttc.bak", false, ""},
		{"README-notosanscjk.txt", false, ""},
	}
	for _, tt := range tests {
		rank, ok := fontFileRank(tt.name)
		if ok != tt.ok {
			t.Errorf("fontFileRank(%q) ok = %v, want %v", tt.name, ok, tt.ok)
			continue
		}
		if tt.better != "" {
			if br, _ := fontFileRank(tt.better); br >= rank {
				t.Errorf("%q ranks %d, not better than %q at %d", tt.better, br, tt.name, rank)
			}
		}
	}
}

func TestWalkFontDirs(t *testing.T) {
	root := t.TempDir()
	files := []string{
		"noto/NotoSansCJK-Bold.ttc",
		"noto/NotoSansCJK-Regular.ttc",
		"truetype/droid/DroidSansFallbackFull.ttf",
		"truetype/dejavu/DejaVuSans.ttf",
		"a/b/c/d/e/f/NotoSansSC-Regular.otf", // too deep
	}
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := walkFontDirs([]string{root, filepath.Join(root, "does-not-exist")})
	var rel []string
	for _, p := range got {
		r, _ := filepath.Rel(root, p)
		rel = append(rel, filepath.ToSlash(r))
	}
	want := []string{"noto/NotoSansCJK-Regular.ttc", "truetype/droid/DroidSansFallbackFull.ttf", "noto/NotoSansCJK-Bold.ttc"}
	if !slices.Equal(rel, want) {
		t.Errorf("walkFontDirs = %q, want %q", rel, want)
	}
}

func TestFindFontSkipsBadSystemCandidates(t *testing.T) {
	// A HOME whose font directory holds only unusable files named like CJK
	// fonts: FindFont must not fail because of them.
	home := t.TempDir()
	fonts := filepath.Join(home, ".fonts")
	if err := os.MkdirAll(fonts, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"wqy-microhei.ttc":          []byte("not a collection"),
		"DroidSansFallbackFull.ttf": liberationsansregular.TTF, // parses, lacks Han
	} {
		if err := os.WriteFile(filepath.Join(fonts, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := FindFont("", envMap(map[string]string{"HOME": home}))
	if err != nil {
		t.Fatalf("FindFont: %v", err)
	}
	if f != nil && strings.HasPrefix(f.Path, home) {
		t.Errorf("FindFont picked unusable %s", f.Path)
	}
}
