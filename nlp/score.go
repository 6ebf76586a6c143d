package nlp

import (
	"strings"
	"unicode/utf8"
)

// Scoring constants. A scored word contributes valence × weight, changed by
// the negators and degree adverbs before it in its clause:
//
//	好        +v            no modifier
//	非常好    +v·d          degree adverb of weight d
//	不好      −v·negFlip    odd number of negators
//	太不好了  −v·negFlip·d  degree adverb before the negator: stronger
//	不太好    −v·negDegree  negator before the degree adverb: mild
//	不是不好  +v·doubleNeg  even number of negators
//
// Its emotion strength changes by the same factor; an odd number of
// negators turns the emotion into [negatedEmotion]'s.
const (
	negFlip     = 0.8
	negDegree   = 0.4
	doubleNeg   = 0.7
	minDegree   = 0.2 // bounds of a product of degree weights
	maxDegree   = 2.5
	negScope    = 3   // other tokens after which a negator expires
	degreeScope = 1   // other tokens after which a degree adverb expires
	ironyFlip   = 0.8 // a sarcastic positive word counts −v·ironyFlip
	// symbolWeight scales an emoji or emote: it states the writer's own
	// feeling directly, where a word may be about something else.
	symbolWeight = 2.0
	// beforeContrast weighs what came before a contrast conjunction (但是):
	// the writer concedes it and means what follows.
	beforeContrast = 0.6
	// questionPositive weighs the positive words of a clause that ends as
	// a question (? or 吗) and is neither rhetorical nor affirming.
	questionPositive = 0.3
	maxSplit         = 8 // longest unknown token (runes) that is decomposed
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
	pMark                   // a marker with no other meaning (吗, 难道, 虽然)
	pBreak                  // clause boundary (punctuation, whitespace)
	pConj                   // contrast conjunction: clause boundary, next clause weighs roleW
)

// piece is one scoring unit: a token, part of a decomposed token, or a
// boundary.
type piece struct {
	kind     pieceKind
	symbol   bool // an emote or emoji: never modified by a degree adverb
	question bool // a break after a question mark
	emotion  Emotion
	role     role
	valence  float64
	emoStr   float64
	degree   float64
	roleW    float64
}

// pieces appends the scoring units of the tokens to out. breaks lists the
// token indexes that start a new clause; questions lists those at which a
// clause ended with a question mark (len(tokens) for the last clause).
func (m *Model) pieces(tokens []string, breaks, questions []int, out []piece) []piece {
	question := func(i int) bool {
		for len(questions) > 0 && questions[0] < i {
			questions = questions[1:]
		}
		return len(questions) > 0 && questions[0] == i
	}
	for i, tok := range tokens {
		if len(breaks) > 0 && breaks[0] == i {
			out = append(out, piece{kind: pBreak, question: question(i)})
			breaks = breaks[1:]
		}
		if info, ok := m.lookup(tok); ok {
			p := infoPiece(info)
			p.symbol = isSymbolToken(tok)
			if p.symbol {
				p.valence *= symbolWeight
				p.emoStr *= symbolWeight
			}
			out = append(out, p)
			continue
		}
		var ok bool
		if out, ok = m.decompose(tok, out); ok {
			continue
		}
		if out, ok = m.partial(tok, out); ok {
			continue
		}
		out = append(out, piece{kind: pOther})
	}
	if question(len(tokens)) {
		out = append(out, piece{kind: pBreak, question: true})
	}
	return out
}

