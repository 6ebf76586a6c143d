package nlp

import (
	"math"
	"strings"
	"testing"
)

func valence(t *testing.T, a *Analyzer, text string) float64 {
	t.Helper()
	r := a.Analyze(text)
	if r.Valence < -1 || r.Valence > 1 || math.IsNaN(r.Valence) {
		t.Fatalf("valence of %q = %v, outside [-1, 1]", text, r.Valence)
	}
	if r.Label != LabelOf(r.Valence) {
		t.Errorf("label of %q = %q, but valence %v gives %q", text, r.Label, r.Valence, LabelOf(r.Valence))
	}
	return r.Valence
}

func TestScoreLabels(t *testing.T) {
	a := loadTestModel(t).NewAnalyzer()
	tests := []struct {
		name string
		text string
		want Label
	}{
		{"clear positive", "这个视频太好看了", Pos},
		{"praise", "up主真厉害，讲得很清楚", Pos},
		{"clear negative", "太难看了", Neg},
		{"insult", "垃圾视频，恶心", Neg},
		{"negated positive", "不好看", Neg},
		{"negated verb", "我不喜欢这个", Neg},
		{"negated with 没有", "没有想象中好看", Neg},
		{"double negation", "不是不好", Pos},
		{"double negation 没有不", "没有不喜欢的", Pos},
		{"negated negative", "一点也不恶心", Pos},
		{"laughter", "哈哈哈哈哈哈", Pos},
		{"laughter 233", "2333333", Pos},
		{"laughter xswl", "xswl", Pos},
		{"laughter 草", "草", Pos},
		{"laughter hhh", "hhhhh", Pos},
		{"moved", "泪目", Pos},
		{"moved 哭了", "哭了", Pos},
		{"anticipation", "前方高能", Pos},
		{"666", "666666", Pos},
		{"yyds", "yyds", Pos},
		{"awsl", "awsl", Pos},
		{"绝绝子", "绝绝子", Pos},
		{"破防 mildly negative", "破防了", Neg},
		{"蚌埠住了 mildly positive", "蚌埠住了", Pos},
		{"emote", "[笑哭]", Pos},
		{"sarcastic emote", "[微笑]", Neg},
		{"neutral", "今天是星期三", Neu},
		{"neutral episode", "第1集", Neu},
		{"neutral filler", "来了", Neu},
		{"empty", "", Neu},
		{"punctuation only", "？？？", Neu},
		{"negation ends at the clause", "不，好看", Pos},
		{"negation scope expires", "不知道为什么大家都说好看", Pos},
		{"tag question insists", "社死现场好吗", Neg},
		{"tag question after a mild word", "有点尴尬好吗", Neg},
		{"好吗 alone still asks", "好吗好的", Pos},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := a.Analyze(tt.text)
			if r.Label != tt.want {
				t.Errorf("%q: label %q (valence %.3f, tokens %q), want %q", tt.text, r.Label, r.Valence, r.Tokens, tt.want)
			}
		})
	}
}

func TestScoreNeutralIsZero(t *testing.T) {
	a := loadTestModel(t).NewAnalyzer()
	for _, text := range []string{"今天是星期三", "第1集", "", "？？？", "来了!!!!!!"} {
		if v := valence(t, a, text); v != 0 {
			t.Errorf("valence of %q = %v, want 0", text, v)
		}
	}
}

// Each pair must satisfy valence(lo) < valence(hi).
func TestScoreOrdering(t *testing.T) {
	a := loadTestModel(t).NewAnalyzer()
	tests := []struct {
		name   string
		lo, hi string
	}{
		{"有点好 < 好", "有点好", "好"},
		{"好 < 非常好", "好", "非常好"},
		{"有点难看 > 难看", "难看", "有点难看"},
		{"非常难看 < 难看", "非常难看", "难看"},
		{"不好 < 不太好", "不好", "不太好"},
		{"不太好 < 0", "不太好", "今天"},
		{"太不好了 < 不好", "太不好了", "不好"},
		{"很不好 < 不好", "很不好", "不好"},
		{"不是很好 > 不好", "不好", "不是很好"},
		{"double negation weaker", "没有不喜欢", "喜欢"},
		{"厉害 < 好厉害", "厉害", "好厉害"},
		{"! raises a positive", "好看", "好看!"},
		{"!!! raises more", "好看!", "好看!!!"},
		{"! raises a negative's magnitude", "难看!!!", "难看"},
		{"full-width ! counts", "好看", "好看！！"},
		{"repetition raises laughter", "哈哈哈", "哈哈哈哈哈哈哈哈"},
		{"meme repetition raises", "前方高能", "前方高能前方高能前方高能"},
		{"adversative clause weighs more", "好看但是太贵了", "好看"},
		{"moved is milder than praise", "泪目", "好看"},
		{"slang is strong", "好", "yyds"},
		{"破防 is mild", "难过", "破防"},
		{"asking is weaker than praising", "好看吗？", "好看"},
		{"asking is weaker than praising (吗)", "这个好吃吗", "这个好吃"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi := valence(t, a, tt.lo), valence(t, a, tt.hi)
			if !(lo < hi) {
				t.Errorf("valence(%q) = %.4f, valence(%q) = %.4f: want the first smaller", tt.lo, lo, tt.hi, hi)
			}
		})
	}
}

