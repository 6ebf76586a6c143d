package nlp

import "fmt"

// Emotion is one of the seven emotion categories of the DUTIR emotion
// ontology (乐 好 哀 怒 惧 恶 惊), or [NoEmotion]. Its text form is the
// English name used in lexicons and outputs: "joy", "like", "sorrow",
// "anger", "fear", "disgust", "surprise" or "none".
type Emotion uint8

// The emotions, in the order of their score columns.
const (
	NoEmotion Emotion = iota // none: no emotion word, or too little to tell
	Joy                      // 乐: happiness, laughter, relief
	Like                     // 好: liking, praise, admiration, being moved
	Sorrow                   // 哀: sadness, disappointment, tears
	Anger                    // 怒: anger, indignation
	Fear                     // 惧: fear, worry, embarrassment
	Disgust                  // 恶: disgust, contempt, boredom, blame
	Surprise                 // 惊: surprise, awe, anticipation
)

// NumEmotions is the number of emotion categories, [NoEmotion] excluded.
const NumEmotions = 7

// EmotionThreshold is the smallest emotion score that makes an emotion
// dominant; below it a text's dominant emotion is [NoEmotion].
const EmotionThreshold = 0.1

// name returns the emotion's English name, "" for an invalid value.
func (e Emotion) name() string {
	switch e {
	case NoEmotion:
		return "none"
	case Joy:
		return "joy"
	case Like:
		return "like"
	case Sorrow:
		return "sorrow"
	case Anger:
		return "anger"
	case Fear:
		return "fear"
	case Disgust:
		return "disgust"
	case Surprise:
		return "surprise"
	}
	return ""
}

// String returns the emotion's English name.
func (e Emotion) String() string {
	if n := e.name(); n != "" {
		return n
	}
	return fmt.Sprintf("Emotion(%d)", uint8(e))
}

// MarshalText encodes the emotion as its name.
func (e Emotion) MarshalText() ([]byte, error) {
	n := e.name()
	if n == "" {
		return nil, fmt.Errorf("nlp: invalid emotion %d", uint8(e))
	}
	return []byte(n), nil
}

// UnmarshalText decodes an emotion name.
func (e *Emotion) UnmarshalText(b []byte) error {
	v, ok := ParseEmotion(string(b))
	if !ok {
		return fmt.Errorf("nlp: unknown emotion %q", b)
	}
	*e = v
	return nil
}

// ParseEmotion returns the emotion named s ("joy" … "surprise", "none").
func ParseEmotion(s string) (Emotion, bool) {
	switch s {
	case "none":
		return NoEmotion, true
	case "joy":
		return Joy, true
	case "like":
		return Like, true
	case "sorrow":
		return Sorrow, true
	case "anger":
		return Anger, true
	case "fear":
		return Fear, true
	case "disgust":
		return Disgust, true
	case "surprise":
		return Surprise, true
	}
	return NoEmotion, false
}

// Emotions returns the seven emotions in column order, joy to surprise.
func Emotions() []Emotion {
	return []Emotion{Joy, Like, Sorrow, Anger, Fear, Disgust, Surprise}
}

// Positive reports whether e is a positive emotion (joy, like).
func (e Emotion) Positive() bool { return e == Joy || e == Like }

// Negative reports whether e is a negative emotion (sorrow, anger, fear,
// disgust).
func (e Emotion) Negative() bool { return e >= Sorrow && e <= Disgust }

// EmotionScores are a text's scores for the seven emotions, indexed by
// Emotion-1 (joy first). Each is in [0, 1): the emotion words' summed
// strength, after negation, degree, contrast and intensifiers, squashed
// like valence. A score of 0 means no word of that emotion.
type EmotionScores [NumEmotions]float64

// Of returns the score of e; NoEmotion has none (0).
func (s *EmotionScores) Of(e Emotion) float64 {
	if e == NoEmotion || int(e) > NumEmotions {
		return 0
	}
	return s[e-1]
}

// Dominant returns the emotion with the highest score, or NoEmotion when no
// score reaches [EmotionThreshold]. Ties go to the emotion that agrees with
// the sign of valence, then to the first in column order.
func (s *EmotionScores) Dominant(valence float64) Emotion {
	best, bestScore := NoEmotion, 0.0
	for i, v := range s {
		e := Emotion(i + 1)
		if v > bestScore || (v == bestScore && best != NoEmotion && agrees(e, valence) && !agrees(best, valence)) {
			best, bestScore = e, v
		}
	}
	if bestScore < EmotionThreshold {
		return NoEmotion
	}
	return best
}

// agrees reports whether e's polarity matches the sign of valence.
func agrees(e Emotion, valence float64) bool {
	return (valence > 0 && e.Positive()) || (valence < 0 && e.Negative())
}

// negatedEmotion is what a negated emotion word expresses: 不喜欢 is
// disgust, 不开心 sorrow, 不讨厌 a mild liking; a negated negative emotion
// otherwise expresses none (不怕, 不难过, 不生气), nor does a negated
// surprise (不意外).
func negatedEmotion(e Emotion) Emotion {
	switch e {
	case Like:
		return Disgust
	case Joy:
		return Sorrow
	case Disgust:
		return Like
	}
	return NoEmotion
}

// minEmotionStrength is the least strength of an emotion word: a word
// expresses its emotion clearly even when its polarity is faint or none
// (泪目 +0.3, 震惊 0).
const minEmotionStrength = 0.4