func infoPiece(info termInfo) piece {
	p := piece{valence: info.valence, degree: info.degree, emotion: info.emotion, emoStr: info.emoStr, role: info.role, roleW: info.roleW}
	switch {
	case info.role == roleContrast:
		p.kind = pConj
	case info.flags&termSent != 0 && info.flags&termDegree != 0:
		p.kind = pAmb
	case info.flags&termSent != 0:
		p.kind = pSent
	case info.flags&termDegree != 0:
		p.kind = pDeg
	case info.flags&termNeg != 0:
		p.kind = pNeg
	case info.flags&termMarker != 0:
		p.kind = pMark
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
	off, n, ok := runeOffsets(tok)
	if !ok || n < 2 {
		return out, false
	}
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
			if _, ok := m.lex.terms[tok[off[i]:off[j]]]; !ok && !isPad(tok[off[i]:off[j]]) {
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
	meaningful, padded, onlyAmb := false, false, true
	for j, k := n, len(out)-1; j > 0; j, k = from[j], k-1 {
		part := tok[off[from[j]]:off[j]]
		info, ok := m.lex.terms[part]
		if !ok { // a pronoun: 谢谢你们 = 谢谢 + 你们
			out[k] = piece{kind: pFill}
			padded = true
			continue
		}
		out[k] = infoPiece(info)
		if out[k].kind != pFill && out[k].kind != pMark {
			meaningful = true
			onlyAmb = onlyAmb && out[k].kind == pAmb
		}
	}
	if !meaningful || (padded && onlyAmb) {
		return out[:start], false // 你好, 您好 greet: they do not praise
	}
	for k := len(out) - 1; k >= start; k-- {
		if out[k].kind == pFill || out[k].kind == pMark {
			continue
		}
		if out[k].kind == pAmb {
			out[k].kind = pSent // 不好, 太好了: a final 好 is the adjective
		}
		break
	}
	return out, true
}

// runeOffsets returns the byte offsets of the n runes of tok, with
// off[n] = len(tok); ok is false when tok has more than maxSplit runes,
// too long to be split.
func runeOffsets(tok string) (off [maxSplit + 1]int, n int, ok bool) {
	for i := range tok {
		if n == maxSplit {
			return off, n, false
		}
		off[n] = i
		n++
	}
	off[n] = len(tok)
	return off, n, true
}

// isPad reports whether s is a personal pronoun, which may pad a token the
// scorer decomposes: gse knows many words made of a pronoun and a lexicon
// term (谢谢你们, 我怕, 爱你们), and the term is what they say.
func isPad(s string) bool {
	switch s {
	case "我", "你", "他", "她", "它", "您", "我们", "你们", "他们", "她们", "咱", "咱们", "俺":
		return true
	}
	return false
}

// lookup returns the lexicon entry of a token; of its normalised form when
// cutting left a fragment of a collapsed run (啊哈哈哈 → 啊哈 哈哈: 哈哈 is
// read as 哈哈哈); or, for an emote the lexicon does not list, of its name
// ([爱你] reads as 爱你).
func (m *Model) lookup(tok string) (termInfo, bool) {
	if info, ok := m.lex.terms[tok]; ok {
		return info, true
	}
	if len(tok) > 2 && tok[0] == '[' && tok[len(tok)-1] == ']' {
		info, ok := m.lex.terms[tok[1:len(tok)-1]]
		if !ok || info.flags&termSent == 0 {
			return termInfo{}, false
		}
		return termInfo{flags: termSent, valence: info.valence, emotion: info.emotion, emoStr: info.emoStr}, true
	}
	if !hasDoubledRune(tok) {
		return termInfo{}, false
	}
	n := Normalize(tok).Text
	if n == tok {
		return termInfo{}, false
	}
	info, ok := m.lex.terms[n]
	return info, ok
}

// hasDoubledRune reports whether s holds the same rune twice in a row.
func hasDoubledRune(s string) bool {
	prev := rune(-1)
	for _, r := range s {
		if r == prev {
			return true
		}
		prev = r
	}
	return false
}

// partial finds lexicon terms inside a token that is neither a lexicon term
// nor a sequence of them, appending their pieces (and pOther for the rest)
// to out. Only two kinds of token are searched, so that ordinary words are
// never split (垃圾桶 is not 垃圾): a Latin/digit run, split at
// letter-digit boundaries and searched for a Latin slang term of at least
// minLatinInfix letters at its start or end (up666 → up 666, chenyyds →
// chen yyds); and a Han token that gse made up from unknown characters
// (its HMM), searched for terms of two or more characters (太阔奈 when 阔奈
// is new). It fails, appending nothing, when no scored term is found.
func (m *Model) partial(tok string, out []piece) ([]piece, bool) {
	r, _ := utf8.DecodeRuneInString(tok)
	if isAlnum(r) {
		return m.partialLatin(tok, out)
	}
	if isSeparator(r) || isEmoji(r) || r == '[' {
		return out, false
	}
	return m.partialHan(tok, out)
}

// minLatinInfix is the shortest Latin term found at the edge of a longer
// Latin run.
const minLatinInfix = 4

// partialLatin splits an unknown Latin/digit token at letter-digit
// boundaries and looks up each part, or the start or end of a part.
func (m *Model) partialLatin(tok string, out []piece) ([]piece, bool) {
	start := len(out)
	found := false
	add := func(part string) {
		if info, ok := m.lex.terms[part]; ok && info.flags&termSent != 0 {
			out = append(out, infoPiece(info))
			found = true
			return
		}
		n := len(part)
		for _, l := range [...]int{5, 4} {
			if l > n-2 || l < minLatinInfix {
				continue
			}
			if info, ok := m.lex.terms[part[n-l:]]; ok && info.flags&termSent != 0 {
				out = append(out, piece{kind: pOther}, infoPiece(info))
				found = true
				return
			}
			if info, ok := m.lex.terms[part[:l]]; ok && info.flags&termSent != 0 {
				out = append(out, infoPiece(info), piece{kind: pOther})
				found = true
				return
			}
		}
		out = append(out, piece{kind: pOther})
	}
	i := 0
	for j := 1; j <= len(tok); j++ {
		if j == len(tok) || isDigit(rune(tok[j])) != isDigit(rune(tok[i])) {
			add(tok[i:j])
			i = j
		}
	}
	if !found {
		return out[:start], false
	}
	return out, true
}

// partialHan covers an unknown Han token with the longest lexicon terms of
// two or more runes it holds, left to right; other runes become pOther.
func (m *Model) partialHan(tok string, out []piece) ([]piece, bool) {
	off, n, ok := runeOffsets(tok)
	if !ok || n < 3 || m.known(tok) {
		return out, false // a two-rune token holds no two-rune term but itself
	}
	start := len(out)
	found := false
	for i := 0; i < n; {
		j := min(n, i+m.lex.maxRunes)
		for ; j >= i+2; j-- {
			if info, ok := m.lex.terms[tok[off[i]:off[j]]]; ok && info.flags&(termSent|termNeg|termDegree) != 0 {
				p := infoPiece(info)
				if p.kind == pAmb {
					p.kind = pSent
				}
				out = append(out, p)
				found = found || p.kind == pSent
				break
			}
		}
		if j < i+2 {
			out = append(out, piece{kind: pOther})
			j = i + 1
		}
		i = j
	}
	if !found {
		return out[:start], false
	}
	return out, true
}

// known reports whether gse's dictionary holds tok as a word.
func (m *Model) known(tok string) bool {
	freq, _, ok := m.seg.Find(tok)
	return ok && freq > 0
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

// apply returns the factor by which the scope scales a scored word and
// whether it negates the word, and resets the scope.
func (s *scope) apply() (factor float64, negated bool) {
	switch {
	case s.negs == 0:
		factor = s.deg
	case s.negs%2 == 0:
		factor = doubleNeg * s.deg
	case s.negThenDeg && s.deg != 1:
		factor, negated = negDegree, true
	default:
		factor, negated = negFlip*s.deg, true
	}
	*s = newScope()
	return factor, negated
}

// scores is the raw result of scoring a text: valence and emotion
// strengths before intensifiers and squashing, and the number of scored
// words found.
type scores struct {
	valence float64
	emo     EmotionScores
	hits    int
}

// scale multiplies the valence and emotion strengths of s by f.
func (s *scores) scale(f float64) {
	s.valence *= f
	for i := range s.emo {
		s.emo[i] *= f
	}
}

// add adds c scaled by w to s; with invert, c's valence is negated and its
// emotions are those of negated words.
func (s *scores) add(c scores, w float64, invert bool) {
	s.hits += c.hits
	if !invert {
		s.valence += w * c.valence
		for i, v := range c.emo {
			s.emo[i] += w * v
		}
		return
	}
	s.valence -= w * c.valence
	for i, v := range c.emo {
		if e := negatedEmotion(Emotion(i + 1)); e != NoEmotion {
			s.emo[e-1] += w * v
		}
	}
}

// word adds one scored word of piece p, scaled by factor and negated or
// read as sarcasm as the scope and clause say. It returns what it added.
func (s *scores) word(p piece, factor float64, negated, ironic bool) added {
	s.hits++
	v, e := p.valence*factor, p.emotion
	if negated {
		v, e = -v, negatedEmotion(e)
	}
	if ironic && v > 0 && p.role != roleIrony {
		v = -v * ironyFlip
		if e.Positive() {
			e = Disgust
		}
	}
	s.valence += v
	a := added{valence: v, emotion: e, ok: true}
	if e != NoEmotion {
		a.emoStr = p.emoStr * factor
		s.emo[e-1] += a.emoStr
	}
	return a
}

// added is what one scored word added to a clause's scores.
type added struct {
	valence float64
	emotion Emotion
	emoStr  float64
	ok      bool // a scored word
}

// asked scales down a positive clause that asks a question (好看吗？):
// its positive valence and positive emotions count questionPositive. A
// question that holds praise mostly asks or doubts (这合理吗, 真的好吃吗);
// one that holds a complaint (有病吧？, 凭什么？) still complains, so
// negative clauses are left as they are.
func (s *scores) asked() {
	s.valence *= questionPositive
	for i := range s.emo {
		if Emotion(i + 1).Positive() {
			s.emo[i] *= questionPositive
		}
	}
}

// complement adds (w−1) times what the word a added, so that the word
// counts w times: a degree complement after it (可爱死了, 好看疯了,
// 糟透了) strengthens it instead of adding a sentiment of its own.
func (s *scores) complement(a added, w float64) {
	s.valence += (w - 1) * a.valence
	if a.emotion != NoEmotion {
		s.emo[a.emotion-1] += (w - 1) * a.emoStr
	}
}

// clause is what a clause's markers say about it, found by a scan before
// it is scored.
type clause struct {
	end        int     // index of the piece that ends the clause, or len
	weight     float64 // product of concession weights
	rhetorical bool    // 难道 …: inverted
	question   bool    // ends with a question particle or mark
	ironic     bool    // 真是 … 呢
	affirm     bool    // holds an affirm marker (不是 … 吗)
}

// scanClause reads the markers of the clause starting at ps[start].
func scanClause(ps []piece, start int) clause {
	c := clause{end: len(ps), weight: 1}
	open, last := false, -1
	for i := start; i < len(ps); i++ {
		p := ps[i]
		if p.kind == pBreak || p.kind == pConj {
			c.end = i
			c.question = p.question
			break
		}
		switch p.role {
		case roleConcession:
			c.weight *= p.roleW
		case roleRhetorical:
			c.rhetorical = true
		case roleIronyOpen:
			open = true
		case roleAffirm:
			c.affirm = true
		}
		if p.kind != pFill {
			last = i
		}
	}
	if last >= 0 {
		switch ps[last].role {
		case roleQuestion:
			c.question = true
		case roleIronyClose:
			c.ironic = open
		}
	}
	return c
}

// score scores a piece sequence clause by clause: negation and degree act
// within a clause; a clause after a contrast conjunction weighs the
// conjunction's weight, one holding a concession its weight; a rhetorical
// question (难道 …) is inverted; an irony marker anywhere (呵呵) or an ironic
// frame in the clause (真是 … 呢) turns positive words into sarcasm.
func score(ps []piece) scores {
	irony, laughter := false, false
	for _, p := range ps {
		irony = irony || p.role == roleIrony
		laughter = laughter || p.role == roleLaughter
	}
	t := textMood{ironic: irony && !laughter, laughing: laughter}
	var total scores
	weight := 1.0
	for start := 0; start <= len(ps); {
		c := scanClause(ps, start)
		cs := scoreClause(ps[start:c.end], c, t)
		if c.question && !c.rhetorical && !c.affirm && cs.valence > 0 {
			cs.asked() // 好看吗？ asks; 这合理吗 doubts
		}
		total.add(cs, weight*c.weight, c.rhetorical)
		if c.end == len(ps) {
			break
		}
		weight = 1
		if ps[c.end].kind == pConj {
			weight = ps[c.end].roleW
			total.scale(beforeContrast) // what came before "but" is conceded
		}
		start = c.end + 1
	}
	return total
}

// textMood is what the whole text says about how to read its words.
type textMood struct {
	ironic   bool // an irony marker and no laughter: positive words are sarcasm
	laughing bool // laughter: an irony marker (呵呵) is laughter too
}

// scoreClause scores the pieces of one clause.
func scoreClause(ps []piece, c clause, t textMood) scores {
	var out scores
	ironic := t.ironic || c.ironic
	s := newScope()
	var last added  // the scored word just before, with only particles since
	scored := false // a scored word came earlier in the clause
	for i, p := range ps {
		if p.role == roleComplement && last.ok {
			out.complement(last, p.roleW) // 可爱 死了: very cute, not dead
			last = added{}
			continue
		}
		prev := last
		last = added{}
		switch p.kind {
		case pNeg:
			if p.role == roleAffirm && c.question && !c.rhetorical {
				continue // 这不是挺好的吗: asks for agreement (难道不是 … 吗 is 难道's)
			}
			s.negate()
		case pDeg:
			s.degree(p.degree)
		case pAmb:
			if next := nextPiece(ps, i); !next.symbol && next.role != roleComplement && (next.kind == pSent || next.kind == pAmb || next.kind == pDeg) {
				s.degree(p.degree)
			} else if scored && tagQuestion(ps, i) {
				continue // 太尴尬了好吗: "…, OK?" insists, it does not praise
			} else {
				f, neg := s.apply()
				last = out.word(p, f, neg, ironic)
				scored = true
			}
		case pSent:
			if p.role == roleIrony && t.laughing {
				p = laughingIrony(p) // 呵呵 next to 哈哈哈 is a laugh
			}
			f, neg := s.apply()
			last = out.word(p, f, neg, ironic)
			last.ok = !p.symbol
			scored = true
		case pOther:
			s.other()
		case pFill:
			last = prev // 好看 的 … is still next to 好看
		}
	}
	return out
}

// tagQuestion reports whether the piece at i is followed, within its
// clause, only by a question particle (…好吗): after another scored word
// such a 好 is a tag that insists on what was said (这也太尴尬了好吗),
// not praise.
func tagQuestion(ps []piece, i int) bool {
	tag := false
	for _, p := range ps[i+1:] {
		switch {
		case p.role == roleQuestion:
			tag = true
		case p.kind == pFill:
		default:
			return false
		}
	}
	return tag
}

// laughingIrony reads an irony marker in a laughing text as laughter: its
// valence positive, its emotion joy.
func laughingIrony(p piece) piece {
	if p.valence < 0 {
		p.valence = -p.valence
	}
	p.emotion, p.role = Joy, roleNone
	return p
}

// nextPiece returns the next piece after i that is not a particle or
// marker, or a break at the end.
func nextPiece(ps []piece, i int) piece {
	for _, p := range ps[i+1:] {
		if p.kind != pFill && p.kind != pMark {
			return p
		}
	}
	return piece{kind: pBreak}
}

// cheerValence is the valence of a cheer (see [Model.cheers]) before
// intensifiers: a faint liking, decided by its exclamation marks alone.
// cheerMaxTokens bounds its length: a cheer is a shout (a name and a word
// or two); a longer exclaimed text without a sentiment word is as often a
// complaint (送了两个小时!) as praise.
const (
	cheerValence   = 0.2
	cheerMaxTokens = 4
)

// cheers reports whether a text without any scored word is a cheer: it is
// short and exclaimed (!), asks nothing (no ?), holds no negator and names something
// that is not a stop word, such as a name. In danmaku, "某某！！！", "来个
// 安可!" and "冲!" shout for someone or something: the writer likes it.
// A ritual or filler exclaimed (来了!!!, 什么!) and a negated or asked one
// (不要!, 真的吗!?) is not a cheer.
func (m *Model) cheers(norm string, tokens []string, ps []piece) bool {
	if len(tokens) > cheerMaxTokens || !strings.Contains(norm, "!") || strings.Contains(norm, "?") {
		return false
	}
	for _, p := range ps {
		if p.kind == pNeg || p.role == roleRhetorical || p.role == roleQuestion {
			return false
		}
	}
	for _, t := range tokens {
		if !m.lex.stop[t] && !m.seg.IsStop(t) && !allDigits(t) {
			return true
		}
	}
	return false
}

// allDigits reports whether s is made of ASCII digits only (a number, a
// vote: 1!, 2!).
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(rune(s[i])) {
			return false
		}
	}
	return true
}
