package nlp

import (
	"unicode"

	"golang.org/x/text/width"
)

// Normalized is the result of [Normalize].
type Normalized struct {
	// Text is the normalised text, the key under which results are cached.
	Text string
	// Repeats counts the repeated units dropped by collapsing (characters
	// of a run beyond the canonical three, extra copies of a repeated
	// meme); punctuation runs are not counted.
	Repeats int
	// Exclaims counts the exclamation marks of the input (full- or
	// half-width), before runs of them were collapsed.
	Exclaims int
}

// Canonical lengths of collapsed runs.
const (
	runKeep     = 3 // a run of one character longer than this is cut to it
	maxMemeUnit = 8 // longest multi-character unit whose repetition is collapsed
)

// Normalize prepares a danmaku for segmentation and caching:
//
//   - full-width forms become half-width (ＡＢＣ！ → ABC!) with
//     golang.org/x/text/width's folding, and letters are lower-cased;
//   - whitespace is trimmed and each internal run of it becomes one space;
//     control characters, zero-width characters, emoji variation selectors
//     and skin-tone modifiers are dropped;
//   - a run of one character longer than three is cut to three
//     (啊啊啊啊 → 啊啊啊, hhhhh → hhh, !!!!!! → !!!, ？？？？ → ???), and
//     laughter characters (哈 h 啊 呜) repeated at least twice become three
//     (哈哈 → 哈哈哈), a repeated emoji becomes one (😂😂😂 → 😂), and a
//     doubled ordinary character stays (谢谢, 妈妈);
//   - a digit run made of one repeated digit is cut to three (666666 → 666,
//     8888 → 888) and 2 followed by threes becomes 233 (2333333 → 233);
//     other numbers are kept;
//   - a unit of 2–8 characters repeated back to back, or separated by
//     single spaces, is kept once (前方高能前方高能 → 前方高能,
//     awslawslawsl → awsl), except that a unit of two different Latin
//     letters keeps two copies (hahaha → haha); a unit of Latin letters and digits only
//     collapses when its repetition is a whole word (10000 and banana
//     stay).
func Normalize(s string) Normalized {
	runes := make([]rune, 0, len(s))
	exclaims := 0
	space := false
	for _, r := range s {
		if r >= 0x3000 && (r == 0x3000 || (r >= 0xff01 && r <= 0xffee)) || r == 0x20a9 {
			if f := width.LookupRune(r).Folded(); f != 0 {
				r = f
			}
		}
		if r == '!' {
			exclaims++
		}
		if unicode.IsSpace(r) {
			space = len(runes) > 0
			continue
		}
		if dropRune(r) {
			continue
		}
		if space {
			runes = append(runes, ' ')
			space = false
		}
		runes = append(runes, unicode.ToLower(r))
	}
	runes, repeats := collapseRuns(runes)
	for {
		// Collapsing one repetition can reveal another (23332333 → 2333 →
		// 233): repeat until nothing shrinks, so that Normalize is
		// idempotent.
		out, n := collapseUnits(runes)
		if len(out) == len(runes) {
			break
		}
		runes, repeats = out, repeats+n
		runes, n = collapseRuns(runes)
		repeats += n
	}
	return Normalized{Text: string(runes), Repeats: repeats, Exclaims: exclaims}
}

// dropRune reports whether r carries nothing for analysis: controls,
// zero-width characters, variation selectors, skin-tone modifiers.
func dropRune(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return true
	case r == 0x200b || r == 0x200c || r == 0x200e || r == 0x200f || r == 0x2060 || r == 0xfeff:
		return true
	case r == 0xfe0e || r == 0xfe0f:
		return true
	case r >= 0x1f3fb && r <= 0x1f3ff:
		return true
	}
	return false
}

