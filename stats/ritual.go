package stats

import "unicode/utf8"

// RitualPhrases returns the built-in ritual phrases: what viewers send at
// the start of a video to mark their presence (打卡, 前排, 第一, 来了…) and
// at its end to close it (完结撒花, 下次一定, 三连了, 再见…). A danmaku is a
// ritual when its words (punctuation removed) are ritual phrases and
// fillers only, e.g. 前排打卡, 我来了, 完结撒花！; 第一次看 is not one.
func RitualPhrases() (opening, closing []string) {
	opening = []string{
		"打卡", "前排", "第一", "第二", "第三", "沙发", "板凳", "签到", "报道", "报到", "前来报道",
		"来了", "来啦", "我来了", "来晚了", "留名", "前排留名", "火钳刘明", "考古", "来考古",
		"催更", "更新了", "终于更新了", "终于来了", "先赞后看", "大家好", "二刷", "三刷",
	}
	closing = []string{
		"完结撒花", "撒花", "完结", "下次一定", "三连", "一键三连", "三连了", "已三连",
		"再见", "拜拜", "下期见", "下期再见", "晚安", "结束了", "没了", "就这么结束了", "追更",
	}
	return opening, closing
}

// ritualFillers may surround ritual phrases: 我来了啊 is a ritual.
func ritualFillers() []string {
	return []string{"我", "了", "啊", "呀", "吧", "哦", "呢", "嘛", "啦", "也", "又", "都", "大家", "各位", "今天", "又是"}
}

// maxRitualRunes bounds the danmaku checked: rituals are short.
const maxRitualRunes = 12

// ritualMatcher recognises ritual danmaku from their joined words.
type ritualMatcher struct {
	words   map[string]bool // phrase → true, filler → false
	longest int             // runes of the longest word
	firsts  map[rune]bool   // first runes of the words: a quick reject
	lasts   map[rune]bool   // last runes of the words
	starts  []int           // scratch: byte offset of each rune
	ok      []int8          // scratch: -1 unknown, 0 no, 1 yes (phrase seen), 2 yes (fillers only)
}

func newRitualMatcher() *ritualMatcher {
	m := &ritualMatcher{words: map[string]bool{}, firsts: map[rune]bool{}, lasts: map[rune]bool{}}
	opening, closing := RitualPhrases()
	add := func(w string, phrase bool) {
		m.words[w] = phrase
		m.longest = max(m.longest, utf8.RuneCountInString(w))
		first, _ := utf8.DecodeRuneInString(w)
		last, _ := utf8.DecodeLastRuneInString(w)
		m.firsts[first], m.lasts[last] = true, true
	}
	for _, w := range ritualFillers() {
		add(w, false)
	}
	for _, w := range append(opening, closing...) {
		add(w, true)
	}
	return m
}

// match reports whether key, a danmaku's words joined without separators,
// splits entirely into ritual phrases and fillers with at least one
// phrase.
func (m *ritualMatcher) match(key []byte) bool {
	if len(key) == 0 || utf8.RuneCount(key) > maxRitualRunes {
		return false
	}
	first, _ := utf8.DecodeRune(key)
	last, _ := utf8.DecodeLastRune(key)
	if !m.firsts[first] || !m.lasts[last] {
		return false
	}
	m.starts = m.starts[:0]
	for i := 0; i < len(key); {
		m.starts = append(m.starts, i)
		_, size := utf8.DecodeRune(key[i:])
		i += size
	}
	n := len(m.starts)
	m.starts = append(m.starts, len(key))
	// best[i] for the suffix starting at rune i: 0 cannot split, 1 splits
	// with a phrase, 2 splits into fillers only; best[n] = 2 (empty).
	m.ok = m.ok[:0]
	for i := 0; i <= n; i++ {
		m.ok = append(m.ok, 0)
	}
	m.ok[n] = 2
	for i := n - 1; i >= 0; i-- {
		for l := 1; l <= m.longest && i+l <= n; l++ {
			phrase, known := m.words[string(key[m.starts[i]:m.starts[i+l]])]
			rest := m.ok[i+l]
			if !known || rest == 0 {
				continue
			}
			if phrase || rest == 1 {
				m.ok[i] = 1
				break
			}
			m.ok[i] = 2
		}
	}
	return m.ok[0] == 1
}
