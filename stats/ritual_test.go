package stats

import "testing"

func TestRitualMatcher(t *testing.T) {
	m := newRitualMatcher()
	tests := []struct {
		key  string
		want bool
	}{
		{"打卡", true},
		{"前排打卡", true},
		{"我来了", true},
		{"我来了啊", true},
		{"完结撒花", true},
		{"下次一定", true},
		{"三连了", true},
		{"大家好", true},
		{"第一次看", false}, // 次看 is not a filler
		{"原来如此", false}, // contains 来 but is no ritual
		{"我", false},    // fillers only
		{"", false},     // nothing
		{"哈哈哈", false},  // laughter is a reaction
		{"来了来了来了来了来了来了来了", false}, // too long to be checked
		{"名场面来了", false},
	}
	for _, tt := range tests {
		if got := m.match([]byte(tt.key)); got != tt.want {
			t.Errorf("match(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
}
