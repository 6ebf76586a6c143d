package bilixml

import (
	"bytes"
	"fmt"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// state is where the parser is in the input, which may hold several
// documents one after the other.
type state uint8

const (
	stProlog state = iota // before a document's root element
	stRoot                // inside <i>
	stEpilog              // after </i>
	stDone                // the input is exhausted
)

// eventKind is what the parser found.
type eventKind uint8

const (
	evDanmaku eventKind = iota + 1 // parser.d holds a danmaku
	evSkip                         // a damaged item, see event.reason
	evIgnored                      // an element that is not a danmaku, see event.name
	evBody                         // the first <d> comes next: the header is read
	evEnd                          // the input is exhausted
	evFatal                        // reading cannot go on, see event.err
)

// event is one result of [parser.next].
type event struct {
	kind   eventKind
	line   int
	reason string
	detail string
	name   string
	err    error
}

// parser is the tolerant scanner for danmaku XML. It knows the restricted
// shape of the format (a root <i> holding header elements, <d> elements and
// other flat elements) and resynchronises after damage instead of stopping.
type parser struct {
	in   *input
	src  *errTrack
	name string

	state    state
	docs     int  // documents whose root element has been read
	sawDecl  bool // the current prolog held an XML declaration
	bodySeen bool // evBody was returned
	resync   bool // discarding the rest of a malformed <d>
	junk     bool // content after </i> was reported
	chatID   string

	pending []event // events to return before reading on

	d    fetch.Danmaku // the last danmaku read
	text []byte        // scratch for decoded text
	segs []segment     // text and CDATA pieces of the current <d>
}

func newParser(in *input, src *errTrack, name string) *parser {
	return &parser{in: in, src: src, name: name}
}

// next returns the next event. After evEnd or evFatal it keeps returning evEnd.
func (p *parser) next() event {
	for {
		if len(p.pending) > 0 {
			ev := p.pending[0]
			p.pending = p.pending[1:]
			return ev
		}
		var ev event
		var ok bool
		switch p.state {
		case stProlog:
			ev, ok = p.prolog()
		case stRoot:
			ev, ok = p.root()
		case stEpilog:
			ev, ok = p.epilog()
		default:
			return event{kind: evEnd}
		}
		if ok {
			return ev
		}
	}
}

// prolog reads up to a document's root element.
func (p *parser) prolog() (event, bool) {
	in := p.in
	if p.docs == 0 && in.line == 1 && in.hasPrefixAt(0, utf8BOM) {
		in.advance(len(utf8BOM))
	}
	line := in.line
	nonWS, found := p.skipText()
	if nonWS {
		return p.badRoot(line, "text before the root element")
	}
	if !found {
		switch {
		case p.docs > 0:
			return p.end(in.line, ReasonTruncated, "appended document ends before its root element")
		case p.sawDecl:
			p.state = stDone
			if ev, ok := p.endFatal(); ok {
				return ev, true
			}
			return event{kind: evFatal, err: &fetch.ParseError{File: p.name, Line: in.line, Reason: ReasonTruncated,
				Detail: "input ends before the root element <i>", Err: fetch.ErrDamaged}}, true
		}
		p.state = stDone
		if ev, ok := p.endFatal(); ok {
			return ev, true
		}
		if in.read == 0 {
			return event{kind: evFatal, err: &fetch.ParseError{File: p.name, Reason: "empty",
				Detail: "input is empty once decompressed", Err: fetch.ErrEmpty}}, true
		}
		return event{kind: evFatal, err: notDanmaku(p.name, in.line, "no root element")}, true
	}
	line = in.line
	switch c := in.at(1); {
	case c == '?':
		if p.atXMLDecl() {
			p.sawDecl = true
		}
		in.skipPast("?>")
	case c == '!':
		p.skipMarkup()
	case isNameStart(c):
		name := p.nameAt(1)
		if string(name) != "i" {
			return p.badRoot(line, fmt.Sprintf("root element is <%s>, want <i>", clip(name, 40)))
		}
		if p.skipTag() {
			p.state = stEpilog // <i/>: an empty document
		} else {
			p.state = stRoot
		}
		p.docs++
	default:
		return p.badRoot(line, "'<' that starts no tag before the root element")
	}
	return event{}, false
}

// badRoot handles a prolog that leads to no <i>: the input is not danmaku
// when it is the first document, else the appended content is junk.
func (p *parser) badRoot(line int, detail string) (event, bool) {
	if p.docs == 0 {
		p.state = stDone
		return event{kind: evFatal, err: notDanmaku(p.name, line, detail)}, true
	}
	p.state, p.junk = stEpilog, true
	return p.skip(line, ReasonMalformed, "appended document: "+detail), true
}

// root reads one item inside <i>.
func (p *parser) root() (event, bool) {
	in := p.in
	line := in.line
	nonWS, found := p.skipText()
	if nonWS && !p.resync {
		return event{kind: evIgnored, line: line, name: "#text"}, true
	}
	if !found {
		return p.end(in.line, ReasonTruncated, "input ends before </i>")
	}
	line = in.line
	if !in.ensure(2) {
		return p.end(line, ReasonTruncated, "input ends before </i>")
	}
	switch c := in.at(1); {
	case c == '/':
		name := p.nameAt(2)
		p.skipTag()
		switch string(name) {
		case "i":
			p.state, p.resync, p.junk = stEpilog, false, false
		case "d":
			p.resync = false
		}
	case c == '!':
		p.skipMarkup()
	case c == '?':
		if p.atXMLDecl() {
			return p.restart(line)
		}
		in.skipPast("?>")
	case isNameStart(c):
		name := p.nameAt(1)
		switch {
		case string(name) == "d":
			if !p.bodySeen {
				p.bodySeen = true
				return event{kind: evBody, line: line}, true
			}
			p.resync = false
			return p.danmaku(), true
		case string(name) == "i":
			return p.restart(line)
		case p.resync:
			p.skipTag()
		case isHeader(name):
			p.header(name)
		default:
			ev := event{kind: evIgnored, line: line, name: string(name)}
			p.skipElement()
			return ev, true
		}
	default:
		in.advance(1)
		if !p.resync {
			return p.skip(line, ReasonMalformed, "'<' that starts no tag"), true
		}
	}
	return event{}, false
}

// restart handles a new document that starts inside <i>: the current one is
// truncated and the new one is read as appended.
func (p *parser) restart(line int) (event, bool) {
	p.state, p.resync, p.sawDecl = stProlog, false, false
	p.pending = append(p.pending, p.skip(line, ReasonAppended, "a second document starts here"))
	return p.skip(line, ReasonTruncated, "document ends without </i> where another one starts"), true
}

// epilog reads what follows </i>: nothing, or an appended document.
func (p *parser) epilog() (event, bool) {
	in := p.in
	line := in.line
	nonWS, found := p.skipText()
	if nonWS && !p.junk {
		p.junk = true
		return p.skip(line, ReasonMalformed, "content after </i>"), true
	}
	if !found {
		return p.end(in.line, "", "")
	}
	line = in.line
	c := in.at(1)
	switch {
	case c == '?' && p.atXMLDecl(), c == 'i' && string(p.nameAt(1)) == "i":
		p.state, p.sawDecl, p.junk = stProlog, false, false
		return p.skip(line, ReasonAppended, "a second document starts after </i>"), true
	case c == '?':
		in.skipPast("?>")
		return event{}, false
	case c == '!':
		p.skipMarkup()
		return event{}, false
	case isNameStart(c):
		p.skipElement()
	case c == '/':
		p.skipTag()
	default:
		in.advance(1)
	}
	if p.junk {
		return event{}, false
	}
	p.junk = true
	return p.skip(line, ReasonMalformed, "content after </i>"), true
}

// end finishes the input at line. reason and detail describe a document
// left incomplete ("" when it was complete); a damaged compressed stream
// adds its own reason.
func (p *parser) end(line int, reason, detail string) (event, bool) {
	p.state = stDone
	if ev, ok := p.endFatal(); ok {
		return ev, true
	}
	switch creason, _ := classifyEnd(p.in.err, p.src); creason {
	case ReasonTruncated:
		note := "compressed stream ends early"
		if reason == "" {
			reason, detail = creason, note
		} else {
			detail += " (" + note + ")"
		}
	case ReasonBadCompression:
		note := fmt.Sprintf("compressed stream is corrupt: %v", p.in.err)
		if detail != "" {
			note = detail + " (" + note + ")"
		}
		reason, detail = creason, note
	}
	if reason == "" {
		return event{kind: evEnd}, true
	}
	return p.skip(line, reason, detail), true
}

// endFatal returns the fatal event when the input ended by a read error.
func (p *parser) endFatal() (event, bool) {
	if _, fatal := classifyEnd(p.in.err, p.src); fatal != nil {
		p.state = stDone
		return event{kind: evFatal, err: fmt.Errorf("read %s: %w", p.name, fatal)}, true
	}
	return event{}, false
}

// skip returns a skip event.
func (p *parser) skip(line int, reason, detail string) event {
	return event{kind: evSkip, line: line, reason: reason, detail: detail}
}

// header reads a standard header element, keeping the first document's
// chatid.
func (p *parser) header(name []byte) {
	in := p.in
	if string(name) == "chatid" && p.docs == 1 && !p.bodySeen && p.chatID == "" {
		if e, st := in.tagEnd(1); st == tagOK && in.avail()[e-1] != '/' {
			if j := in.find(e+1, '<'); j >= 0 && in.hasPrefixAt(j, "</chatid") {
				p.chatID = string(bytes.TrimSpace(in.avail()[e+1 : j]))
			}
		}
	}
	p.skipElement()
}

// isHeader reports whether name is one of the standard header elements.
func isHeader(name []byte) bool {
	switch string(name) {
	case "chatserver", "chatid", "mission", "maxlimit", "state", "real_name", "source":
		return true
	}
	return false
}
