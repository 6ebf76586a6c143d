package nlp

import "testing"

func TestBackground(t *testing.T) {
	m := loadTestModel(t)
	total := m.BackgroundTotal()
	if !(total > 1e7) {
		t.Fatalf("background total %v, want a corpus of tens of millions of words", total)
	}
	tests := []struct {
		term    string
		nonzero bool
	}{
		{"我们", true},    // a common word of gse's dictionary
		{"泪目", true},    // one of ours, added at our frequency
		{"awsl", false}, // Latin words never reach gse
		{"不存在的词语组合", false},
	}
	for _, tt := range tests {
		f := m.BackgroundFreq(tt.term)
		if (f > 0) != tt.nonzero || f > total {
			t.Errorf("BackgroundFreq(%q) = %v, want nonzero %v and at most the total", tt.term, f, tt.nonzero)
		}
	}
	if m.BackgroundFreq("我们") <= m.BackgroundFreq("泪目") {
		t.Error("我们 is not more frequent than 泪目 in the general background")
	}
}
