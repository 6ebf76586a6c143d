package nlp

import "unicode/utf8"

// Scoring constants. A scored word contributes valence × weight, changed by
// the negators and degree adverbs before it in its clause:
//
//	好        +v            no modifier
//	非常好    +v·d          degree adverb of weight d
//	不好      −v·negFlip    odd number of negators
//	太不好了  −v·negFlip·d  degree adverb before the negator: stronger
//	不太好    −v·negDegree  negator before the degree adverb: mild
//	不是不好  +v·doubleNeg  even number of negators
const (
	negFlip     = 0.8
	negDegree   = 0.4
	doubleNeg   = 0.7
	minDegree   = 0.2 // bounds of a product of degree weights
	maxDegree   = 2.5
	negScope    = 3   // other tokens after which a negator expires
	degreeScope = 1   // other tokens after which a degree adverb expires
	adversative = 1.5 // weight of a clause after 但是, 可是, 不过 …
	maxSplit    = 8   // longest unknown token (runes) that is decomposed
)

// pieceKind classifies a scoring unit.
type pieceKind uint8

const (
	pOther pieceKind = iota // no lexicon meaning
	pSent                   // scored word
	pDeg                    // degree adverb
	pAmb                    // degree adverb or scored word (好): decided by what follows
	pNeg                    // negator
	pFill                   // particle inside a decomposed token
	pBreak                  // clause boundary (punctuation, whitespace)
	pConj                   // adversative conjunction: clause boundary, next clause weighs more
)

// piece is one scoring unit: a token, part of a decomposed token, or a
// boundary.
type piece struct {
	kind    pieceKind
	symbol  bool // an emote or emoji: never modified by a degree adverb
	valence float64
	degree  float64
}

// isAdversative reports whether tok is an adversative conjunction ("but").
func isAdversative(tok string) bool {
	switch tok {
	case "但是", "但", "可是", "不过", "然而", "却":
		return true
	}
	return false
}

// pieces appends the scoring units of the tokens to out; breaks lists the
// token indexes that start a new clause.
func (m *Model) pieces(tokens []string, breaks []int, out []piece) []piece {
	for i, tok := range tokens {
		if len(breaks) > 0 && breaks[0] == i {
			out = append(out, piece{kind: pBreak})
			breaks = breaks[1:]
		}
		if isAdversative(tok) {
			out = append(out, piece{kind: pConj})
			continue
		}
		if info, ok := m.lex.terms[tok]; ok {
			p := infoPiece(info)
			p.symbol = isSymbolToken(tok)
			out = append(out, p)
			continue
		}
		var ok bool
		if out, ok = m.decompose(tok, out); !ok {
			out = append(out, piece{kind: pOther})
		}
	}
	return out
}

func infoPiece(info termInfo) piece {
	p := piece{valence: info.valence, degree: info.degree}
	switch {
	case info.flags&termSent != 0 && info.flags&termDegree != 0:
		p.kind = pAmb
	case info.flags&termSent != 0:
		p.kind = pSent
	case info.flags&termDegree != 0:
		p.kind = pDeg
	case info.flags&termNeg != 0:
		p.kind = pNeg
	default:
		p.kind = pFill
	}
	return p
}

