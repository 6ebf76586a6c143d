package bilixml

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// Formats reported in [fetch.ReadStats.Format].
const (
	FormatPlain   = "xml"
	FormatGzip    = "xml+gzip"
	FormatZlib    = "xml+zlib"
	FormatDeflate = "xml+deflate"
)

const (
	// probeSize is how many input bytes decoding is tried on to tell the
	// encodings apart.
	probeSize = 4096
	// peekBufSize is the size of the reader that holds the probe.
	peekBufSize = 64 << 10
)

// utf8BOM is the UTF-8 byte order mark.
const utf8BOM = "\xEF\xBB\xBF"

// errTrack remembers the first error of the raw source, so that the end of a
// decompressed stream can tell a read failure from damaged data.
type errTrack struct {
	r   io.Reader
	err error
}

func (t *errTrack) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if err != nil && t.err == nil {
		t.err = err
	}
	return n, err
}

// failed returns the source's error unless it is io.EOF.
func (t *errTrack) failed() error {
	if t.err == io.EOF {
		return nil
	}
	return t.err
}

// decoded is the document's bytes after decompression.
type decoded struct {
	r      io.Reader
	format string
	closer io.Closer // the decompressor, nil for plain input
}

// detect recognises the encoding of src by its content: gzip by its magic,
// plain XML by a '<' after an optional BOM and white space, zlib by its
// header check, and otherwise raw deflate. zlib and deflate are accepted
// only when their first decoded bytes look like XML.
func detect(src io.Reader, name string) (decoded, error) {
	br := bufio.NewReaderSize(src, peekBufSize)
	head, err := br.Peek(probeSize)
	if len(head) == 0 {
		if err != nil && err != io.EOF {
			return decoded{}, fmt.Errorf("read %s: %w", name, err)
		}
		return decoded{}, &fetch.ParseError{File: name, Reason: "empty", Detail: "input is empty", Err: fetch.ErrEmpty}
	}
	if err != nil && err != io.EOF {
		return decoded{}, fmt.Errorf("read %s: %w", name, err)
	}
	switch {
	case len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b:
		zr, err := gzip.NewReader(br)
		if err != nil {
			return decoded{}, notDanmaku(name, 0, fmt.Sprintf("gzip magic but no valid gzip header: %v", err))
		}
		return decoded{r: zr, format: FormatGzip, closer: zr}, nil
	case looksLikeXML(head):
		return decoded{r: br, format: FormatPlain}, nil
	case isZlibHeader(head) && inflatesToXML(head, true):
		zr, err := zlib.NewReader(br)
		if err != nil {
			return decoded{}, notDanmaku(name, 0, fmt.Sprintf("zlib header but no valid zlib stream: %v", err))
		}
		return decoded{r: zr, format: FormatZlib, closer: zr}, nil
	case inflatesToXML(head, false):
		fr := flate.NewReader(br)
		return decoded{r: fr, format: FormatDeflate, closer: fr}, nil
	}
	return decoded{}, notDanmaku(name, 0, fmt.Sprintf("not XML, gzip, zlib or deflate data (starts with %q)", clip(head, 16)))
}

// looksLikeXML reports whether b, after an optional BOM and white space,
// starts with '<' or holds only white space (which the parser then rejects
// with a clear message).
func looksLikeXML(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte(utf8BOM))
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '<':
			return true
		default:
			return false
		}
	}
	return true
}

// isZlibHeader checks the two-byte zlib header: compression method 8, a
// window of at most 32 KiB and (CMF*256+FLG) divisible by 31.
func isZlibHeader(b []byte) bool {
	return len(b) >= 2 && b[0]&0x0f == 8 && b[0]>>4 <= 7 && (uint(b[0])<<8|uint(b[1]))%31 == 0
}

// inflatesToXML reports whether the probe, decoded as zlib or raw deflate,
// starts like an XML document.
func inflatesToXML(probe []byte, wrapped bool) bool {
	var r io.Reader
	if wrapped {
		zr, err := zlib.NewReader(bytes.NewReader(probe))
		if err != nil {
			return false
		}
		r = zr
	} else {
		r = flate.NewReader(bytes.NewReader(probe))
	}
	var buf [256]byte
	n, _ := io.ReadFull(r, buf[:])
	if n == 0 {
		return false
	}
	b := bytes.TrimPrefix(buf[:n], []byte(utf8BOM))
	b = bytes.TrimLeft(b, " \t\r\n")
	return len(b) > 0 && b[0] == '<'
}

// notDanmaku returns the error for input that is not a danmaku document.
func notDanmaku(name string, line int, detail string) error {
	return &fetch.ParseError{File: name, Line: line, Reason: "not_danmaku", Detail: detail, Err: fetch.ErrNotDanmaku}
}

// clip returns at most n bytes of b.
func clip(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// classifyEnd tells how a decoded input ended: nil for a clean end, a damage
// reason for a damaged compressed stream, or a fatal read error.
func classifyEnd(inErr error, src *errTrack) (reason string, fatal error) {
	if inErr == nil || inErr == io.EOF {
		return "", nil
	}
	if err := src.failed(); err != nil {
		return "", err
	}
	if errors.Is(inErr, io.ErrNoProgress) {
		return "", inErr
	}
	if errors.Is(inErr, io.ErrUnexpectedEOF) {
		return "truncated", nil
	}
	return "bad_compression", nil
}
