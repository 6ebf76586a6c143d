package report

import (
	"bytes"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"image/png"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/danmakuscope/danmakuscope/nlp"
	"github.com/danmakuscope/danmakuscope/stats"
)

//go:embed templates
var templateFS embed.FS

// pageTemplates are parsed once; templates are immutable after parsing and
// safe for concurrent use.
var pageTemplates = template.Must(template.New("").Funcs(template.FuncMap{
	"num":   func(n any) string { return groupDigits(fmt.Sprint(n)) },
	"vtime": func(ms int64) string { return FormatVideoTime(float64(ms) / 1000) },
	"f2":    func(f *float64) string { return strconv.FormatFloat(*f, 'f', 2, 64) },
	"f2v":   func(f float64) string { return formatFinite(f, 2) },
	"f4":    func(f float64) string { return formatFinite(f, 4) },
	"pct": func(f *float64) string {
		if f == nil {
			return "–"
		}
		return strconv.FormatFloat(*f*100, 'f', 0, 64) + "%"
	},
	"sign":  func(f *float64) string { return signClass(*f) },
	"signv": signClass,
	"join":  strings.Join,
	"emotion": func(name string) string {
		if e, ok := nlp.ParseEmotion(name); ok && e != nlp.NoEmotion {
			return name + " " + emotionChinese(e)
		}
		return name
	},
}).ParseFS(templateFS, "templates/*.tmpl"))

// pageStyle is the stylesheet inlined into every page.
var pageStyle = func() template.CSS {
	b, err := templateFS.ReadFile("templates/style.css")
	if err != nil {
		panic(err) // embedded at build time: cannot happen
	}
	return template.CSS(b)
}()

// PageHighlight is one row of a page's highlight table (the columns of
// highlights.parquet that a reader needs).
type PageHighlight struct {
	Rank                                  int
	StartMs, EndMs, PeakMs, LaggedStartMs int64
	Intensity, ValenceMean                float64
	Emotion                               string
	Keywords, Samples                     []string
	Link                                  string // opens the video at the highlight; set by WriteVideoPage
}

// VideoPage is what a video's index.html shows.
type VideoPage struct {
	Summary *Summary
	// Title heads the page; empty means the video key.
	Title string
	// Charts are PNG files to embed, in order, with their captions.
	Charts []PageChart
	// Keywords are the video's keywords in rank order; the page lists the
	// first MaxPageKeywords.
	Keywords   []stats.Keyword
	Highlights []PageHighlight
	// VideoURL, when set, returns an address that opens the video at a
	// second (e.g. https://www.bilibili.com/video/BV…?t=83); highlights
	// and the header link to it.
	VideoURL func(second int64) string
	// NoLinks, when VideoURL is nil, says briefly why times do not link
	// to the video ("a Bilibili danmaku XML file names only the cid…").
	NoLinks string
}

// PageChart is a chart to embed in a page.
type PageChart struct {
	Path    string // PNG file
	Alt     string // text alternative
	Caption string
}

// MaxPageKeywords bounds the keyword table of a page.
const MaxPageKeywords = 50

// pageImage is an embedded chart.
type pageImage struct {
	Src           template.URL
	Alt, Caption  string
	Width, Height int
}

// WriteVideoPage writes a self-contained index.html for one video: charts
// embedded as data URIs, every text escaped by html/template (danmaku are
// untrusted input).
func WriteVideoPage(path string, p VideoPage) error {
	if p.Summary == nil {
		return fmt.Errorf("%s: no summary", path)
	}
	title := p.Title
	if title == "" {
		title = p.Summary.VideoKey
	}
	charts, err := embedCharts(p.Charts)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	hs := append([]PageHighlight(nil), p.Highlights...)
	var videoLink string
	if p.VideoURL != nil {
		videoLink = p.VideoURL(0)
		for i := range hs {
			hs[i].Link = p.VideoURL(max(hs[i].LaggedStartMs, 0) / 1000)
		}
	}
	kws := p.Keywords[:min(len(p.Keywords), MaxPageKeywords)]
	data := map[string]any{
		"Engine": EngineVersion, "Style": pageStyle, "Title": title, "S": p.Summary,
		"Charts": charts, "Highlights": hs, "Keywords": kws, "KeywordTotal": len(p.Keywords),
		"VideoLink": template.URL(videoLink), "NoLinks": p.NoLinks,
	}
	return writeTemplate(path, "video.html.tmpl", data)
}

// RunVideo is one video of a run page: its summary and the relative link to
// its page.
type RunVideo struct {
	S    *Summary
	Href string
	// Title names the video; empty means its video key.
	Title string
}

// WriteRunPage writes the run's index.html: the comparison charts and a
// table of videos linking to their pages.
func WriteRunPage(path, title string, videos []RunVideo, charts []PageChart) error {
	imgs, err := embedCharts(charts)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var danmaku int64
	var skipped, highlights int
	for _, v := range videos {
		danmaku += v.S.Counts.Danmaku
		skipped += v.S.Counts.SkippedTotal
		highlights += v.S.Reactions.Highlights
	}
	data := map[string]any{
		"Engine": EngineVersion, "Style": pageStyle, "Title": title, "Videos": videos,
		"Danmaku": danmaku, "Skipped": skipped, "Highlights": highlights, "Charts": imgs,
	}
	return writeTemplate(path, "run.html.tmpl", data)
}

func writeTemplate(path, name string, data any) error {
	var buf bytes.Buffer
	if err := pageTemplates.ExecuteTemplate(&buf, name, data); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	// html/template escapes markup but passes control characters through;
	// the templates hold none of their own, so any here came from data.
	page := cleanText(buf.String())
	return WriteFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, page)
		return err
	})
}

// embedCharts reads the PNGs into data URIs with their sizes.
func embedCharts(charts []PageChart) ([]pageImage, error) {
	out := make([]pageImage, 0, len(charts))
	for _, c := range charts {
		b, err := os.ReadFile(c.Path)
		if err != nil {
			return nil, err
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", c.Path, err)
		}
		out = append(out, pageImage{
			Src:     template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(b)),
			Alt:     c.Alt,
			Caption: c.Caption,
			Width:   cfg.Width,
			Height:  cfg.Height,
		})
	}
	return out, nil
}

// cleanText replaces control characters other than tab and line breaks
// with spaces: they are not allowed in HTML and some break a page's layout.
func cleanText(s string) string {
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

func signClass(f float64) string {
	switch {
	case f >= 0.1:
		return "pos"
	case f <= -0.1:
		return "neg"
	}
	return ""
}

func formatFinite(f float64, prec int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "–"
	}
	return strconv.FormatFloat(f, 'f', prec, 64)
}

// groupDigits writes an integer's digits in groups of three: 1234567 →
// 1,234,567.
func groupDigits(s string) string {
	if strings.HasPrefix(s, "-") {
		return "-" + groupDigits(s[1:])
	}
	if len(s) <= 3 || strings.ContainsAny(s, ".e") {
		return s
	}
	head := len(s) % 3
	if head == 0 {
		head = 3
	}
	return s[:head] + "," + groupDigits(s[head:])
}
