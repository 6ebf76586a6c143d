package report

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/danmakuscope/danmakuscope/nlp"
	"github.com/danmakuscope/danmakuscope/stats"
)

func TestSentimentEmotionMix(t *testing.T) {
	var sh [nlp.NumEmotions + 1]float64
	sh[nlp.NoEmotion], sh[nlp.Joy], sh[nlp.Sorrow], sh[nlp.Surprise] = 0.5, 0.25, 0.125, 0.125
	s := SentimentOf(stats.Summary{Count: 8, ValenceMean: 0.1, EmotionShares: sh})
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `"emotions":{"joy":0.25,"like":0,"sorrow":0.125,"anger":0,"fear":0,"disgust":0,"surprise":0.125,"none":0.5}`
	if !strings.Contains(string(b), want) {
		t.Errorf("sentiment JSON %s lacks %s", b, want)
	}
	var nan [nlp.NumEmotions + 1]float64
	for i := range nan {
		nan[i] = math.NaN()
	}
	empty := SentimentOf(stats.Summary{ValenceMean: math.NaN(), EmotionShares: nan})
	if b, err := json.Marshal(empty); err != nil || strings.Contains(string(b), "emotions") {
		t.Errorf("empty video: sentiment JSON %s (%v), want no emotions", b, err)
	}
}
