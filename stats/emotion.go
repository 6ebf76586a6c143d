package stats

import "fmt"

// Emotions are the emotion categories of nlp's emotion column, in the
// order of every per-emotion array: the seven DUTIR-style categories, then
// none.
var emotionNames = [NumEmotions]string{"joy", "like", "sorrow", "anger", "fear", "disgust", "surprise", "none"}

// NumEmotions is the number of emotion categories, none included.
const NumEmotions = 8

// emotionNone is the index of "none".
const emotionNone = NumEmotions - 1

// EmotionNames returns the emotion categories in array order: joy, like,
// sorrow, anger, fear, disgust, surprise, none.
func EmotionNames() [NumEmotions]string { return emotionNames }

// emotionIndex returns the index of an emotion name.
func emotionIndex(name string) (int, error) {
	for i, n := range emotionNames {
		if n == name {
			return i, nil
		}
	}
	return 0, fmt.Errorf("unknown emotion %q (want one of %v)", name, emotionNames)
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
