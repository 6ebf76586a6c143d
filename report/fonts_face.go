package report

import (
	"fmt"
	"strings"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

// requiredGlyphs are the characters a chart font must draw: Han, Latin
// letters, digits and the colon of the time labels.
const requiredGlyphs = "中文弹幕Az09:."

// pickFace parses a font file (a single font or a collection) and returns
// the face best suited to Simplified Chinese charts, with its name. Faces
// lacking any of requiredGlyphs are never picked. Among the rest it
// prefers a family marked SC, then CN/Hans/GB, then any other, avoiding
// monospaced variants, and then the first face in the file.
func pickFace(data []byte) (*opentype.Font, string, error) {
	coll, err := opentype.ParseCollection(data)
	if err != nil {
		return nil, "", fmt.Errorf("%w: %v", ErrFontParse, err)
	}
	var (
		buf       sfnt.Buffer
		best      *opentype.Font
		bestName  string
		bestScore = -1
		missing   string // fewest missing glyphs of any face, for the error
	)
	for i := 0; i < coll.NumFonts(); i++ {
		f, err := coll.Font(i)
		if err != nil {
			continue
		}
		if m := missingGlyphs(f, &buf, requiredGlyphs); m != "" {
			if missing == "" || len(m) < len(missing) {
				missing = m
			}
			continue
		}
		family := faceName(f, &buf, sfnt.NameIDFamily)
		if s := familyScore(family); s > bestScore {
			best, bestScore = f, s
			bestName = fullFaceName(f, &buf, family)
		}
	}
	if best == nil {
		if coll.NumFonts() == 0 {
			return nil, "", fmt.Errorf("%w: no faces", ErrFontParse)
		}
		if missing == "" {
			return nil, "", ErrFontCoverage
		}
		return nil, "", fmt.Errorf("%w (missing %s)", ErrFontCoverage, quoteRunes(missing))
	}
	return best, bestName, nil
}

// missingGlyphs returns the runes of want that f maps to no glyph.
func missingGlyphs(f *opentype.Font, buf *sfnt.Buffer, want string) string {
	var b strings.Builder
	for _, r := range want {
		if !hasGlyph(f, buf, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hasGlyph reports whether f maps r to a real glyph (not .notdef).
func hasGlyph(f *opentype.Font, buf *sfnt.Buffer, r rune) bool {
	if f == nil {
		return false
	}
	if buf == nil {
		buf = new(sfnt.Buffer)
	}
	g, err := f.GlyphIndex(buf, r)
	return err == nil && g != 0
}

// familyScore ranks a family name for Simplified Chinese text: SC faces
// first, then CN/Hans/GB, then others; monospaced variants lose a point.
func familyScore(family string) int {
	score, penalty := 2, 0
	for _, tok := range strings.FieldsFunc(family, func(r rune) bool {
		return r == ' ' || r == '-' || r == '_'
	}) {
		switch strings.ToUpper(tok) {
		case "SC":
			score = max(score, 6)
		case "CN", "HANS", "GB":
			score = max(score, 4)
		case "MONO":
			penalty = 1
		}
	}
	return score - penalty
}

// faceName returns a name-table entry, or "" when absent.
func faceName(f *opentype.Font, buf *sfnt.Buffer, id sfnt.NameID) string {
	s, err := f.Name(buf, id)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(s)
}

// fullFaceName names a face by family and style ("Noto Sans CJK SC
// Regular"), preferring the font's own full name when it has one.
func fullFaceName(f *opentype.Font, buf *sfnt.Buffer, family string) string {
	name := faceName(f, buf, sfnt.NameIDFull)
	if name == "" {
		name = family
	}
	if name == "" {
		name = "unnamed font"
	}
	if sub := faceName(f, buf, sfnt.NameIDSubfamily); sub != "" && !strings.HasSuffix(name, sub) {
		name += " " + sub
	}
	return name
}

// quoteRunes lists runes as 'a', 'b' for error messages.
func quoteRunes(s string) string {
	q := make([]string, 0, len(s))
	for _, r := range s {
		q = append(q, fmt.Sprintf("%q", r))
	}
	return strings.Join(q, ", ")
}
