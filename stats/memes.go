package stats

import (
	"bytes"
	"slices"
	"strings"

	"github.com/apache/arrow/go/v17/arrow/array"
)

// Meme detection: multi-token phrases that recur verbatim (我真的会谢,
// 下次一定, 爷青回 when the segmenter splits them) count as keywords. Every
// danmaku of at most maxMemeRowTokens words contributes its n-grams of 2 to
// maxMemeTokens contiguous words that contain at least one keyword, each
// once; a bounded Space-Saving summary keeps the frequent ones.
const (
	maxMemeTokens    = 4
	maxMemeRowTokens = 12
	memeCapacity     = 4096
	// MinMemeCount is how often an n-gram must recur to count as a meme.
	MinMemeCount = 5
	// maxMemes caps the memes listed per video.
	maxMemes = 100
	// memeSep joins an n-gram's words in the summary's keys.
	memeSep = '\x1f'
)

// memeCounter counts a video's n-grams.
type memeCounter struct {
	top  *topK
	buf  []byte   // scratch: the n-grams of one danmaku, back to back
	seen [][2]int // scratch: where each n-gram lies in buf
}

func newMemeCounter() *memeCounter { return &memeCounter{top: newTopK(memeCapacity)} }

// add counts the n-grams of one danmaku's words [start, end); isKw tells
// which words are keywords.
func (m *memeCounter) add(words *array.String, start, end int, isKw []bool) {
	n := end - start
	if n < 2 || n > maxMemeRowTokens {
		return
	}
	m.buf, m.seen = m.buf[:0], m.seen[:0]
	for size := 2; size <= maxMemeTokens && size <= n; size++ {
		for i := 0; i+size <= n; i++ {
			if !slices.Contains(isKw[i:i+size], true) {
				continue
			}
			from := len(m.buf)
			for j := i; j < i+size; j++ {
				if j > i {
					m.buf = append(m.buf, memeSep)
				}
				m.buf = append(m.buf, words.Value(start+j)...)
			}
			key := m.buf[from:]
			if slices.ContainsFunc(m.seen, func(r [2]int) bool { return bytes.Equal(m.buf[r[0]:r[1]], key) }) {
				m.buf = m.buf[:from]
				continue
			}
			m.seen = append(m.seen, [2]int{from, len(m.buf)})
			m.top.add(key, 1)
		}
	}
}

// meme is a recurring n-gram: its words and its guaranteed count.
type meme struct {
	words []string
	count int64
}

// memes returns the n-grams that recur at least MinMemeCount times, are
// not just a part of a longer recurring n-gram (one that occurs at least
// 80% as often), and occur at least a quarter as often as their rarest
// keyword: a phrase, not a chance neighbourhood. count returns a
// keyword's occurrences. At most maxMemes, most frequent first.
func (m *memeCounter) memes(count func(term string) int64) []meme {
	var cands []meme
	for _, e := range m.top.entries() {
		c := int64(e.weight - e.err)
		if c < MinMemeCount {
			continue
		}
		cands = append(cands, meme{words: strings.Split(e.key, string(memeSep)), count: c})
	}
	var out []meme
	for _, g := range cands {
		if covered(g, cands) {
			continue
		}
		rarest := int64(-1)
		for _, w := range g.words {
			if c := count(w); c > 0 && (rarest < 0 || c < rarest) {
				rarest = c
			}
		}
		if rarest < 0 || 4*g.count < rarest {
			continue
		}
		out = append(out, g)
		if len(out) == maxMemes {
			break
		}
	}
	return out
}

// covered reports whether a longer candidate contains g and occurs at
// least 80% as often.
func covered(g meme, cands []meme) bool {
	for _, o := range cands {
		if len(o.words) > len(g.words) && 5*o.count >= 4*g.count && containsRun(o.words, g.words) {
			return true
		}
	}
	return false
}

// containsRun reports whether sub occurs contiguously in words.
func containsRun(words, sub []string) bool {
	for i := 0; i+len(sub) <= len(words); i++ {
		if slices.Equal(words[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// joinWords joins words the way danmaku are written: Chinese words run
// together, a space separates two Latin or digit words.
func joinWords(words []string) string {
	var b bytes.Buffer
	for _, w := range words {
		if b.Len() > 0 && isASCIIAlnum(lastRune(b.Bytes())) && w != "" && isASCIIAlnum(rune(w[0])) {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}
