package nlp

import "testing"

func TestIsKeyword(t *testing.T) {
	m := loadTestModel(t)
	tests := []struct {
		term string
		want bool
	}{
		{"好看", true},
		{"主角", true},
		{"泪目", true},
		{"awsl", true},
		{"yyds", true},
		{"爷青回", true},
		{"哈哈哈", true},
		{"[doge]", true},
		{"[没见过的表情]", true},
		{"😂", true},
		{"草", true},
		{"典", true},
		{"寄", true},
		{"好", false},
		{"大", false},
		{"猫", true},
		{"233", true},
		{"666", true},
		{"的", false},
		{"了", false},
		{"啊", false},
		{"吧", false},
		{"我", false},
		{"不", false},
		{"很", false},
		{"没有", false},
		{"这个", false},
		{"弹幕", false},
		{"前排", false},
		{"2024", false},
		{"1", false},
		{"a", false},
		{"", false},
		{" ", false},
		{"!!!", false},
		{"，", false},
		{"好看!", false},
	}
	for _, tt := range tests {
		if got := m.IsKeyword(tt.term); got != tt.want {
			t.Errorf("IsKeyword(%q) = %v, want %v", tt.term, got, tt.want)
		}
	}
}