// decompose splits a token the lexicons do not list into lexicon terms and
// particles, fewest parts first (不太好 → 不 太 好, 太好了 → 太 好 了,
// 好帅 → 好 帅), appending them to out. It fails, appending nothing, when
// no split covers the whole token or the split holds only particles.
func (m *Model) decompose(tok string, out []piece) ([]piece, bool) {
	var off [maxSplit + 1]int
	n := 0
	for i := range tok {
		if n == maxSplit {
			return out, false
		}
		off[n] = i
		n++
	}
	if n < 2 {
		return out, false
	}
	off[n] = len(tok)
	// best[j] is the fewest parts covering the first j runes, 0 = none.
	var best, from [maxSplit + 1]int
	best[0] = 1
	for i := 0; i < n; i++ {
		if best[i] == 0 {
			continue
		}
		for j := i + 1; j <= n && j-i <= m.lex.maxRunes; j++ {
			if i == 0 && j == n {
				continue
			}
			if _, ok := m.lex.terms[tok[off[i]:off[j]]]; !ok {
				continue
			}
			if best[j] == 0 || best[i]+1 < best[j] {
				best[j], from[j] = best[i]+1, i
			}
		}
	}
	if best[n] == 0 {
		return out, false
	}
	parts := best[n] - 1
	start := len(out)
	for k := 0; k < parts; k++ {
		out = append(out, piece{})
	}
	meaningful := false
	for j, k := n, len(out)-1; j > 0; j, k = from[j], k-1 {
		out[k] = infoPiece(m.lex.terms[tok[off[from[j]]:off[j]]])
		if out[k].kind != pFill {
			meaningful = true
		}
	}
	if !meaningful {
		return out[:start], false
	}
	for k := len(out) - 1; k >= start; k-- {
		if out[k].kind == pFill {
			continue
		}
		if out[k].kind == pAmb {
			out[k].kind = pSent // 不好, 太好了: a final 好 is the adjective
		}
		break
	}
	return out, true
}

// isSymbolToken reports whether tok is an emote or an emoji.
func isSymbolToken(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return r == '[' || isEmoji(r)
}

// scope is the pending negation and degree state within a clause.
type scope struct {
	negs       int     // negators in scope
	negAge     int     // other tokens since the last negator
	deg        float64 // product of pending degree weights, 1 when none
	degAge     int     // other tokens since the last degree adverb
	negThenDeg bool    // a negator came before the pending degree adverb
}

func newScope() scope { return scope{deg: 1} }

func (s *scope) negate() {
	s.negs++
	s.negAge = 0
}

func (s *scope) degree(d float64) {
	if s.negs > 0 {
		s.negThenDeg = true
	}
	s.deg = min(max(s.deg*d, minDegree), maxDegree)
	s.degAge = 0
}

func (s *scope) other() {
	s.negAge++
	s.degAge++
	if s.negAge >= negScope {
		s.negs = 0
		s.negThenDeg = false
	}
	if s.degAge > degreeScope {
		s.deg = 1
		s.negThenDeg = false
	}
}

// apply returns the contribution of a scored word of valence v and resets
// the scope.
func (s *scope) apply(v float64) float64 {
	var x float64
	switch {
	case s.negs == 0:
		x = v * s.deg
	case s.negs%2 == 0:
		x = v * doubleNeg * s.deg
	case s.negThenDeg && s.deg != 1:
		x = -v * negDegree
	default:
		x = -v * negFlip * s.deg
	}
	*s = newScope()
	return x
}

// score sums the clause scores of a piece sequence: the base valence of a
// text before intensifiers and squashing.
func score(ps []piece) float64 {
	total, clause, weight := 0.0, 0.0, 1.0
	s := newScope()
	for i, p := range ps {
		switch p.kind {
		case pBreak, pConj:
			total += weight * clause
			clause, weight, s = 0, 1, newScope()
			if p.kind == pConj {
				weight = adversative
			}
		case pNeg:
			s.negate()
		case pDeg:
			s.degree(p.degree)
		case pAmb:
			if next := nextPiece(ps, i); !next.symbol && (next.kind == pSent || next.kind == pAmb || next.kind == pDeg) {
				s.degree(p.degree)
			} else {
				clause += s.apply(p.valence)
			}
		case pSent:
			clause += s.apply(p.valence)
		case pOther:
			s.other()
		}
	}
	return total + weight*clause
}

// nextPiece returns the next piece after i that is not a particle, or a
// break at the end.
func nextPiece(ps []piece, i int) piece {
	for _, p := range ps[i+1:] {
		if p.kind != pFill {
			return p
		}
	}
	return piece{kind: pBreak}
}
