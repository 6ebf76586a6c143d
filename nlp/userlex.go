package nlp

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// LexiconFormat names the format of a user lexicon file.
type LexiconFormat string

// User lexicon formats.
const (
	// FormatAuto detects the format from the content (and, for term
	// lists, the polarity from the file name).
	FormatAuto LexiconFormat = ""
	// FormatTSV is the format of the built-in sentiment.tsv: a header
	// "term valence emotion weight note", then one term per line.
	FormatTSV LexiconFormat = "tsv"
	// FormatPositive and FormatNegative are lists of one term per line, all
	// positive or all negative, as HowNet and NTUSD publish them. Their
	// terms get valence +ListValence or −ListValence and no emotion.
	FormatPositive LexiconFormat = "positive"
	FormatNegative LexiconFormat = "negative"
	// FormatScore is "term score" per line, separated by spaces or a tab,
	// as BosonNLP publishes it. Scores of any scale: when one exceeds 1 in
	// magnitude, all are divided by the largest magnitude in the file.
	FormatScore LexiconFormat = "score"
	// FormatDUTIR is the DUTIR emotion ontology exported as CSV: term,
	// category, intensity, polarity. A header row naming 词语, 情感分类,
	// 强度 and 极性 (as the original spreadsheet does) locates the columns
	// among others; without one the four columns come in that order.
	// Category is one of DUTIR's 21 codes (PA, PE, PD, PH, PG, PB, PK, NA,
	// NB, NJ, NH, PF, NI, NC, NG, NE, ND, NN, NK, NL, PC), a major class
	// (乐 好 哀 怒 惧 恶 惊) or an English emotion name; intensity is 1–9;
	// polarity 0 neutral, 1 positive, 2 negative, 3 both. Valence is
	// ±intensity/9 (0 for neutral or both).
	FormatDUTIR LexiconFormat = "dutir"
)

// ListValence is the valence magnitude of the terms of a positive or
// negative term list.
const ListValence = 0.5

// ParseLexiconFormat checks a format name ("" or "auto" for FormatAuto).
func ParseLexiconFormat(s string) (LexiconFormat, error) {
	switch f := LexiconFormat(strings.ToLower(s)); f {
	case FormatAuto, "auto":
		return FormatAuto, nil
	case FormatTSV, FormatPositive, FormatNegative, FormatScore, FormatDUTIR:
		return f, nil
	}
	return "", fmt.Errorf("lexicon format %q: want auto, tsv, positive, negative, score or dutir", s)
}

// UserLexicon is the content of a user lexicon file.
type UserLexicon struct {
	// Name is the file's name, used in errors and for guessing the
	// polarity of a term list; it does not enter the digest.
	Name string
	// Format is the file's format, FormatAuto to detect it.
	Format LexiconFormat
	// Data is the file's bytes: UTF-8 (with or without BOM, LF or CRLF),
	// or GB18030/GBK, which is detected when the bytes are not UTF-8.
	Data []byte
}

// ReadUserLexicon reads a user lexicon file.
func ReadUserLexicon(path string, format LexiconFormat) (UserLexicon, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return UserLexicon{}, fmt.Errorf("read lexicon: %w", err)
	}
	return UserLexicon{Name: filepath.Base(path), Format: format, Data: b}, nil
}

// LexiconInfo describes a user lexicon as loaded: by content, not by path,
// so that outputs stay comparable across machines.
type LexiconInfo struct {
	// Format is the format the file was read in (detected or given).
	Format LexiconFormat `json:"format"`
	// SHA256 is the hex SHA-256 of the file's bytes.
	SHA256 string `json:"sha256"`
	// Encoding is "utf-8" or "gb18030".
	Encoding string `json:"encoding"`
	// Entries counts the terms added or overridden.
	Entries int `json:"entries"`
	// Skipped counts the entries that could not be used: terms that are
	// no single token after normalisation (punctuation, spaces), built-in
	// negators and contrast markers, repeats of a term earlier in the file.
	Skipped int `json:"skipped"`
	// SkipExamples names the first skipped entries as "file:line: why".
	SkipExamples []string `json:"-"`
}

