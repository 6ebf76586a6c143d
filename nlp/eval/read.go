// Package eval measures the sentiment and emotion scorer of package nlp on
// labeled text: accuracy, macro-F1, the confusion matrix, lexicon coverage
// and the worst misses.
//
// A labeled set is CSV or TSV with a header naming a text column and a label
// column ([Read]). Labels are polarity classes (pos, neg, neu) or emotion
// classes (joy, like, sorrow, anger, fear, disgust, surprise, none), in
// English or Chinese; [Evaluate] picks the task from the labels it finds.
package eval

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// ErrFormat is wrapped by every error about the content of a labeled set.
var ErrFormat = errors.New("bad labeled set")

// FormatError reports a problem at a line of a labeled set.
type FormatError struct {
	File   string // the set's name, as given to Read
	Line   int    // 1-based line, 0 for the whole file
	Detail string
}

// Error formats the error as "file:line: detail".
func (e *FormatError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Detail)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Detail)
}

// Unwrap returns [ErrFormat].
func (e *FormatError) Unwrap() error { return ErrFormat }

// Item is one labeled text.
type Item struct {
	Line  int    // 1-based line of the file
	Text  string // the text
	Label string // the gold label, canonical (see Set.Task)
}

// Set is a labeled evaluation set.
type Set struct {
	Name  string
	Task  Task
	Items []Item
}

// ReadOptions configure [Read]. The zero value reads the columns named
// text and label, as TSV when the header holds a tab and CSV otherwise.
type ReadOptions struct {
	// TextColumn names the text column; "" accepts text, review, content,
	// sentence or comment.
	TextColumn string
	// LabelColumn names the label column; "" accepts label, sentiment,
	// polarity or emotion.
	LabelColumn string
	// Format is "tsv", "csv" or "" to decide from the header line. TSV
	// has no quoting (a field may begin with a quote); CSV follows RFC 4180.
	Format string
}

// maxLine bounds one line of a labeled set.
const maxLine = 1 << 20

// Read reads a labeled set. name is used in errors. Every row must have a
// text and a known label; an empty text is skipped (and counted in no
// figure), any other problem is an error naming the line.
func Read(r io.Reader, name string, opt ReadOptions) (*Set, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(4096)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	firstLine, _, _ := bytes.Cut(head, []byte("\n"))
	format := opt.Format
	switch format {
	case "":
		format = "csv"
		if bytes.IndexByte(firstLine, '\t') >= 0 {
			format = "tsv"
		}
	case "csv", "tsv":
	default:
		return nil, fmt.Errorf("labeled set format %q: want csv or tsv", opt.Format)
	}
	var rows rowReader
	if format == "tsv" {
		rows = newTSVReader(br)
	} else {
		rows = newCSVReader(br)
	}
	header, _, err := rows.next()
	if errors.Is(err, io.EOF) {
		return nil, &FormatError{name, 0, "empty file: want a header line naming the text and label columns"}
	}
	if err != nil {
		return nil, wrapRowErr(name, 1, err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	ti, li, err := findColumns(header, opt)
	if err != nil {
		return nil, &FormatError{name, 1, err.Error()}
	}
	set := &Set{Name: name}
	var raw []string
	for {
		f, line, err := rows.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, wrapRowErr(name, line, err)
		}
		if len(f) == 1 && strings.TrimSpace(f[0]) == "" {
			continue // blank line
		}
		if len(f) <= max(ti, li) {
			return nil, &FormatError{name, line, fmt.Sprintf("%d fields, want at least %d (the header names %d)", len(f), max(ti, li)+1, len(header))}
		}
		if !utf8.ValidString(f[ti]) {
			return nil, &FormatError{name, line, "text is not valid UTF-8"}
		}
		label := strings.TrimSpace(f[li])
		if label == "" {
			return nil, &FormatError{name, line, "empty label"}
		}
		if strings.TrimSpace(f[ti]) == "" {
			continue
		}
		set.Items = append(set.Items, Item{Line: line, Text: f[ti], Label: label})
		raw = append(raw, label)
	}
	if len(set.Items) == 0 {
		return nil, &FormatError{name, 0, "no labeled texts"}
	}
	task, canon, err := canonicalLabels(raw)
	if err != nil {
		var le *labelError
		if errors.As(err, &le) {
			return nil, &FormatError{name, set.Items[le.index].Line, le.Error()}
		}
		return nil, &FormatError{name, 0, err.Error()}
	}
	set.Task = task
	for i := range set.Items {
		set.Items[i].Label = canon[i]
	}
	return set, nil
}

// findColumns returns the indexes of the text and label columns.
func findColumns(header []string, opt ReadOptions) (text, label int, err error) {
	find := func(want string, names ...string) int {
		for i, h := range header {
			h = strings.ToLower(strings.TrimSpace(h))
			if want != "" {
				if h == strings.ToLower(want) {
					return i
				}
				continue
			}
			for _, n := range names {
				if h == n {
					return i
				}
			}
		}
		return -1
	}
	text = find(opt.TextColumn, "text", "review", "content", "sentence", "comment")
	label = find(opt.LabelColumn, "label", "sentiment", "polarity", "emotion")
	switch {
	case text < 0 && opt.TextColumn != "":
		return 0, 0, fmt.Errorf("header %q has no column %q", strings.Join(header, ","), opt.TextColumn)
	case text < 0:
		return 0, 0, fmt.Errorf("header %q names no text column (text, review, content, sentence or comment)", strings.Join(header, ","))
	case label < 0 && opt.LabelColumn != "":
		return 0, 0, fmt.Errorf("header %q has no column %q", strings.Join(header, ","), opt.LabelColumn)
	case label < 0:
		return 0, 0, fmt.Errorf("header %q names no label column (label, sentiment, polarity or emotion)", strings.Join(header, ","))
	}
	return text, label, nil
}

// rowReader yields the fields of each row and the line it starts on.
type rowReader interface {
	next() ([]string, int, error)
}

// tsvReader reads tab-separated lines without quoting.
type tsvReader struct {
	sc   *bufio.Scanner
	line int
}

func newTSVReader(r io.Reader) *tsvReader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	return &tsvReader{sc: sc}
}

func (t *tsvReader) next() ([]string, int, error) {
	if !t.sc.Scan() {
		if err := t.sc.Err(); err != nil {
			return nil, t.line + 1, err
		}
		return nil, t.line, io.EOF
	}
	t.line++
	s := strings.TrimSuffix(t.sc.Text(), "\r")
	return strings.Split(s, "\t"), t.line, nil
}

// csvReader reads RFC 4180 CSV.
type csvReader struct {
	r *csv.Reader
}

func newCSVReader(r io.Reader) *csvReader {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	return &csvReader{r: cr}
}

func (c *csvReader) next() ([]string, int, error) {
	f, err := c.r.Read()
	if err != nil || len(f) == 0 {
		return nil, 0, err
	}
	line, _ := c.r.FieldPos(0)
	return f, line, nil
}

// wrapRowErr turns a reader error into a FormatError at its line.
func wrapRowErr(name string, line int, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &FormatError{name, pe.Line, pe.Err.Error()}
	}
	if errors.Is(err, bufio.ErrTooLong) {
		return &FormatError{name, line, fmt.Sprintf("line longer than %d bytes", maxLine)}
	}
	return fmt.Errorf("read %s: %w", name, err)
}
