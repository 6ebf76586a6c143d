package nlp

import (
	"encoding/json"
	"testing"
)

func TestEmotionNames(t *testing.T) {
	all := append([]Emotion{NoEmotion}, Emotions()...)
	if len(all) != NumEmotions+1 {
		t.Fatalf("%d emotions", len(all))
	}
	for _, e := range all {
		back, ok := ParseEmotion(e.String())
		if !ok || back != e {
			t.Errorf("ParseEmotion(%q) = %v, %v", e, back, ok)
		}
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		var got Emotion
		if err := json.Unmarshal(b, &got); err != nil || got != e {
			t.Errorf("JSON round trip of %s: %s → %v (%v)", e, b, got, err)
		}
	}
	if _, ok := ParseEmotion("happy"); ok {
		t.Error("ParseEmotion(happy) ok")
	}
	if _, err := json.Marshal(Emotion(99)); err == nil {
		t.Error("an invalid emotion marshals")
	}
	if !Joy.Positive() || !Like.Positive() || Sorrow.Positive() || !Disgust.Negative() || Surprise.Negative() || NoEmotion.Negative() {
		t.Error("Positive/Negative wrong")
	}
}

func TestDominant(t *testing.T) {
	tests := []struct {
		name    string
		s       EmotionScores
		valence float64
		want    Emotion
	}{
		{"none", EmotionScores{}, 0, NoEmotion},
		{"below the threshold", EmotionScores{Joy - 1: EmotionThreshold / 2}, 0.05, NoEmotion},
		{"highest", EmotionScores{Joy - 1: 0.3, Sorrow - 1: 0.5}, 0, Sorrow},
		{"tie goes to the valence's side", EmotionScores{Joy - 1: 0.4, Sorrow - 1: 0.4}, -0.2, Sorrow},
		{"tie without a side goes to column order", EmotionScores{Like - 1: 0.4, Surprise - 1: 0.4}, 0, Like},
	}
	for _, tt := range tests {
		if got := tt.s.Dominant(tt.valence); got != tt.want {
			t.Errorf("%s: Dominant = %s, want %s", tt.name, got, tt.want)
		}
	}
}