// maxSkipExamples bounds LexiconInfo.SkipExamples.
const maxSkipExamples = 5

// userFile is a user lexicon being applied.
type userFile struct {
	lx    *lexicon
	name  string
	info  LexiconInfo
	seen  map[string]int // term → line, for repeats
	terms []userTerm     // collected before applying (scores need the file's maximum)
}

type userTerm struct {
	line int
	term string
	info termInfo
	raw  float64 // the score of a score-format line, before scaling
}

// applyUser parses a user lexicon and adds its terms to lx, overriding
// built-in and earlier user entries.
func (lx *lexicon) applyUser(u UserLexicon) (LexiconInfo, error) {
	sum := sha256.Sum256(u.Data)
	uf := &userFile{lx: lx, name: u.Name, seen: map[string]int{}}
	uf.info.SHA256 = hex.EncodeToString(sum[:])
	text, enc, err := decodeUser(u.Data)
	if err != nil {
		return LexiconInfo{}, lexErr(u.Name, 0, "%v", err)
	}
	uf.info.Encoding = enc
	format := u.Format
	if format == FormatAuto {
		if format, err = detectFormat(u.Name, text); err != nil {
			return LexiconInfo{}, err
		}
	}
	uf.info.Format = format
	switch format {
	case FormatTSV:
		err = uf.parseTSV(text)
	case FormatPositive:
		err = uf.parseList(text, ListValence)
	case FormatNegative:
		err = uf.parseList(text, -ListValence)
	case FormatScore:
		err = uf.parseScores(text)
	case FormatDUTIR:
		err = uf.parseDUTIR(text)
	default:
		err = lexErr(u.Name, 0, "unknown lexicon format %q", format)
	}
	if err != nil {
		return LexiconInfo{}, err
	}
	uf.apply()
	return uf.info, nil
}

// decodeUser strips a BOM and CRs and decodes GB18030 when the bytes are
// not UTF-8.
func decodeUser(b []byte) (string, string, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	enc := "utf-8"
	if !utf8.Valid(b) {
		d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
		if err != nil || !utf8.Valid(d) || bytes.ContainsRune(d, utf8.RuneError) {
			return "", "", errors.New("neither UTF-8 nor GB18030 text")
		}
		b, enc = d, "gb18030"
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n"), enc, nil
}

// lines calls fn for each line that is not blank or a # comment, with its
// 1-based number, trimmed of surrounding whitespace.
func lines(text string, fn func(line int, s string) error) error {
	for i, s := range strings.Split(text, "\n") {
		s = strings.TrimRightFunc(s, unicode.IsSpace)
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if err := fn(i+1, s); err != nil {
			return err
		}
	}
	return nil
}

// detectFormat decides a user lexicon's format from its first lines.
func detectFormat(name, text string) (LexiconFormat, error) {
	var sample []string
	_ = lines(text, func(_ int, s string) error {
		if len(sample) < 20 {
			sample = append(sample, s)
		}
		return nil
	})
	if len(sample) == 0 {
		return "", lexErr(name, 0, "empty lexicon")
	}
	switch {
	case sample[0] == sentimentHeader:
		return FormatTSV, nil
	case strings.Contains(sample[0], "词语") && strings.Contains(sample[0], "情感分类"):
		return FormatDUTIR, nil
	}
	dutir, score, single := 0, 0, 0
	for _, s := range sample {
		if f := strings.Split(s, ","); len(f) >= 4 {
			if _, ok := dutirEmotion(strings.TrimSpace(f[1])); ok {
				dutir++
			}
		}
		f := strings.Fields(s)
		if len(f) >= 2 {
			if _, err := strconv.ParseFloat(f[len(f)-1], 64); err == nil {
				score++
			}
		}
		if len(f) == 1 && !strings.Contains(s, ",") {
			single++
		}
	}
	n := len(sample)
	switch {
	case dutir*2 > n:
		return FormatDUTIR, nil
	case score*2 > n:
		return FormatScore, nil
	case single*2 > n:
		return listPolarity(name)
	}
	return "", lexErr(name, 0, "cannot tell the lexicon format from the content; name it with --lexicon-format (tsv, positive, negative, score or dutir)")
}

// listPolarity guesses whether a term list is positive or negative from its
// file name (正面/褒义/pos… or 负面/贬义/neg…).
func listPolarity(name string) (LexiconFormat, error) {
	n := strings.ToLower(name)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(n, w) {
				return true
			}
		}
		return false
	}
	pos := has("pos", "正面", "褒", "积极", "好评")
	neg := has("neg", "负面", "贬", "消极", "差评")
	switch {
	case pos && !neg:
		return FormatPositive, nil
	case neg && !pos:
		return FormatNegative, nil
	}
	return "", lexErr(name, 0, "a list of one term per line, but its name does not say whether the terms are positive or negative; use --lexicon-format positive or negative")
}