// isLaughRune reports whether a doubled r is laughter or an outcry that
// danmaku repeat freely, so that two copies already collapse to three.
func isLaughRune(r rune) bool {
	return r == '哈' || r == 'h' || r == '啊' || r == '呜'
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// collapseRuns cuts runs of one character and digit memes. It returns a new
// slice (a laughter pair grows to three).
func collapseRuns(in []rune) ([]rune, int) {
	out := make([]rune, 0, len(in)+2)
	repeats := 0
	for i := 0; i < len(in); {
		r := in[i]
		if isDigit(r) {
			j := i + 1
			for j < len(in) && isDigit(in[j]) {
				j++
			}
			var n int
			out, n = appendDigits(out, in[i:j])
			repeats += n
			i = j
			continue
		}
		j := i + 1
		for j < len(in) && in[j] == r {
			j++
		}
		k := j - i
		switch {
		case k >= 2 && isEmoji(r):
			out = append(out, r)
			repeats += k - 1
		case k >= 2 && isLaughRune(r), k > runKeep:
			out = append(out, r, r, r)
			if k > runKeep && !isSeparator(r) {
				repeats += k - runKeep
			}
		default:
			out = append(out, in[i:j]...)
		}
		i = j
	}
	return out, repeats
}

// appendDigits appends the digit run d, collapsed when it is a meme.
func appendDigits(out, d []rune) ([]rune, int) {
	if len(d) > runKeep {
		same := true
		for _, r := range d[1:] {
			if r != d[0] {
				same = false
				break
			}
		}
		if same {
			return append(out, d[0], d[0], d[0]), len(d) - runKeep
		}
	}
	if len(d) > runKeep && d[0] == '2' {
		threes := true
		for _, r := range d[1:] {
			if r != '3' {
				threes = false
				break
			}
		}
		if threes {
			return append(out, '2', '3', '3'), len(d) - runKeep
		}
	}
	return append(out, d...), 0
}

// collapseUnits keeps one copy of a unit of 2..maxMemeUnit characters that
// is repeated back to back or with single spaces between the copies.
func collapseUnits(in []rune) ([]rune, int) {
	if len(in) < 4 {
		return in, 0
	}
	var out []rune // allocated at the first repetition
	repeats := 0
	for i := 0; i < len(in); {
		unit, end, copies := repeatedUnit(in, i)
		if copies < 2 {
			if out != nil {
				out = append(out, in[i])
			}
			i++
			continue
		}
		if out == nil {
			out = append(make([]rune, 0, len(in)), in[:i]...)
		}
		keep := 1
		if unit == 2 && in[i] != in[i+1] && in[i] < 0x80 && in[i+1] < 0x80 && unicode.IsLetter(in[i]) && unicode.IsLetter(in[i+1]) {
			keep = 2
		}
		for c := 0; c < keep; c++ {
			out = append(out, in[i:i+unit]...)
		}
		repeats += copies - keep
		i = end
	}
	if out == nil {
		return in, 0
	}
	return out, repeats
}

// repeatedUnit finds the shortest unit starting at i that is repeated at
// least twice. It returns the unit length, the end of the repetition and
// the number of copies (0 when there is none).
func repeatedUnit(in []rune, i int) (unit, end, copies int) {
	for l := 2; l <= maxMemeUnit && i+2*l <= len(in); l++ {
		if r := in[i+l]; r != in[i] && (r != ' ' || in[i+l+1] != in[i]) {
			continue // cheap test: the next copy does not even start here
		}
		u := in[i : i+l]
		if !meaningfulUnit(u) {
			continue
		}
		alnum := allAlnum(u)
		if alnum && i > 0 && isAlnum(in[i-1]) {
			continue // inside a Latin word: never collapsed (and not rescanned)
		}
		j, n := i+l, 1
		for {
			if j+l <= len(in) && equalRunes(in[j:j+l], u) {
				j += l
			} else if j+1+l <= len(in) && in[j] == ' ' && equalRunes(in[j+1:j+1+l], u) {
				j += 1 + l
			} else {
				break
			}
			n++
		}
		if n >= 2 && (!alnum || alnumBoundary(in, i, j)) {
			return l, j, n
		}
	}
	return 0, 0, 0
}

// meaningfulUnit reports whether u may be a repeated meme: no spaces, and
// not made only of separators.
func meaningfulUnit(u []rune) bool {
	text := false
	for _, r := range u {
		if r == ' ' {
			return false
		}
		if !isSeparator(r) {
			text = true
		}
	}
	return text
}

// allAlnum reports whether u is made of Latin letters and digits only.
func allAlnum(u []rune) bool {
	for _, r := range u {
		if !isAlnum(r) {
			return false
		}
	}
	return true
}

// alnumBoundary reports whether in[i:j] is a whole Latin/digit run, so that
// a repeated Latin or digit unit is collapsed only when it is all of its
// word (awslawsl, 233233) and never inside one (10000, banana).
func alnumBoundary(in []rune, i, j int) bool {
	return (i == 0 || !isAlnum(in[i-1])) && (j == len(in) || !isAlnum(in[j]))
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
