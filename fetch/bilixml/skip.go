package bilixml

import "bytes"

// maxNameLen bounds the element names the parser looks at.
const maxNameLen = 256

// skipText consumes character data up to the next '<', without growing the
// window. nonWS reports text other than white space; found is false when the
// input ends first.
func (p *parser) skipText() (nonWS, found bool) {
	in := p.in
	for {
		b := in.avail()
		i := bytes.IndexByte(b, '<')
		text := b
		if i >= 0 {
			text = b[:i]
		}
		if !nonWS && len(bytes.TrimLeft(text, " \t\r\n")) > 0 {
			nonWS = true
		}
		if i >= 0 {
			in.advance(i)
			return nonWS, true
		}
		in.advance(len(b))
		if !in.more() {
			return nonWS, false
		}
	}
}

// nameAt returns the element name starting at offset i: the bytes up to
// white space, '/', '>', '<' or '=', at most maxNameLen of them.
func (p *parser) nameAt(i int) []byte {
	in := p.in
	in.ensure(i + maxNameLen + 1)
	b := in.avail()
	if i >= len(b) {
		return nil
	}
	b = b[i:min(len(b), i+maxNameLen)]
	for j, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n', '/', '>', '<', '=':
			return b[:j]
		}
	}
	return b
}

// isNameStart reports whether c may start an element name: an ASCII letter,
// '_', ':' or the first byte of a non-ASCII character.
func isNameStart(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == ':' || c >= 0x80
}

// atXMLDecl reports whether an XML declaration "<?xml …?>" starts here.
func (p *parser) atXMLDecl() bool { return p.xmlDeclAt(0) }

// xmlDeclAt reports whether an XML declaration starts at offset i.
func (p *parser) xmlDeclAt(i int) bool {
	if !p.in.hasPrefixAt(i, "<?xml") {
		return false
	}
	switch p.in.at(i + 5) {
	case ' ', '\t', '\r', '\n', '?':
		return true
	}
	return false
}

// skipTag consumes the tag that starts here, up to its '>' outside quoted
// values, without growing the window. It stops before a '<' that cuts the
// tag short. It reports whether the tag ended with "/>".
func (p *parser) skipTag() (selfClosing bool) {
	in := p.in
	in.advance(1)
	var quote, prev byte
	for {
		b := in.avail()
		for i, c := range b {
			switch {
			case c == '<':
				in.advance(i)
				return false
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '>':
				in.advance(i + 1)
				return prev == '/'
			case c == '"' || c == '\'':
				quote = c
			}
			prev = c
		}
		in.advance(len(b))
		if !in.more() {
			return false
		}
	}
}

// skipMarkup consumes a comment, a CDATA section or a declaration such as
// <!DOCTYPE …> that starts here.
func (p *parser) skipMarkup() {
	in := p.in
	switch {
	case in.hasPrefixAt(0, "<!--"):
		in.advance(4)
		in.skipPast("-->")
	case in.hasPrefixAt(0, "<![CDATA["):
		in.advance(9)
		in.skipPast("]]>")
	default:
		in.advance(2)
		depth := 0
		for {
			b := in.avail()
			for i, c := range b {
				switch c {
				case '[':
					depth++
				case ']':
					depth--
				case '>':
					if depth <= 0 {
						in.advance(i + 1)
						return
					}
				}
			}
			in.advance(len(b))
			if !in.more() {
				return
			}
		}
	}
}

// skipElement consumes the element that starts here with all its content,
// without growing the window. It stops early, before consuming them, at
// what must not be swallowed when an ignored element is left unclosed: a
// nested <d p=…> or <i>, </i>, or an XML declaration.
func (p *parser) skipElement() {
	in := p.in
	depth := 0
	for {
		switch c := in.at(1); {
		case c == '/':
			if string(p.nameAt(2)) == "i" {
				return
			}
			p.skipTag()
			depth--
		case c == '!':
			p.skipMarkup()
		case c == '?':
			if p.atXMLDecl() {
				return
			}
			in.skipPast("?>")
		case isNameStart(c):
			if depth > 0 && p.atUnswallowable() {
				return
			}
			if !p.skipTag() {
				depth++
			}
		default:
			in.advance(1)
		}
		if depth <= 0 {
			return
		}
		if _, found := p.skipText(); !found {
			return
		}
	}
}

// atUnswallowable reports whether the start tag here begins a danmaku
// (<d with a p attribute) or a document (<i>), which an unclosed element
// must not swallow. A <d> without p, as in an XSLT template, may be nested.
func (p *parser) atUnswallowable() bool {
	switch string(p.nameAt(1)) {
	case "i":
		return true
	case "d":
		b := p.in.avail()[2:]
		t := bytes.TrimLeft(b, " \t\r\n")
		return len(t) < len(b) && len(t) > 0 && t[0] == 'p'
	}
	return false
}
