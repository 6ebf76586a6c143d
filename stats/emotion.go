package stats

import "github.com/danmakuscope/danmakuscope/nlp"

// NumEmotions is the number of emotion categories, none included: the
// seven of nlp.Emotions, then none, the order of every per-emotion array.
const NumEmotions = nlp.NumEmotions + 1

// emotionNone is the index of "none".
const emotionNone = NumEmotions - 1

// emotionNames are the categories' names in array order.
var emotionNames = func() (names [NumEmotions]string) {
	for i, e := range nlp.Emotions() {
		names[i] = e.String()
	}
	names[emotionNone] = nlp.NoEmotion.String()
	return names
}()

// EmotionNames returns the emotion categories in array order: joy, like,
// sorrow, anger, fear, disgust, surprise, none.
func EmotionNames() [NumEmotions]string { return emotionNames }

// emotionSlot returns the array index of an emotion: nlp numbers the seven
// from 1 in column order, after NoEmotion.
func emotionSlot(e nlp.Emotion) int {
	if e == nlp.NoEmotion || int(e) > nlp.NumEmotions {
		return emotionNone
	}
	return int(e) - 1
}

// EmotionMix is the share of each emotion among a set of danmaku, in
// EmotionNames order; Known is false when the danmaku carried no emotion
// column (then the shares are undefined).
type EmotionMix struct {
	Known  bool
	Shares [NumEmotions]float64
}

// dominantEmotion returns the emotion with the most weight other than
// none, or "none" when no weight carries one.
func dominantEmotion(w [NumEmotions]float64) string {
	best := -1
	for i := 0; i < emotionNone; i++ {
		if w[i] > 0 && (best < 0 || w[i] > w[best]) {
			best = i
		}
	}
	if best < 0 {
		return "none"
	}
	return emotionNames[best]
}
