package nlp

import (
	"strings"
	"unicode/utf8"
)

// IsKeyword reports whether term may count as a keyword. It is false for
// stop words (gse's embedded stop list and lexicons/stopwords.txt),
// anything containing whitespace, punctuation or symbols, pure numbers other
// than memes of our lexicons (233, 666, 520…), single Latin letters, and
// single characters that are not nouns: 的 了 啊 吧, but also 好 大 美,
// which say little as keywords. A single character counts only when the
// danmaku dictionary lists it (草, 典, 寄…) or gse's dictionary tags it a
// noun (猫, 车…). It is true for other real
// words, slang, bracketed emotes and emoji. Stop words are used only here:
// they are never removed before scoring.
func (m *Model) IsKeyword(term string) bool {
	if term == "" || m.lex.stop[term] || m.seg.IsStop(term) {
		return false
	}
	if emoteLen(term) == len(term) {
		return true
	}
	r, size := utf8.DecodeRuneInString(term)
	if isEmoji(r) {
		return emojiLen(term) == len(term)
	}
	digits := true
	for _, c := range term {
		if isSeparator(c) {
			return false
		}
		if !isDigit(c) {
			digits = false
		}
	}
	switch {
	case digits:
		return m.lex.memes[term]
	case size < len(term):
		return true
	case m.lex.dictTerms[term]:
		return true
	case isAlnum(r):
		return false
	}
	_, pos, ok := m.seg.Find(term)
	return ok && strings.HasPrefix(pos, "n")
}