func TestScoreStrongSlang(t *testing.T) {
	a := loadTestModel(t).NewAnalyzer()
	for _, text := range []string{"666", "yyds", "awsl", "绝绝子"} {
		if v := valence(t, a, text); v < 0.6 {
			t.Errorf("valence of %q = %.3f, want strongly positive (≥ 0.6)", text, v)
		}
	}
	for _, text := range []string{"泪目", "哭了", "蚌埠住了"} {
		if v := valence(t, a, text); v <= 0 || v >= 0.4 {
			t.Errorf("valence of %q = %.3f, want mildly positive (0, 0.4)", text, v)
		}
	}
	if v := valence(t, a, "破防"); v >= 0 || v <= -0.4 {
		t.Errorf("valence of 破防 = %.3f, want mildly negative (-0.4, 0)", v)
	}
}

func TestScoreIntensifierCap(t *testing.T) {
	a := loadTestModel(t).NewAnalyzer()
	base := a.Analyze("好看")
	capped := squash(squashInverse(base.Valence) * maxIntensity)
	for _, text := range []string{"好看" + strings.Repeat("!", 50), strings.Repeat("好看", 8) + strings.Repeat("!", 50)} {
		if v := valence(t, a, text); v > capped+1e-12 {
			t.Errorf("valence of %q = %.4f, above the cap %.4f", text, v, capped)
		}
	}
	if v := valence(t, a, "好看"+strings.Repeat("!", 50)); v <= base.Valence {
		t.Errorf("exclamations did not raise %.4f (got %.4f)", base.Valence, v)
	}
}

// squashInverse undoes squash, to recover a base score in tests.
func squashInverse(v float64) float64 { return v * math.Sqrt(squashAlpha/(1-v*v)) }

func TestScoreBounded(t *testing.T) {
	a := loadTestModel(t).NewAnalyzer()
	long := strings.Repeat("太好看了，太厉害了，完美！", 30)
	if v := valence(t, a, long); v <= 0.9 || v >= 1 {
		t.Errorf("valence of a long rave = %v, want in (0.9, 1)", v)
	}
	neg := strings.Repeat("垃圾，恶心，太难看了！", 30)
	if v := valence(t, a, neg); v >= -0.9 || v <= -1 {
		t.Errorf("valence of a long rant = %v, want in (-1, -0.9)", v)
	}
}

