package synth

import "fmt"

// Mood is the sentiment a set of phrases expresses.
type Mood int

// Moods of phrase pools.
const (
	Neutral  Mood = iota // chatter without sentiment
	Positive             // praise, delight
	Laugh                // laughter memes
	Negative             // complaints, sadness, anger
	Hype                 // anticipation and surprise (前方高能)
)

// String names the mood.
func (m Mood) String() string {
	switch m {
	case Positive:
		return "positive"
	case Laugh:
		return "laugh"
	case Negative:
		return "negative"
	case Hype:
		return "hype"
	}
	return "neutral"
}

// MarshalText writes the mood's name, so truth files read well.
func (m Mood) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads a mood's name.
func (m *Mood) UnmarshalText(b []byte) error {
	for _, c := range []Mood{Neutral, Positive, Laugh, Negative, Hype} {
		if c.String() == string(b) {
			*m = c
			return nil
		}
	}
	return fmt.Errorf("synth: unknown mood %q", b)
}

// Sign is the expected sign of the mood's valence: 1, -1 or 0.
func (m Mood) Sign() int {
	switch m {
	case Positive, Laugh:
		return 1
	case Negative:
		return -1
	}
	return 0
}

// Emotion is the emotion of the mood's phrases, in the seven categories of
// the emotion scorer: laughter is joy, praise is like, hype is surprise;
// chatter carries none. Negative phrases mix sorrow, anger and disgust, so
// they have no single emotion ("").
func (m Mood) Emotion() string {
	switch m {
	case Positive:
		return "like"
	case Laugh:
		return "joy"
	case Hype:
		return "surprise"
	case Negative:
		return ""
	}
	return "none"
}

// pools holds each mood's phrases, most frequent first: they are drawn with
// a Zipf distribution over this order.
var pools = map[Mood][]string{
	Neutral: {
		"来了", "这是哪里", "第一次看", "原来如此", "打卡", "前排", "有人吗", "几点了",
		"这个是什么", "弹幕护体", "刚下班", "同学们好", "开始了", "回来了", "中间那个是谁",
		"求背景音乐", "我从首页来的", "看完再说", "这个地方在哪", "今天周五", "下一集呢",
		"字幕组辛苦", "有没有同款", "画面是真的吗", "这段在说什么", "还有多久", "重新看一遍",
	},
	Positive: {
		"太好看了", "好棒", "爱了爱了", "yyds", "绝绝子", "awsl", "太美了", "好喜欢",
		"666", "真好", "感动", "太厉害了", "好听", "赞", "神作", "良心", "满分",
		"泪目", "太可爱了", "好温柔", "牛", "精彩", "真不错", "燃起来了", "支持",
	},
	Laugh: {
		"哈哈哈哈哈", "2333333", "xswl", "笑死我了", "哈哈哈", "hhhhh", "笑出声",
		"太搞笑了", "哈哈哈哈哈哈哈哈", "笑到肚子疼", "草", "好好笑", "2333", "笑喷了",
	},
	Negative: {
		"太难受了", "好烂", "无语", "看不下去了", "好气啊", "恶心", "太差了",
		"失望", "心疼", "好难过", "垃圾", "太惨了", "生气", "讨厌", "烂尾", "难过",
		"太无聊了", "糟糕", "别这样", "好可怜",
	},
	Hype: {
		"前方高能", "高能预警", "来了来了", "注意看", "要来了", "卧槽", "天哪", "什么情况",
	},
}

// openingRituals and closingRituals are the phrases of ritual bursts at
// the start and end of a video, most frequent first.
var (
	openingRituals = []string{"打卡", "前排", "第一", "来了", "我来了", "前排打卡", "报道", "第一！", "打卡打卡", "来啦", "沙发"}
	closingRituals = []string{"完结撒花", "下次一定", "撒花", "三连了", "再见", "拜拜", "一键三连", "完结撒花！", "二刷", "下次一定！"}
)

// termPhrases are the phrases that carry a bursting term (%s).
var termPhrases = []string{"%s", "%s！", "这就是%s", "经典%s", "%s来了", "%s啊"}

// decorations are appended to some phrases to vary the exact text.
var decorations = []string{"！", "!!", "啊", "~", "。", "！！！", "？"}

// fullWidth maps a few ASCII phrases to a full-width spelling, as typed by
// some input methods.
var fullWidth = map[string]string{
	"yyds": "ｙｙｄｓ",
	"666":  "６６６",
	"awsl": "ＡＷＳＬ",
}
