package report

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
)

// FontEnv is the environment variable that names a font file for the
// charts; [FindFont] reads it when no font is given explicitly.
const FontEnv = "DANMAKUSCOPE_FONT"

// Font origins, as reported in [Font.Origin].
const (
	FontFromFlag   = "flag"
	FontFromEnv    = "env"
	FontFromSystem = "system"
)

// Errors wrapped by a [FontError], checkable with errors.Is. A missing
// file wraps [fs.ErrNotExist] instead.
var (
	// ErrFontParse means the file is not a TrueType/OpenType font or
	// collection that can be read.
	ErrFontParse = errors.New("does not parse as a TrueType/OpenType font")
	// ErrFontCoverage means no face in the file has glyphs for Han
	// characters, Latin letters and digits.
	ErrFontCoverage = errors.New("lacks glyphs for Chinese, Latin letters or digits")
)

// FontError reports why a font file named explicitly (flag or environment)
// cannot be used.
type FontError struct {
	Path   string // the font file
	Origin string // FontFromFlag or FontFromEnv
	Err    error
}

// Error implements error.
func (e *FontError) Error() string {
	from := "--font"
	if e.Origin == FontFromEnv {
		from = FontEnv
	}
	return fmt.Sprintf("report: font %s (from %s): %v", e.Path, from, e.Err)
}

// Unwrap returns the underlying error.
func (e *FontError) Unwrap() error { return e.Err }

// Font is a font that covers Han, Latin letters and digits, ready for
// gonum/plot. It is safe for concurrent use by any number of charts; find
// it once per process and share it.
type Font struct {
	// Name is the family and style as named inside the font, e.g.
	// "Noto Sans CJK SC Regular".
	Name string
	// Path is the file the font came from.
	Path string
	// Origin is FontFromFlag, FontFromEnv or FontFromSystem.
	Origin string

	face     *opentype.Font
	typeface font.Typeface
	handler  text.Handler // plain text over a cache holding only face
}

// FindFont returns the first usable font: explicit (the --font flag) when
// non-empty, then the file named by the environment variable FontEnv
// (looked up through getenv; nil means os.Getenv), then the usual system
// locations on Linux, macOS and Windows, then a bounded walk of the
// standard font directories. An explicit or environment font that cannot
// be used is a *FontError naming the file and why. Unusable system
// candidates are skipped quietly; when none is usable FindFont returns
// (nil, nil), and charts fall back to gonum's default fonts, which have no
// Chinese glyphs.
func FindFont(explicit string, getenv func(string) string) (*Font, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	if explicit != "" {
		return loadNamedFont(explicit, FontFromFlag)
	}
	if p := getenv(FontEnv); p != "" {
		return loadNamedFont(p, FontFromEnv)
	}
	for _, p := range systemFontCandidates(getenv) {
		if f, err := loadFont(p, FontFromSystem); err == nil {
			return f, nil
		}
	}
	return nil, nil
}

// loadNamedFont loads a font the user asked for, wrapping any failure in a
// *FontError.
func loadNamedFont(path, origin string) (*Font, error) {
	f, err := loadFont(path, origin)
	if err != nil {
		return nil, &FontError{Path: path, Origin: origin, Err: err}
	}
	return f, nil
}

// loadFont reads and parses the font file at path, picks its best face
// and registers it in a font cache of its own.
func loadFont(path, origin string) (*Font, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fs.ErrNotExist
	case err != nil:
		return nil, err
	case st.IsDir():
		return nil, fmt.Errorf("is a directory: %w", ErrFontParse)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	face, name, err := pickFace(data)
	if err != nil {
		return nil, err
	}
	tf := font.Typeface("danmakuscope " + name)
	cache := font.NewCache(font.Collection{{Font: font.Font{Typeface: tf}, Face: face}})
	return &Font{
		Name:     name,
		Path:     path,
		Origin:   origin,
		face:     face,
		typeface: tf,
		handler:  text.Plain{Fonts: cache},
	}, nil
}