// skip records an entry that cannot be used.
func (uf *userFile) skip(line int, format string, args ...any) {
	uf.info.Skipped++
	if len(uf.info.SkipExamples) < maxSkipExamples {
		uf.info.SkipExamples = append(uf.info.SkipExamples, fmt.Sprintf("%s:%d: %s", uf.name, line, fmt.Sprintf(format, args...)))
	}
}

// add collects a term of a foreign format, normalising it first. It skips
// terms that are no single token and repeats.
func (uf *userFile) add(line int, raw string, info termInfo, score float64) {
	term := Normalize(raw).Text
	if term == "" || checkTerm(uf.name, line, term, true) != nil {
		uf.skip(line, "%q is not one token (spaces or punctuation)", raw)
		return
	}
	uf.addTerm(line, term, info, score)
}

// addTerm collects a checked term.
func (uf *userFile) addTerm(line int, term string, info termInfo, score float64) {
	if prev, ok := uf.seen[term]; ok {
		uf.skip(line, "%q repeats line %d", term, prev)
		return
	}
	uf.seen[term] = line
	uf.terms = append(uf.terms, userTerm{line: line, term: term, info: info, raw: score})
}

// apply adds the collected terms to the lexicon.
func (uf *userFile) apply() {
	lx := uf.lx
	for _, t := range uf.terms {
		prev := lx.terms[t.term]
		switch {
		case prev.flags&termNeg != 0:
			uf.skip(t.line, "%q is a negator in the built-in lexicon", t.term)
			continue
		case prev.role == roleContrast:
			uf.skip(t.line, "%q is a contrast conjunction in the built-in lexicon", t.term)
			continue
		}
		info := t.info
		info.flags |= prev.flags &^ termFiller
		info.degree, info.role, info.roleW = prev.degree, prev.role, prev.roleW
		lx.terms[t.term] = info
		lx.memes[t.term] = true
		if _, known := lx.origin[t.term]; !known {
			lx.addTerm(t.term, 0)
		}
		lx.origin[t.term] = fmt.Sprintf("%s:%d", uf.name, t.line)
		uf.info.Entries++
	}
}

// parseTSV reads the built-in format, strictly: every bad line is an error.
func (uf *userFile) parseTSV(text string) error {
	spec := rows{header: sentimentHeader, min: 5, max: 5, want: "5 (term valence emotion weight note)", symbols: true}
	return spec.each(uf.name, []byte(text), func(line int, f []string) error {
		info, err := parseScored(uf.name, line, f)
		if err != nil {
			return err
		}
		uf.addTerm(line, f[0], info, 0)
		return nil
	})
}

// parseList reads one term per line.
func (uf *userFile) parseList(text string, valence float64) error {
	return lines(text, func(line int, s string) error {
		s = strings.TrimSpace(s)
		if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
			return lexErr(uf.name, line, "%q holds more than one field; a term list has one term per line (remove header lines, or give the format with --lexicon-format)", s)
		}
		uf.add(line, s, scoredInfo(valence, NoEmotion, 1), 0)
		return nil
	})
}

