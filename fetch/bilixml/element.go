package bilixml

import (
	"bytes"
	"fmt"
)

// segment is a piece of a <d> element's content: character data or the
// inside of a CDATA section, as offsets from the read position.
type segment struct {
	start, end int
	cdata      bool
}

// danmaku reads the <d> element that starts here.
func (p *parser) danmaku() event {
	in := p.in
	line := in.line
	tagEnd, st := in.tagEnd(2)
	switch st {
	case tagEOF:
		return p.truncatedAt(line)
	case tagLong:
		return p.malformedAt(line, in.end-in.pos, fmt.Sprintf("<d> start tag longer than %d bytes", maxWindow))
	case tagLT:
		return p.malformedAt(line, tagEnd, "<d> start tag is not closed")
	}
	selfClosing := in.avail()[tagEnd-1] == '/'
	attrEnd, elemEnd := tagEnd, tagEnd+1
	p.segs = p.segs[:0]
	if selfClosing {
		attrEnd--
	} else {
		var ev event
		var ok bool
		if elemEnd, ev, ok = p.content(line, tagEnd+1); !ok {
			return ev
		}
	}
	elem := in.avail()[:elemEnd]
	if reason, detail := checkChars(elem); reason != "" {
		in.advance(elemEnd)
		return p.skip(line, reason, detail+" in <d>")
	}
	ev := p.decode(line, elem[2:attrEnd])
	in.advance(elemEnd)
	return ev
}

// content finds the end of a <d> element's content, which starts at offset
// k, collecting its segments. It returns the offset just past </d>, or
// ok=false and the skip event for a damaged element.
func (p *parser) content(line, k int) (end int, ev event, ok bool) {
	in := p.in
	for {
		j := in.find(k, '<')
		if j < 0 {
			return 0, p.incomplete(line), false
		}
		p.segs = append(p.segs, segment{start: k, end: j})
		switch {
		case !in.ensure(j + 2):
			return 0, p.incomplete(line), false
		case in.buf[in.pos+j+1] == '/':
			e := in.find(j+2, '>')
			if e < 0 {
				return 0, p.incomplete(line), false
			}
			name := bytes.TrimRight(in.avail()[j+2:e], " \t\r\n")
			if string(name) != "d" {
				return 0, p.malformedAt(line, j, fmt.Sprintf("<d> closed by </%s>", clip(name, 40))), false
			}
			return e + 1, event{}, true
		case in.hasPrefixAt(j, "<![CDATA["):
			e := in.findString(j+9, "]]>")
			if e < 0 {
				return 0, p.incomplete(line), false
			}
			p.segs = append(p.segs, segment{start: j + 9, end: e, cdata: true})
			k = e + 3
		case in.hasPrefixAt(j, "<!--"):
			e := in.findString(j+4, "-->")
			if e < 0 {
				return 0, p.incomplete(line), false
			}
			k = e + 3
		case in.end-in.pos < j+9 && in.err != nil && isPrefixOfMarkup(in.avail()[j:]):
			return 0, p.truncatedAt(line), false
		case p.xmlDeclAt(j):
			in.advance(j)
			return 0, p.skip(line, ReasonTruncated, "<d> cut short by a new document"), false
		default:
			return 0, p.malformedAt(line, j, "element nested in <d>"), false
		}
	}
}

// isPrefixOfMarkup reports whether b is the start of a CDATA section or a
// comment cut short by the end of the input.
func isPrefixOfMarkup(b []byte) bool {
	return bytes.HasPrefix([]byte("<![CDATA["), b) || bytes.HasPrefix([]byte("<!--"), b)
}

// incomplete handles a <d> whose end was not found: the input ended, or the
// element does not fit in the window.
func (p *parser) incomplete(line int) event {
	if p.in.full {
		return p.malformedAt(line, p.in.end-p.in.pos, fmt.Sprintf("<d> element longer than %d bytes", maxWindow))
	}
	return p.truncatedAt(line)
}

// truncatedAt handles the end of the input inside the <d> at line.
func (p *parser) truncatedAt(line int) event {
	p.in.advance(p.in.end - p.in.pos)
	ev, _ := p.end(line, ReasonTruncated, "input ends inside <d>")
	return ev
}

