package nlp

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The parsers of the five lexicon files; formats in lexicons/README.md.

// rows describes the lines of one lexicon file: an optional header line,
// then rows of tab-separated fields whose first field is a term.
type rows struct {
	header   string // required first line; "" for none
	min, max int    // number of fields allowed
	want     string // the fields in words, for errors
	symbols  bool   // terms may be kaomoji (see checkTerm)
}

// each calls fn for every row of data after checking the header, the number
// of fields, the term (first field) and that no term repeats.
func (r rows) each(file string, data []byte, fn func(line int, f []string) error) error {
	seen := dupCheck{}
	header := r.header == ""
	err := eachLine(file, data, func(line int, text string) error {
		if !header {
			if text != r.header {
				return lexErr(file, line, "header is %q, want %q", text, r.header)
			}
			header = true
			return nil
		}
		f := strings.Split(text, "\t")
		if len(f) < r.min || len(f) > r.max {
			return lexErr(file, line, "%d tab-separated fields, want %s", len(f), r.want)
		}
		if err := checkTerm(file, line, f[0], r.symbols); err != nil {
			return err
		}
		if err := seen.check(file, line, f[0]); err != nil {
			return err
		}
		return fn(line, f)
	})
	if err != nil {
		return err
	}
	if !header {
		return lexErr(file, 0, "no header line %q", r.header)
	}
	return nil
}

// parseSentiment parses a file in the format of sentiment.tsv; with
// symbols, terms may be kaomoji.
func (lx *lexicon) parseSentiment(file string, data []byte, symbols bool) error {
	spec := rows{header: sentimentHeader, min: 5, max: 5, want: "5 (term valence emotion weight note)", symbols: symbols}
	return spec.each(file, data, func(line int, f []string) error {
		info, err := parseScored(file, line, f)
		if err != nil {
			return err
		}
		term := f[0]
		if prev, ok := lx.origin[term]; ok {
			return lexErr(file, line, "duplicate term %q (first in %s)", term, prev)
		}
		lx.origin[term] = fmt.Sprintf("%s:%d", file, line)
		lx.terms[term] = info
		lx.memes[term] = true
		lx.addTerm(term, 0)
		return nil
	})
}

// parseScored parses the valence, emotion and weight fields of a row of
// sentiment.tsv into a termInfo.
func parseScored(file string, line int, f []string) (termInfo, error) {
	term := f[0]
	v, err := strconv.ParseFloat(f[1], 64)
	if err != nil || math.IsNaN(v) || v < -1 || v > 1 {
		return termInfo{}, lexErr(file, line, "valence %q of %q is not a number in [-1, 1]", f[1], term)
	}
	emo := NoEmotion
	if f[2] != "" {
		var ok bool
		if emo, ok = ParseEmotion(f[2]); !ok || emo == NoEmotion {
			return termInfo{}, lexErr(file, line, "emotion %q of %q is not one of joy, like, sorrow, anger, fear, disgust, surprise or empty", f[2], term)
		}
	}
	if v == 0 && emo == NoEmotion {
		return termInfo{}, lexErr(file, line, "%q has valence 0 and no emotion: it would never count", term)
	}
	w := 1.0
	if f[3] != "" {
		w, err = strconv.ParseFloat(f[3], 64)
		if err != nil || !(w > 0 && w <= maxTermWeight) {
			return termInfo{}, lexErr(file, line, "weight %q of %q is not a number in (0, %d]", f[3], term, maxTermWeight)
		}
	}
	return scoredInfo(v, emo, w), nil
}

// scoredInfo is the termInfo of a scored term.
func scoredInfo(v float64, emo Emotion, w float64) termInfo {
	info := termInfo{flags: termSent, valence: v * w, emotion: emo}
	if emo != NoEmotion {
		info.emoStr = max(math.Abs(v), minEmotionStrength) * w
	}
	return info
}