// parseScores reads "term score" lines and scales the scores into [-1, 1].
func (uf *userFile) parseScores(text string) error {
	err := lines(text, func(line int, s string) error {
		f := strings.Fields(s)
		if len(f) < 2 {
			return lexErr(uf.name, line, "%q: want a term and a score", s)
		}
		v, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return lexErr(uf.name, line, "score %q of %q is not a number", f[len(f)-1], strings.Join(f[:len(f)-1], " "))
		}
		if len(f) > 2 {
			uf.skip(line, "%q is not one token (spaces)", strings.Join(f[:len(f)-1], " "))
			return nil
		}
		uf.add(line, f[0], termInfo{}, v)
		return nil
	})
	if err != nil {
		return err
	}
	scale := 1.0
	for _, t := range uf.terms {
		scale = max(scale, math.Abs(t.raw))
	}
	kept := uf.terms[:0]
	for _, t := range uf.terms {
		v := t.raw / scale
		if v == 0 {
			uf.skip(t.line, "%q has score 0", t.term)
			continue
		}
		t.info = scoredInfo(v, NoEmotion, 1)
		kept = append(kept, t)
	}
	uf.terms = kept
	return nil
}

// parseDUTIR reads the DUTIR emotion ontology as CSV.
func (uf *userFile) parseDUTIR(text string) error {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.Comment = '#'
	col := [4]int{0, 1, 2, 3} // term, category, intensity, polarity
	first := true
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return lexErr(uf.name, pe.Line, "%v", pe.Err)
		}
		if err != nil {
			return lexErr(uf.name, 0, "%v", err)
		}
		line, _ := r.FieldPos(0)
		if first {
			first = false
			if h, ok := dutirHeader(rec); ok {
				col = h
				continue
			}
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		need := max(col[0], col[1], col[2], col[3]) + 1
		if len(rec) < need {
			return lexErr(uf.name, line, "%d fields, want at least %d (term, category, intensity, polarity)", len(rec), need)
		}
		term := strings.TrimSpace(rec[col[0]])
		cat := strings.TrimSpace(rec[col[1]])
		emo, ok := dutirEmotion(cat)
		if !ok {
			return lexErr(uf.name, line, "category %q of %q is not a DUTIR category (PA … PC, 乐 … 惊) or an emotion name", cat, term)
		}
		in, err := strconv.ParseFloat(strings.TrimSpace(rec[col[2]]), 64)
		if err != nil || !(in > 0 && in <= 9) {
			return lexErr(uf.name, line, "intensity %q of %q is not a number in (0, 9]", rec[col[2]], term)
		}
		var sign float64
		switch p := strings.TrimSpace(rec[col[3]]); p {
		case "0", "3":
		case "1":
			sign = 1
		case "2":
			sign = -1
		default:
			return lexErr(uf.name, line, "polarity %q of %q is not 0 (neutral), 1 (positive), 2 (negative) or 3 (both)", p, term)
		}
		uf.add(line, term, scoredInfo(sign*in/9, emo, 1), 0)
	}
}

// dutirHeader locates the columns of a DUTIR header row.
func dutirHeader(rec []string) ([4]int, bool) {
	col := [4]int{-1, -1, -1, -1}
	names := [4][]string{{"词语", "term"}, {"情感分类", "category"}, {"强度", "intensity"}, {"极性", "polarity"}}
	for i, h := range rec {
		h = strings.ToLower(strings.TrimSpace(h))
		for k, alts := range names {
			for _, a := range alts {
				if h == a && col[k] < 0 { // the first 强度/极性 are the main ones
					col[k] = i
				}
			}
		}
	}
	for _, c := range col {
		if c < 0 {
			return col, false
		}
	}
	return col, true
}

// dutirEmotion maps a DUTIR category code, major class or emotion name.
func dutirEmotion(s string) (Emotion, bool) {
	switch strings.ToUpper(s) {
	case "PA", "PE", "乐":
		return Joy, true
	case "PD", "PH", "PG", "PB", "PK", "好":
		return Like, true
	case "NA", "怒":
		return Anger, true
	case "NB", "NJ", "NH", "PF", "哀":
		return Sorrow, true
	case "NI", "NC", "NG", "惧":
		return Fear, true
	case "NE", "ND", "NN", "NK", "NL", "恶":
		return Disgust, true
	case "PC", "惊":
		return Surprise, true
	}
	e, ok := ParseEmotion(strings.ToLower(s))
	return e, ok && e != NoEmotion
}
