package report

import (
	"github.com/danmakuscope/danmakuscope/nlp"
	"github.com/danmakuscope/danmakuscope/stats"
)

// EmotionMix is the share of a video's danmaku whose dominant emotion is
// each of the seven, or none (the eight sum to 1).
type EmotionMix struct {
	Joy      float64 `json:"joy"`
	Like     float64 `json:"like"`
	Sorrow   float64 `json:"sorrow"`
	Anger    float64 `json:"anger"`
	Fear     float64 `json:"fear"`
	Disgust  float64 `json:"disgust"`
	Surprise float64 `json:"surprise"`
	None     float64 `json:"none"`
}

// emotionMixOf converts the shares of a summary with at least one danmaku.
func emotionMixOf(s stats.Summary) *EmotionMix {
	sh := s.EmotionShares
	return &EmotionMix{
		Joy:      sh[nlp.Joy],
		Like:     sh[nlp.Like],
		Sorrow:   sh[nlp.Sorrow],
		Anger:    sh[nlp.Anger],
		Fear:     sh[nlp.Fear],
		Disgust:  sh[nlp.Disgust],
		Surprise: sh[nlp.Surprise],
		None:     sh[nlp.NoEmotion],
	}
}
