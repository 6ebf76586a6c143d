package bilixml

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Skip reasons of damaged danmaku, as in [fetch.Skip.Reason].
const (
	ReasonTruncated      = "truncated"
	ReasonIllegalChar    = "illegal_char"
	ReasonInvalidUTF8    = "invalid_utf8"
	ReasonAppended       = "appended_document"
	ReasonMalformed      = "malformed"
	ReasonBadPFields     = "bad_p_fields"
	ReasonBadNumber      = "bad_number"
	ReasonBadCompression = "bad_compression"
	// ReasonDuplicate is not damage: a danmaku whose dmid [fetch.Options.Dedupe]
	// has already seen.
	ReasonDuplicate = "duplicate_dmid"
)

// checkChars finds the first character XML forbids in b: a C0 control other
// than tab, LF and CR, or a byte that is not valid UTF-8. It returns the skip
// reason and detail, or "" when b is clean.
func checkChars(b []byte) (reason, detail string) {
	ascii := true
	for _, c := range b {
		if c < 0x20 {
			if c != '\t' && c != '\n' && c != '\r' {
				return ReasonIllegalChar, fmt.Sprintf("control character U+%04X", c)
			}
		} else if c >= 0x80 {
			ascii = false
		}
	}
	if ascii || utf8.Valid(b) {
		return "", ""
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return ReasonInvalidUTF8, fmt.Sprintf("invalid UTF-8 byte 0x%02x", b[i])
		}
		i += n
	}
	return ReasonInvalidUTF8, "invalid UTF-8"
}

// appendText appends the character data src to dst, decoding the five named
// entities and numeric character references and turning CR LF and lone CR
// into LF, as XML does. A '&' that starts no known reference is kept as it
// is. A reference to a character XML forbids yields a skip reason and detail.
func appendText(dst, src []byte) (out []byte, reason, detail string) {
	for {
		i := bytes.IndexAny(src, "&\r")
		if i < 0 {
			return append(dst, src...), "", ""
		}
		dst = append(dst, src[:i]...)
		src = src[i:]
		if src[0] == '\r' {
			dst = append(dst, '\n')
			src = src[1:]
			if len(src) > 0 && src[0] == '\n' {
				src = src[1:]
			}
			continue
		}
		r, n, ok := reference(src)
		switch {
		case !ok:
			dst = append(dst, '&')
			src = src[1:]
		case !isXMLChar(r):
			return dst, ReasonIllegalChar, fmt.Sprintf("reference %s is not an allowed XML character", src[:n])
		default:
			dst = utf8.AppendRune(dst, r)
			src = src[n:]
		}
	}
}

// maxRefLen is the length of the longest reference recognised, "&#x10FFFF;"
// with some leading zeros.
const maxRefLen = 16

// reference decodes the entity or character reference at the start of b
// (which starts with '&'). n is its length; ok is false when b starts no
// reference. r may be a character XML forbids.
func reference(b []byte) (r rune, n int, ok bool) {
	end := bytes.IndexByte(b[:min(len(b), maxRefLen)], ';')
	if end < 2 {
		return 0, 0, false
	}
	name := b[1:end]
	switch string(name) {
	case "amp":
		return '&', end + 1, true
	case "lt":
		return '<', end + 1, true
	case "gt":
		return '>', end + 1, true
	case "quot":
		return '"', end + 1, true
	case "apos":
		return '\'', end + 1, true
	}
	if name[0] != '#' || len(name) < 2 {
		return 0, 0, false
	}
	digits, base := name[1:], 10
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 || digits[0] == '+' || digits[0] == '-' {
		return 0, 0, false
	}
	v, err := strconv.ParseUint(string(digits), base, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, 0, false
	}
	if err != nil || v > utf8.MaxRune {
		v = utf8.MaxRune + 1 // out of range: reported as not an XML character
	}
	return rune(v), end + 1, true
}

// isXMLChar reports whether r is allowed in an XML 1.0 document.
func isXMLChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r <= 0xD7FF:
		return true
	case r < 0xE000:
		return false
	case r <= 0xFFFD:
		return true
	case r < 0x10000:
		return false
	}
	return r <= utf8.MaxRune
}
