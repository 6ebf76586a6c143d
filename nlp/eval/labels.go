package eval

import (
	"fmt"
	"strings"

	"github.com/danmakuscope/danmakuscope/nlp"
)

// Task is what a labeled set measures.
type Task uint8

const (
	// Polarity sets are labeled pos, neg and possibly neu.
	Polarity Task = iota + 1
	// Emotion sets are labeled with emotions and possibly none.
	Emotion
)

// String returns "polarity" or "emotion".
func (t Task) String() string {
	switch t {
	case Polarity:
		return "polarity"
	case Emotion:
		return "emotion"
	}
	return fmt.Sprintf("Task(%d)", uint8(t))
}

// MarshalText encodes the task by name.
func (t Task) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// Polarity labels.
const (
	pos = string(nlp.Pos)
	neg = string(nlp.Neg)
	neu = string(nlp.Neu)
)

// polarityNames maps accepted polarity labels to pos, neg, neu.
func polarityLabel(s string) (string, bool) {
	switch strings.ToLower(s) {
	case "pos", "positive", "正面", "积极", "褒":
		return pos, true
	case "neg", "negative", "负面", "消极", "贬":
		return neg, true
	case "neu", "neutral", "中性":
		return neu, true
	}
	return "", false
}

// emotionLabel maps accepted emotion labels (English names of the seven,
// common synonyms, DUTIR's Chinese names) to an nlp emotion name.
func emotionLabel(s string) (string, bool) {
	switch strings.ToLower(s) {
	case "joy", "happiness", "happy", "乐", "快乐", "高兴":
		return nlp.Joy.String(), true
	case "like", "love", "好", "喜爱", "喜欢":
		return nlp.Like.String(), true
	case "sorrow", "sadness", "sad", "哀", "悲伤", "难过":
		return nlp.Sorrow.String(), true
	case "anger", "angry", "怒", "愤怒", "生气":
		return nlp.Anger.String(), true
	case "fear", "惧", "恐惧", "害怕":
		return nlp.Fear.String(), true
	case "disgust", "恶", "厌恶":
		return nlp.Disgust.String(), true
	case "surprise", "惊", "惊讶", "惊奇":
		return nlp.Surprise.String(), true
	case "none", "无", "neutral", "中性", "other":
		return nlp.NoEmotion.String(), true
	}
	return "", false
}

// labelError is an unknown label at an item index.
type labelError struct {
	index int
	label string
}

func (e *labelError) Error() string {
	return fmt.Sprintf("unknown label %q: want pos, neg, neu (or 1/0, 1/0/-1) or an emotion (joy, like, sorrow, anger, fear, disgust, surprise, none)", e.label)
}

// canonicalLabels decides the task of a set from its raw labels and maps
// them to canonical names. Numeric labels are polarity: 1/0 is pos/neg, and
// 1/0/-1 is pos/neu/neg when -1 occurs. A set with any emotion label is an
// emotion set (neutral is then none); otherwise it is a polarity set.
func canonicalLabels(raw []string) (Task, []string, error) {
	out := make([]string, len(raw))
	numeric, minus := true, false
	for _, l := range raw {
		switch l {
		case "1", "0":
		case "-1":
			minus = true
		default:
			numeric = false
		}
	}
	if numeric {
		for i, l := range raw {
			switch {
			case l == "1":
				out[i] = pos
			case l == "-1":
				out[i] = neg
			case minus:
				out[i] = neu
			default:
				out[i] = neg
			}
		}
		return Polarity, out, nil
	}
	emotion := false
	for _, l := range raw {
		if _, ok := polarityLabel(l); ok {
			continue
		}
		if _, ok := emotionLabel(l); ok {
			emotion = true
		}
	}
	for i, l := range raw {
		var ok bool
		if emotion {
			out[i], ok = emotionLabel(l)
		} else {
			out[i], ok = polarityLabel(l)
		}
		if !ok {
			return 0, nil, &labelError{i, l}
		}
	}
	if emotion {
		return Emotion, out, nil
	}
	return Polarity, out, nil
}
