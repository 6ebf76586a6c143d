package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// spanKind classifies a span of normalised text before segmentation.
type spanKind uint8

const (
	spanText  spanKind = iota // Han and other script text: cut by gse
	spanAlnum                 // Latin letters and digits: one token as is
	spanEmote                 // bracketed Bilibili emote such as [doge]
	spanEmoji                 // one emoji, with its joiners
	spanTerm                  // a lexicon term mixing scripts, e.g. up主
	spanSep                   // separators: whitespace, punctuation, symbols
)

// span is a byte range of the normalised text.
type span struct {
	kind       spanKind
	start, end int
}

// maxEmoteRunes bounds the name inside an emote's brackets.
const maxEmoteRunes = 16

// splitSpans cuts s into spans, appending them to out. Runs of text, of
// Latin letters and digits, and of separators are maximal; emotes, emoji
// and mixed-script terms (from mixed, keyed by first rune, longest first)
// are single spans.
func splitSpans(s string, mixed map[rune][]string, out []span) []span {
	runKind, runStart := spanSep, -1
	add := func(kind spanKind, start, end int) {
		if runStart >= 0 {
			out = append(out, span{runKind, runStart, start})
			runStart = -1
		}
		out = append(out, span{kind, start, end})
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '[' {
			if n := emoteLen(s[i:]); n > 0 {
				add(spanEmote, i, i+n)
				i += n
				continue
			}
		}
		if isEmoji(r) {
			n := emojiLen(s[i:])
			add(spanEmoji, i, i+n)
			i += n
			continue
		}
		if cands := mixed[r]; len(cands) > 0 {
			if n := mixedLen(s, i, cands); n > 0 {
				add(spanTerm, i, i+n)
				i += n
				continue
			}
		}
		kind := spanText
		switch {
		case isAlnum(r):
			kind = spanAlnum
		case isSeparator(r):
			kind = spanSep
		}
		if runStart < 0 || kind != runKind {
			if runStart >= 0 {
				out = append(out, span{runKind, runStart, i})
			}
			runKind, runStart = kind, i
		}
		i += size
	}
	if runStart >= 0 {
		out = append(out, span{runKind, runStart, len(s)})
	}
	return out
}

// emoteLen returns the byte length of the emote at the start of s, or 0.
// An emote is "[name]" where the name has 1..maxEmoteRunes letters,
// digits, marks, emoji or underscores ([doge], [笑哭], [tv_微笑]).
func emoteLen(s string) int {
	if len(s) == 0 || s[0] != '[' {
		return 0
	}
	n, named := 0, false
	for i, r := range s[1:] {
		switch {
		case r == ']':
			if !named {
				return 0
			}
			return i + 2
		case n >= maxEmoteRunes || (r != '_' && isSeparator(r)):
			return 0
		}
		named = named || r != '_'
		n++
	}
	return 0
}

// mixedLen returns the length of the longest candidate term that starts at
// s[i:] on Latin-run boundaries, or 0.
func mixedLen(s string, i int, cands []string) int {
	for _, c := range cands {
		if !strings.HasPrefix(s[i:], c) {
			continue
		}
		first, _ := utf8.DecodeRuneInString(c)
		last, _ := utf8.DecodeLastRuneInString(c)
		if isAlnum(first) && i > 0 {
			if prev, _ := utf8.DecodeLastRuneInString(s[:i]); isAlnum(prev) {
				continue
			}
		}
		if isAlnum(last) && i+len(c) < len(s) {
			if next, _ := utf8.DecodeRuneInString(s[i+len(c):]); isAlnum(next) {
				continue
			}
		}
		return len(c)
	}
	return 0
}

// emojiLen returns the byte length of the emoji sequence at the start of
// s: a pictograph with keycap, tag and zero-width-joined parts, or a pair of
// regional indicators (a flag).
func emojiLen(s string) int {
	r, n := utf8.DecodeRuneInString(s)
	if isRegional(r) {
		if r2, n2 := utf8.DecodeRuneInString(s[n:]); isRegional(r2) {
			return n + n2
		}
		return n
	}
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		switch {
		case r == 0x20e3 || (r >= 0xe0020 && r <= 0xe007f) || (r >= 0x1f3fb && r <= 0x1f3ff) || r == 0xfe0f:
			n += size
		case r == 0x200d:
			next, size2 := utf8.DecodeRuneInString(s[n+size:])
			if !isEmoji(next) {
				return n
			}
			n += size + size2
		default:
			return n
		}
	}
	return n
}

func isRegional(r rune) bool { return r >= 0x1f1e6 && r <= 0x1f1ff }

// isEmoji reports whether r starts an emoji: pictographs, emoticons,
// dingbats, miscellaneous symbols and a few symbols of other blocks.
func isEmoji(r rune) bool {
	switch {
	case r < 0x2300:
		return false
	case r >= 0x1f000 && r <= 0x1faff:
		return true
	case r >= 0x2600 && r <= 0x27bf:
		return true
	case r == 0x231a || r == 0x231b || (r >= 0x23e9 && r <= 0x23fa):
		return true
	case r == 0x2b50 || r == 0x2b55 || r == 0x2b1b || r == 0x2b1c:
		return true
	case r == 0x3030 || r == 0x303d || r == 0x3297 || r == 0x3299:
		return true
	}
	return false
}

// isAlnum reports whether r belongs to a Latin-letter-and-digit run.
func isAlnum(r rune) bool {
	if r < 0x80 {
		return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
	}
	return unicode.Is(unicode.Latin, r)
}

// isSeparator reports whether r ends a token: whitespace, punctuation,
// symbols and anything else that is not a letter, number, mark or emoji.
func isSeparator(r rune) bool {
	if r < 0x80 {
		return !isAlnum(r)
	}
	if r >= 0x4e00 && r <= 0x9fff { // CJK unified ideographs, the common case
		return false
	}
	if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) {
		return false
	}
	return !isEmoji(r)
}