func TestLabelOf(t *testing.T) {
	tests := []struct {
		v    float64
		want Label
	}{
		{0, Neu},
		{LabelThreshold, Pos},
		{LabelThreshold - 1e-9, Neu},
		{-LabelThreshold, Neg},
		{-LabelThreshold + 1e-9, Neu},
		{1, Pos},
		{-1, Neg},
		{0.05, Neu},
		{-0.05, Neu},
	}
	for _, tt := range tests {
		if got := LabelOf(tt.v); got != tt.want {
			t.Errorf("LabelOf(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestSquash(t *testing.T) {
	tests := []struct{ x, want float64 }{
		{0, 0},
		{1, 1 / math.Sqrt2},
		{-1, -1 / math.Sqrt2},
		{2, 2 / math.Sqrt(5)},
	}
	for _, tt := range tests {
		if got := squash(tt.x); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("squash(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
}

// The scoring rules on hand-made piece sequences, independent of the
// segmenter and the lexicon values.
func TestScoreRules(t *testing.T) {
	sent := func(v float64) piece { return piece{kind: pSent, valence: v} }
	deg := func(d float64) piece { return piece{kind: pDeg, degree: d} }
	neg := piece{kind: pNeg}
	other := piece{kind: pOther}
	brk := piece{kind: pBreak}
	conj := piece{kind: pConj, role: roleContrast, roleW: 1.5}
	amb := piece{kind: pAmb, valence: 0.5, degree: 1.4}
	though := piece{kind: pMark, role: roleConcession, roleW: 0.6}
	rhet := piece{kind: pMark, role: roleRhetorical}
	ma := piece{kind: pMark, role: roleQuestion}
	qbrk := piece{kind: pBreak, question: true}
	affirm := piece{kind: pNeg, role: roleAffirm}
	irony := piece{kind: pSent, valence: -0.3, role: roleIrony}
	open := piece{kind: pDeg, degree: 1.3, role: roleIronyOpen}
	ne := piece{kind: pMark, role: roleIronyClose}
	comp := piece{kind: pSent, valence: -0.9, role: roleComplement, roleW: 1.5} // 死了
	compMark := piece{kind: pMark, role: roleComplement, roleW: 1.5}            // 死
	tests := []struct {
		name string
		ps   []piece
		want float64
	}{
		{"plain", []piece{sent(0.5)}, 0.5},
		{"degree", []piece{deg(2), sent(0.5)}, 1},
		{"negation", []piece{neg, sent(0.5)}, -0.5 * negFlip},
		{"degree then negation", []piece{deg(2), neg, sent(0.5)}, -0.5 * negFlip * 2},
		{"negated degree", []piece{neg, deg(2), sent(0.5)}, -0.5 * negDegree},
		{"double negation", []piece{neg, neg, sent(0.5)}, 0.5 * doubleNeg},
		{"negation across one word", []piece{neg, other, sent(0.5)}, -0.5 * negFlip},
		{"negation expires", []piece{neg, other, other, other, sent(0.5)}, 0.5},
		{"degree expires", []piece{deg(2), other, other, sent(0.5)}, 0.5},
		{"break ends negation", []piece{neg, brk, sent(0.5)}, 0.5},
		{"negation used once", []piece{neg, sent(0.5), sent(0.5)}, -0.5*negFlip + 0.5},
		{"degree bounded", []piece{deg(3), deg(3), sent(1)}, maxDegree},
		{"contrast", []piece{sent(0.5), conj, sent(-0.5)}, 0.5*beforeContrast - 0.5*1.5},
		{"contrast after a break", []piece{sent(0.5), brk, conj, sent(-0.5)}, 0.5*beforeContrast - 0.5*1.5},
		{"contrast lasts one clause", []piece{conj, sent(-0.5), brk, sent(0.5)}, -0.5*1.5 + 0.5},
		{"concession", []piece{though, sent(0.5), brk, conj, sent(-0.5)}, 0.5*0.6*beforeContrast - 0.5*1.5},
		{"rhetorical question", []piece{rhet, sent(0.5), ma}, -0.5},
		{"rhetorical question of a negation", []piece{rhet, neg, sent(0.5), ma}, 0.5 * negFlip},
		{"rhetorical ends with its clause", []piece{rhet, sent(-0.5), brk, sent(0.5)}, 0.5 + 0.5},
		{"affirming question", []piece{affirm, deg(2), sent(0.5), ma}, 1},
		{"affirming question mark", []piece{affirm, sent(0.5), qbrk}, 0.5},
		{"affirm without question negates", []piece{affirm, sent(0.5)}, -0.5 * negFlip},
		{"rhetorical affirming question", []piece{rhet, affirm, sent(-0.5), ma}, -0.5 * negFlip},
		{"irony marker", []piece{irony, brk, sent(0.5)}, -0.3 - 0.5*ironyFlip},
		{"irony marker spares negatives", []piece{sent(-0.5), irony}, -0.8},
		{"irony frame", []piece{open, sent(0.5), ne}, -0.5 * 1.3 * ironyFlip},
		{"irony frame needs its close", []piece{open, sent(0.5)}, 0.5 * 1.3},
		{"irony frame is one clause", []piece{open, sent(0.5), brk, sent(0.5), ne}, 0.5*1.3 + 0.5},
		{"ambiguous before a word is a degree", []piece{amb, sent(0.5)}, 0.5 * 1.4},
		{"ambiguous alone is a word", []piece{amb}, 0.5},
		{"ambiguous before a symbol is a word", []piece{amb, {kind: pSent, valence: 0.5, symbol: true}}, 1},
		{"fillers ignored", []piece{neg, {kind: pFill}, sent(0.5)}, -0.5 * negFlip},
		{"a question weakens praise", []piece{sent(0.5), ma}, 0.5 * questionPositive},
		{"a question mark weakens praise", []piece{sent(0.5), qbrk, sent(0.5)}, 0.5*questionPositive + 0.5},
		{"a question keeps a complaint", []piece{sent(-0.5), qbrk}, -0.5},
		{"complement strengthens the word before", []piece{sent(0.5), comp}, 0.5 * 1.5},
		{"complement after a particle", []piece{sent(0.5), {kind: pFill}, comp}, 0.5 * 1.5},
		{"complement of a negative word", []piece{sent(-0.5), compMark}, -0.5 * 1.5},
		{"complement of a negated word", []piece{neg, sent(0.5), comp}, -0.5 * negFlip * 1.5},
		{"complement alone is its word", []piece{comp}, -0.9},
		{"complement after another word is its word", []piece{sent(0.5), other, comp}, 0.5 - 0.9},
		{"complement strengthens once", []piece{sent(0.5), comp, comp}, 0.5*1.5 - 0.9},
		{"complement marker alone is nothing", []piece{compMark}, 0},
		{"ambiguous before a complement is a word", []piece{amb, comp}, 0.5 * 1.5},
		{"nothing", []piece{other, brk, other}, 0},
	}
	for _, tt := range tests {
		if got := score(tt.ps).valence; math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("%s: score = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// Emotion strengths follow the same rules as valence; negation and
// inversion turn an emotion into its negated one.
func TestScoreEmotionRules(t *testing.T) {
	word := func(v float64, e Emotion) piece {
		return piece{kind: pSent, valence: v, emotion: e, emoStr: math.Abs(v)}
	}
	neg := piece{kind: pNeg}
	deg := piece{kind: pDeg, degree: 2}
	rhet := piece{kind: pMark, role: roleRhetorical}
	irony := piece{kind: pSent, valence: -0.3, role: roleIrony, emotion: Disgust, emoStr: 0.3}
	tests := []struct {
		name string
		ps   []piece
		want EmotionScores
		hits int
	}{
		{"one word", []piece{word(0.6, Joy)}, EmotionScores{Joy - 1: 0.6}, 1},
		{"degree", []piece{deg, word(0.6, Joy)}, EmotionScores{Joy - 1: 1.2}, 1},
		{"two emotions", []piece{word(0.6, Joy), word(-0.5, Sorrow)}, EmotionScores{Joy - 1: 0.6, Sorrow - 1: 0.5}, 2},
		{"negated like is disgust", []piece{neg, word(0.7, Like)}, EmotionScores{Disgust - 1: 0.7 * negFlip}, 1},
		{"negated joy is sorrow", []piece{neg, word(0.5, Joy)}, EmotionScores{Sorrow - 1: 0.5 * negFlip}, 1},
		{"negated fear is none", []piece{neg, word(-0.5, Fear)}, EmotionScores{}, 1},
		{"emotion-only word", []piece{{kind: pSent, emotion: Surprise, emoStr: minEmotionStrength}}, EmotionScores{Surprise - 1: minEmotionStrength}, 1},
		{"rhetorical inverts", []piece{rhet, word(0.7, Like)}, EmotionScores{Disgust - 1: 0.7}, 1},
		{"sarcastic praise is disgust", []piece{irony, word(0.7, Like)}, EmotionScores{Disgust - 1: 0.3 + 0.7}, 2},
		{"no words", []piece{{kind: pOther}}, EmotionScores{}, 0},
	}
	for _, tt := range tests {
		got := score(tt.ps)
		for i := range got.emo {
			if math.Abs(got.emo[i]-tt.want[i]) > 1e-12 {
				t.Errorf("%s: emotions = %v, want %v", tt.name, got.emo, tt.want)
				break
			}
		}
		if got.hits != tt.hits {
			t.Errorf("%s: hits = %d, want %d", tt.name, got.hits, tt.hits)
		}
	}
}

func TestDecompose(t *testing.T) {
	m := loadTestModel(t)
	tests := []struct {
		tok  string
		want []pieceKind
	}{
		{"不太好", []pieceKind{pNeg, pDeg, pSent}},
		{"太好了", []pieceKind{pDeg, pSent, pFill}},
		{"好好看", []pieceKind{pAmb, pSent}},
		{"好帅", []pieceKind{pAmb, pSent}},
		{"不好", []pieceKind{pNeg, pSent}},
		{"谢谢你们", []pieceKind{pSent, pFill}},
		{"我怕", []pieceKind{pFill, pSent}},
		{"你好", nil}, // a greeting, not 好
		{"这个", nil},
		{"了的", nil},
		{"好", nil},
	}
	for _, tt := range tests {
		got, ok := m.decompose(tt.tok, nil)
		if ok != (tt.want != nil) {
			t.Errorf("decompose(%q) ok = %v, want %v", tt.tok, ok, tt.want != nil)
			continue
		}
		if len(got) != len(tt.want) {
			t.Errorf("decompose(%q) = %v, want kinds %v", tt.tok, got, tt.want)
			continue
		}
		for i := range got {
			if got[i].kind != tt.want[i] {
				t.Errorf("decompose(%q)[%d] = %v, want kind %v", tt.tok, i, got[i], tt.want[i])
			}
		}
	}
}

// The danmaku readings and the clause rules through the real lexicons.
func TestScoreDanmakuReadings(t *testing.T) {
	a := loadTestModel(t).NewAnalyzer()
	tests := []struct {
		text    string
		label   Label
		emotion Emotion
	}{
		{"哈哈哈哈哈哈", Pos, Joy},
		{"2333333", Pos, Joy},
		{"草", Pos, Joy},
		{"泪目", Pos, Sorrow}, // moved: positive valence, the tears are sorrow
		{"看哭了", Pos, Sorrow},
		{"感动哭了", Pos, Sorrow},
		{"前方高能", Pos, Surprise}, // anticipation, not fear
		{"高能预警", Pos, Surprise},
		{"破防了", Neg, Sorrow},
		{"好家伙", Neu, Surprise},
		{"好家伙，太强了", Pos, Like},
		{"好家伙，这也太离谱了", Neg, Surprise},
		{"不喜欢", Neg, Disgust},
		{"一点也不开心", Neg, Sorrow},
		{"难道这不好看吗", Pos, Like},
		{"难道这就是神作吗", Neg, Disgust},
		{"这不是挺好的吗", Pos, Like},
		{"这难道不是垃圾吗", Neg, Disgust},
		{"谁说不好看", Pos, Like},
		{"呵呵", Neg, Disgust},
		{"呵呵，真好看", Neg, Disgust},
		{"呵呵哈哈哈", Pos, Joy},
		{"真是厉害呢", Neg, Disgust},
		{"真是厉害", Pos, Like},
		{"[微笑]谢谢你", Neg, Disgust},
		{"好看，但是太贵了", Neg, Disgust},
		{"虽然有点长，但是很好看", Pos, Like},
		{"气死我了", Neg, Anger},
		{"吓死我了", Neg, Fear},
		{"我的天", Neu, Surprise},
		{"(^_^)", Pos, Joy},
		{"t_t", Neg, Sorrow},
		{"😂😂", Pos, Joy},
		{"[笑哭]", Pos, Joy},
		{"[生气]", Neg, Anger}, // not listed: read as its name
		{"打卡", Neu, NoEmotion},
		// degree complements strengthen the word before them
		{"好看死了", Pos, Like},
		{"可爱死我了", Pos, Like},
		{"好看疯了", Pos, Like},
		{"好听到爆", Pos, Like},
		{"糟透了", Neg, Disgust},
		{"死了", Neg, Sorrow},
		{"你疯了", Neg, Disgust},
		{"有病吧？", Neg, Disgust},  // a question that complains still complains
		{"木有好看的", Neg, Disgust}, // 木有 = 没有, a negator
		{"有木有很好看", Pos, Like},   // 有木有 = 有没有, not a negation
		// cheers: a short exclaimed text without a sentiment word
		{"张三！！！", Pos, Like},
		{"老师!", Pos, Like},
		{"来了!!!", Neu, NoEmotion}, // a ritual
		{"不要！", Neu, NoEmotion},   // negated
		{"真的吗!?", Neu, NoEmotion}, // asked
		{"1!", Neu, NoEmotion},    // a vote
		{"张三", Neu, NoEmotion},    // not exclaimed
		{"！！！", Neu, NoEmotion},   // nothing named
	}
	for _, tt := range tests {
		r := a.Analyze(tt.text)
		if r.Label != tt.label || r.Emotion != tt.emotion {
			t.Errorf("%q: %s %s (valence %.3f, tokens %q, emotions %.2f), want %s %s", tt.text, r.Label, r.Emotion, r.Valence, r.Tokens, r.Emotions, tt.label, tt.emotion)
		}
		for _, x := range r.Emotions {
			if x < 0 || x >= 1 {
				t.Errorf("%q: emotion score %v outside [0, 1)", tt.text, x)
			}
		}
	}
}

// Tokens the segmenter cuts oddly still find their terms.
func TestScoreFragments(t *testing.T) {
	a := loadTestModel(t).NewAnalyzer()
	for _, text := range []string{"啊哈哈哈哈", "up666", "chenyyds"} {
		if r := a.Analyze(text); r.Hits == 0 || r.Label != Pos {
			t.Errorf("%q: %+v, want a positive hit", text, r)
		}
	}
	// A word gse knows is not searched for terms inside it.
	if r := a.Analyze("垃圾桶"); r.Hits != 0 {
		t.Errorf("垃圾桶: %d hits (tokens %q), want 0", r.Hits, r.Tokens)
	}
}
