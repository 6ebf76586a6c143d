package bilixml

import (
	"bytes"
	"io"
)

const (
	// initialWindow is the starting size of the input window.
	initialWindow = 64 << 10
	// maxWindow bounds the window: one <d> element (tag and text) must fit
	// in it. Real danmaku are a few hundred bytes; live recorders add a raw
	// JSON attribute of a few kilobytes.
	maxWindow = 1 << 20
	// maxEmptyReads is how many (0, nil) reads in a row end the input with
	// io.ErrNoProgress.
	maxEmptyReads = 100
)

// input is a sliding window over the decoded document. Offsets handed out by
// its methods are relative to the read position pos, so they stay valid when
// the window slides or grows; consuming input invalidates them. input counts
// the newlines it consumes, so line is the 1-based line of the read position.
type input struct {
	src  io.Reader
	buf  []byte
	pos  int   // read position in buf
	end  int   // end of the valid bytes in buf
	line int   // 1-based line of buf[pos]
	err  error // io.EOF or the read error that ended the input
	read int64 // bytes read from src so far
	full bool  // the last more failed because the window is at maxWindow
}

func newInput(src io.Reader) *input {
	return &input{src: src, buf: make([]byte, initialWindow), line: 1}
}

// avail returns the unconsumed bytes in the window.
func (in *input) avail() []byte { return in.buf[in.pos:in.end] }

// more reads more input into the window, keeping the unconsumed bytes. It
// reports false when nothing more can be read: at the end of the input, after
// a read error (both kept in err) or when the window is at its maximum (full).
func (in *input) more() bool {
	in.full = false
	if in.err != nil {
		return false
	}
	if in.pos > 0 {
		n := copy(in.buf, in.buf[in.pos:in.end])
		in.pos, in.end = 0, n
	}
	if in.end == len(in.buf) {
		if len(in.buf) >= maxWindow {
			in.full = true
			return false
		}
		nb := make([]byte, min(2*len(in.buf), maxWindow))
		copy(nb, in.buf[:in.end])
		in.buf = nb
	}
	for range maxEmptyReads {
		n, err := in.src.Read(in.buf[in.end:])
		in.end += n
		in.read += int64(n)
		if err != nil {
			in.err = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	in.err = io.ErrNoProgress
	return false
}

// ensure reports whether at least n unconsumed bytes are in the window,
// reading more as needed.
func (in *input) ensure(n int) bool {
	for in.end-in.pos < n {
		if !in.more() {
			return false
		}
	}
	return true
}

// at returns the byte at offset i, or 0 when the input ends before it.
func (in *input) at(i int) byte {
	if !in.ensure(i + 1) {
		return 0
	}
	return in.buf[in.pos+i]
}

// hasPrefixAt reports whether the bytes at offset i start with s.
func (in *input) hasPrefixAt(i int, s string) bool {
	if !in.ensure(i + len(s)) {
		return false
	}
	return string(in.buf[in.pos+i:in.pos+i+len(s)]) == s
}

// find returns the offset of the first c at or after offset from, reading
// more input as needed, or -1 when the input (or the window) ends first.
func (in *input) find(from int, c byte) int {
	for {
		if from < in.end-in.pos {
			if i := bytes.IndexByte(in.buf[in.pos+from:in.end], c); i >= 0 {
				return from + i
			}
			from = in.end - in.pos
		}
		if !in.more() {
			return -1
		}
	}
}

// findString is find for a string of two or more bytes.
func (in *input) findString(from int, s string) int {
	for {
		if i := in.find(from, s[0]); i < 0 {
			return -1
		} else if in.hasPrefixAt(i, s) {
			return i
		} else if in.end-in.pos < i+len(s) {
			return -1 // the input ends inside a partial match
		} else {
			from = i + 1
		}
	}
}

// advance consumes n bytes, which must be in the window.
func (in *input) advance(n int) {
	in.line += bytes.Count(in.buf[in.pos:in.pos+n], []byte("\n"))
	in.pos += n
}

// skipPast consumes input up to and including the next s, without growing
// the window. It reports false (having consumed everything) when the input
// ends first.
func (in *input) skipPast(s string) bool {
	for {
		b := in.avail()
		if i := bytes.Index(b, []byte(s)); i >= 0 {
			in.advance(i + len(s))
			return true
		}
		if keep := len(s) - 1; len(b) > keep {
			in.advance(len(b) - keep)
		}
		if !in.more() {
			in.advance(in.end - in.pos)
			return false
		}
	}
}

// tagStatus says how the scan of a tag ended.
type tagStatus uint8

const (
	tagOK   tagStatus = iota // found the closing '>'
	tagLT                    // found a '<' first: the tag is not closed
	tagEOF                   // the input ended first
	tagLong                  // the window is full first
)

// tagEnd returns the offset of the '>' that closes the tag whose name ends
// before offset from, skipping quoted attribute values, reading (and
// growing the window) as needed. A '<' ends the scan even inside quotes:
// XML forbids it in attribute values, and it is where a damaged tag's
// successor starts.
func (in *input) tagEnd(from int) (int, tagStatus) {
	var quote byte
	i := from
	for {
		b := in.avail()
		for ; i < len(b); i++ {
			c := b[i]
			switch {
			case c == '<':
				return i, tagLT
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '>':
				return i, tagOK
			case c == '"' || c == '\'':
				quote = c
			}
		}
		if !in.more() {
			if in.full {
				return i, tagLong
			}
			return i, tagEOF
		}
	}
}