// malformedAt skips the <d> at line up to offset off and discards what is
// left of it once the parser reads on.
func (p *parser) malformedAt(line, off int, detail string) event {
	p.in.advance(off)
	p.resync = true
	return p.skip(line, ReasonMalformed, detail)
}

// decode fills p.d from the attributes and content of a delimited <d>.
func (p *parser) decode(line int, attrs []byte) event {
	a, detail := parseDAttrs(attrs)
	if detail != "" {
		return p.skip(line, ReasonMalformed, detail)
	}
	if a.p == nil {
		return p.skip(line, ReasonMalformed, "<d> has no p attribute")
	}
	pv := a.p
	if bytes.IndexByte(pv, '&') >= 0 {
		var reason string
		p.text, reason, detail = appendText(p.text[:0], pv)
		if reason != "" {
			return p.skip(line, reason, detail+" in the p attribute")
		}
		pv = p.text
	}
	if reason, detail := parseP(pv, &p.d, a.live, a.uid); reason != "" {
		return p.skip(line, reason, detail)
	}
	if reason, detail := p.decodeText(); reason != "" {
		return p.skip(line, reason, detail+" in <d>")
	}
	return event{kind: evDanmaku, line: line}
}

// decodeText sets p.d.Text from the segments of the current <d>.
func (p *parser) decodeText() (reason, detail string) {
	b := p.in.avail()
	if len(p.segs) == 1 {
		s := b[p.segs[0].start:p.segs[0].end]
		if bytes.IndexByte(s, '&') < 0 && bytes.IndexByte(s, '\r') < 0 {
			p.d.Text = string(s)
			return "", ""
		}
	}
	p.text = p.text[:0]
	for _, sg := range p.segs {
		s := b[sg.start:sg.end]
		if sg.cdata {
			p.text = appendNewlines(p.text, s)
			continue
		}
		p.text, reason, detail = appendText(p.text, s)
		if reason != "" {
			return reason, detail
		}
	}
	p.d.Text = string(p.text)
	return "", ""
}

// appendNewlines appends src to dst turning CR LF and lone CR into LF.
func appendNewlines(dst, src []byte) []byte {
	for {
		i := bytes.IndexByte(src, '\r')
		if i < 0 {
			return append(dst, src...)
		}
		dst = append(append(dst, src[:i]...), '\n')
		src = src[i+1:]
		if len(src) > 0 && src[0] == '\n' {
			src = src[1:]
		}
	}
}

// dAttrs are the attributes of a <d> the reader uses.
type dAttrs struct {
	p    []byte // the p attribute, nil when absent
	uid  []byte // the uid attribute of live recorders
	live bool   // a user or uid attribute is present
}

// parseDAttrs scans the attributes of a <d> start tag (the bytes between
// the name and '>' or "/>"). Attributes other than p, user and uid are
// skipped and never stored. It returns a detail when the syntax is broken.
func parseDAttrs(b []byte) (a dAttrs, detail string) {
	for {
		b = bytes.TrimLeft(b, " \t\r\n")
		if len(b) == 0 {
			return a, ""
		}
		eq := bytes.IndexByte(b, '=')
		if eq < 0 {
			return a, fmt.Sprintf("attribute %q in <d> has no value", clip(b, 40))
		}
		name := bytes.TrimRight(b[:eq], " \t\r\n")
		if len(name) == 0 || bytes.ContainsAny(name, " \t\r\n\"'") {
			return a, fmt.Sprintf("bad attribute name %q in <d>", clip(name, 40))
		}
		b = bytes.TrimLeft(b[eq+1:], " \t\r\n")
		if len(b) == 0 || (b[0] != '"' && b[0] != '\'') {
			return a, fmt.Sprintf("value of attribute %q in <d> is not quoted", clip(name, 40))
		}
		q := b[0]
		end := bytes.IndexByte(b[1:], q)
		if end < 0 {
			return a, fmt.Sprintf("value of attribute %q in <d> is not closed", clip(name, 40))
		}
		val := b[1 : 1+end]
		b = b[end+2:]
		switch string(name) {
		case "p":
			if a.p == nil {
				a.p = val[:len(val):len(val)]
			}
		case "uid":
			a.live, a.uid = true, val
		case "user":
			a.live = true
		}
	}
}