func (lx *lexicon) parseNegators(file string, data []byte) error {
	spec := rows{min: 1, max: 1, want: "1 (a term per line)"}
	return spec.each(file, data, func(line int, f []string) error {
		term := f[0]
		if _, ok := lx.terms[term]; ok {
			return lexErr(file, line, "negator %q is also a scored term", term)
		}
		lx.terms[term] = termInfo{flags: termNeg}
		lx.addTerm(term, 0)
		return nil
	})
}

func (lx *lexicon) parseDegree(file string, data []byte) error {
	spec := rows{header: degreeHeader, min: 2, max: 2, want: "2 (term weight)"}
	return spec.each(file, data, func(line int, f []string) error {
		term := f[0]
		w, err := strconv.ParseFloat(f[1], 64)
		if err != nil || !(w > 0 && w <= maxDegreeWeight) {
			return lexErr(file, line, "weight %q of %q is not a number in (0, %d]", f[1], term, maxDegreeWeight)
		}
		info := lx.terms[term]
		if info.flags&termNeg != 0 {
			return lexErr(file, line, "degree adverb %q is also a negator", term)
		}
		if info.flags&termSent != 0 && info.emotion == NoEmotion && info.valence == 0 {
			return lexErr(file, line, "degree adverb %q has no score", term)
		}
		info.flags |= termDegree
		info.degree = w
		lx.terms[term] = info
		lx.addTerm(term, 0)
		return nil
	})
}

func (lx *lexicon) parseMarkers(file string, data []byte) error {
	spec := rows{header: markersHeader, min: 4, max: 4, want: "4 (term role weight note)", symbols: true}
	return spec.each(file, data, func(line int, f []string) error {
		term := f[0]
		r, ok := parseRole(f[1])
		if !ok {
			return lexErr(file, line, "role %q of %q is not one of contrast, concession, rhetorical, question, affirm, irony, irony-open, irony-close, laughter or complement", f[1], term)
		}
		info := lx.terms[term]
		w := 0.0
		switch r {
		case roleContrast, roleConcession, roleComplement:
			var err error
			w, err = strconv.ParseFloat(f[2], 64)
			if err != nil || !(w > 0 && w <= maxMarkerWeight) {
				return lexErr(file, line, "weight %q of %s marker %q is not a number in (0, %d]", f[2], f[1], term, maxMarkerWeight)
			}
			if r == roleContrast && info.flags&(termSent|termNeg|termDegree) != 0 {
				return lexErr(file, line, "contrast marker %q is also a scored term, negator or degree adverb", term)
			}
		default:
			if f[2] != "" {
				return lexErr(file, line, "weight %q of %s marker %q: only contrast, concession and complement markers have one", f[2], f[1], term)
			}
		}
		if r == roleAffirm && info.flags&termNeg == 0 && info.flags != 0 {
			return lexErr(file, line, "affirm marker %q must be a negator or nothing else", term)
		}
		info.flags |= termMarker
		info.role, info.roleW = r, w
		lx.terms[term] = info
		lx.addTerm(term, 0)
		return nil
	})
}

func (lx *lexicon) parseDict(file string, data []byte) error {
	spec := rows{min: 1, max: 2, want: "a term and an optional frequency"}
	return spec.each(file, data, func(line int, f []string) error {
		term := f[0]
		freq := 0.0 // the default
		if len(f) == 2 {
			n, err := strconv.ParseUint(f[1], 10, 64)
			if err != nil || n == 0 || n > maxDictFreq {
				return lexErr(file, line, "frequency %q of %q is not an integer in [1, %g]", f[1], term, float64(maxDictFreq))
			}
			freq = float64(n)
		}
		lx.memes[term] = true
		lx.dictTerms[term] = true
		lx.addTerm(term, freq)
		return nil
	})
}

func (lx *lexicon) parseStopwords(file string, data []byte) error {
	spec := rows{min: 1, max: 1, want: "1 (a term per line)"}
	return spec.each(file, data, func(line int, f []string) error {
		lx.stop[f[0]] = true
		return nil
	})
}
