package stats

import (
	"testing"

	"github.com/danmakuscope/danmakuscope/nlp"
)

// Every emotion lands in the slot of its own name, none in the last.
func TestEmotionSlots(t *testing.T) {
	for _, e := range append(nlp.Emotions(), nlp.NoEmotion) {
		if got := emotionNames[emotionSlot(e)]; got != e.String() {
			t.Errorf("emotion %s goes to slot %q", e, got)
		}
	}
	if emotionNames[emotionNone] != "none" {
		t.Errorf("last slot is %q, want none", emotionNames[emotionNone])
	}
}
