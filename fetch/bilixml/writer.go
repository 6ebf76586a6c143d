package bilixml

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// Writer writes danmaku as a Bilibili XML document, one element per line.
// It makes one Write call per element on the underlying writer; wrap that in
// a bufio.Writer when writing many.
type Writer struct {
	w      io.Writer
	chatID int64
	fields int
	header bool  // the header was written
	err    error // sticky
	buf    []byte
}

// NewWriter returns a writer of a document for chatid chatID whose <d>
// elements carry fields p-attribute fields: 8 (no weight) or 9. The header
// is written with the first element or by Close.
func NewWriter(w io.Writer, chatID int64, fields int) *Writer {
	wr := &Writer{w: w, chatID: chatID, fields: fields}
	if fields != 8 && fields != 9 {
		wr.err = fmt.Errorf("bilixml: writer: %d p fields, want 8 or 9", fields)
	}
	return wr
}

// Write writes one <d p="…">text</d>: the appear time as seconds with five
// decimals, the send time in Unix seconds (in milliseconds when it is not a
// whole second; 0 when unknown), the weight as 0 when unknown, and the text
// escaped. Text that XML cannot hold (control characters other than tab,
// LF and CR, invalid UTF-8) is an error.
func (w *Writer) Write(d *fetch.Danmaku) error {
	if err := w.writeHeader(); err != nil {
		return err
	}
	if err := checkWritable(d); err != nil {
		return fmt.Errorf("bilixml: write danmaku %d: %w", d.Dmid, err)
	}
	b := append(w.buf[:0], `<d p="`...)
	b = appendSeconds(b, d.ProgressMs)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(d.Mode), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(d.Fontsize), 10)
	b = append(b, ',')
	b = strconv.AppendUint(b, uint64(d.Color), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, sendTime(d), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(d.Pool), 10)
	b = append(b, ',')
	b = appendEscaped(b, d.UserHash, true)
	b = append(b, ',')
	b = strconv.AppendInt(b, d.Dmid, 10)
	if w.fields == 9 {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(d.Weight), 10)
	}
	b = append(b, `">`...)
	b = appendEscaped(b, d.Text, false)
	b = append(b, "</d>\n"...)
	w.buf = b
	return w.write(b)
}

// WriteElement writes raw, an element that is not a danmaku (<gift>, <sc>,
// <guard> …), as it is on a line of its own. It is not checked.
func (w *Writer) WriteElement(raw string) error {
	if err := w.writeHeader(); err != nil {
		return err
	}
	w.buf = append(append(w.buf[:0], raw...), '\n')
	return w.write(w.buf)
}

// Close writes the closing </i> (and the header if nothing was written). It
// does not close the underlying writer.
func (w *Writer) Close() error {
	if err := w.writeHeader(); err != nil {
		return err
	}
	if err := w.write([]byte("</i>\n")); err != nil {
		return err
	}
	w.err = errors.New("bilixml: writer closed")
	return nil
}

// writeHeader writes the XML declaration, <i> and the header elements once.
func (w *Writer) writeHeader() error {
	if w.err != nil || w.header {
		return w.err
	}
	w.header = true
	h := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<i><chatserver>chat.bilibili.com</chatserver><chatid>` + strconv.FormatInt(w.chatID, 10) +
		`</chatid><mission>0</mission><maxlimit>3000</maxlimit><state>0</state><real_name>0</real_name><source>k-v</source>` + "\n"
	return w.write([]byte(h))
}

func (w *Writer) write(b []byte) error {
	if w.err != nil {
		return w.err
	}
	if _, err := w.w.Write(b); err != nil {
		w.err = fmt.Errorf("bilixml: write: %w", err)
	}
	return w.err
}

// checkWritable rejects values the p attribute or XML text cannot hold.
func checkWritable(d *fetch.Danmaku) error {
	if strings.Contains(d.UserHash, ",") {
		return fmt.Errorf("user hash %q holds a comma", d.UserHash)
	}
	if err := checkXMLText("user hash", d.UserHash); err != nil {
		return err
	}
	return checkXMLText("text", d.Text)
}

// checkXMLText rejects s unless it is valid UTF-8 made of XML characters.
func checkXMLText(what, s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%s %q is not valid UTF-8", what, s)
	}
	for _, r := range s {
		if r < 0x20 || r >= 0xD800 {
			if !isXMLChar(r) {
				return fmt.Errorf("%s %q holds U+%04X, which XML cannot hold", what, s, r)
			}
		}
	}
	return nil
}

// appendSeconds appends ms as seconds with five decimals, exactly.
func appendSeconds(b []byte, ms int64) []byte {
	u := uint64(ms)
	if ms < 0 {
		b = append(b, '-')
		u = -u
	}
	b = strconv.AppendUint(b, u/1000, 10)
	frac := u % 1000
	return append(b, '.', byte('0'+frac/100), byte('0'+frac/10%10), byte('0'+frac%10), '0', '0')
}

// sendTime returns the p-attribute send time: Unix seconds, or milliseconds
// when the time is not a whole second, 0 when unknown.
func sendTime(d *fetch.Danmaku) int64 {
	switch {
	case !d.HasSentAt:
		return 0
	case d.SentAtMs%1000 == 0 && d.SentAtMs != 0:
		return d.SentAtMs / 1000
	}
	return d.SentAtMs
}

// appendEscaped appends s escaped for XML text, or for a double-quoted
// attribute value when attr is set. CR is written as a reference so that
// it survives newline normalisation.
func appendEscaped(b []byte, s string, attr bool) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '\r':
			b = append(b, "&#13;"...)
		case '"':
			if attr {
				b = append(b, "&quot;"...)
			} else {
				b = append(b, c)
			}
		case '\n', '\t':
			if attr {
				b = append(b, "&#"...)
				b = strconv.AppendInt(b, int64(c), 10)
				b = append(b, ';')
			} else {
				b = append(b, c)
			}
		default:
			b = append(b, c)
		}
	}
	return b
}
