package nlp

import (
	"strings"
	"unicode/utf8"
)

// segmentation is the result of [Model.segment]; its slices other than
// tokens are scratch space reused across calls.
type segmentation struct {
	spans []span
	// tokens are the words of the text; the slice is new on every call.
	tokens []string
	// breaks holds the index of each token that starts a new clause.
	breaks []int
	// questions holds the index of each token before which a clause ended
	// with a question mark (len(tokens) when the last one did).
	questions []int
}

// segment cuts a normalised text into tokens. Emotes, emoji, Latin/digit
// runs and literal lexicon terms (up主, kaomoji) are tokens as they are;
// other text is cut by gse. Separators are dropped and recorded as clause
// breaks. The scratch slices of sg are reused.
func (m *Model) segment(norm string, sg *segmentation) {
	spans := splitSpans(norm, m.lex.mixed, sg.spans[:0])
	breaks, questions := sg.breaks[:0], sg.questions[:0]
	var tokens []string
	for _, sp := range spans {
		s := norm[sp.start:sp.end]
		switch sp.kind {
		case spanSep:
			if len(tokens) > 0 && (len(breaks) == 0 || breaks[len(breaks)-1] != len(tokens)) {
				breaks = append(breaks, len(tokens))
			}
			if len(tokens) > 0 && strings.IndexByte(s, '?') >= 0 && (len(questions) == 0 || questions[len(questions)-1] != len(tokens)) {
				questions = append(questions, len(tokens))
			}
		case spanText:
			if tokens == nil {
				tokens = make([]string, 0, len(spans)+len(norm)/6)
			}
			first := len(tokens)
			for _, t := range m.cut(s) {
				if t != "" && t != " " {
					tokens = append(tokens, t)
				}
			}
			tokens = m.joinParticles(tokens, first)
		default:
			tokens = append(tokens, s)
		}
	}
	if n := len(breaks); n > 0 && breaks[n-1] == len(tokens) {
		breaks = breaks[:n-1]
	}
	sg.spans, sg.tokens, sg.breaks, sg.questions = spans, tokens, breaks, questions
}

// joinParticles merges, in tokens[first:], a one-character token and a
// following particle into one token when the pair is a lexicon or
// dictionary term kept out of the segmenter (see particleTerm): 哭 了 → 哭了.
func (m *Model) joinParticles(tokens []string, first int) []string {
	if len(tokens)-first < 2 {
		return tokens
	}
	out := first
	var buf [8]byte
	for i := first; i < len(tokens); i++ {
		t := tokens[i]
		if i+1 < len(tokens) && len(t) <= 4 && len(tokens[i+1]) <= 4 && particleTerm(t+tokens[i+1]) {
			key := append(append(buf[:0], t...), tokens[i+1]...)
			if m.lex.particles[string(key)] {
				t = string(key)
				i++
			}
		}
		tokens[out] = t
		out++
	}
	return tokens[:out]
}

// particleTerm reports whether term is one character followed by a
// sentence particle (哭了, 绝了, 妙啊, 好耶). Such terms are kept out of
// gse, whose shortest path would otherwise prefer them over real words
// (太可爱了 would become 太可 爱了); segment joins them after cutting.
func particleTerm(term string) bool {
	r, n := utf8.DecodeRuneInString(term)
	if r == utf8.RuneError || n == len(term) {
		return false
	}
	p, m := utf8.DecodeRuneInString(term[n:])
	return n+m == len(term) && isParticle(p)
}

// isParticle reports whether r is a one-character sentence particle.
func isParticle(r rune) bool {
	switch r {
	case '了', '啊', '呀', '啦', '哦', '哇', '耶', '的':
		return true
	}
	return false
}
