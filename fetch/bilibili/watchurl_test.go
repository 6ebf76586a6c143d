package bilibili

import (
	"errors"
	"testing"
)

func TestWatchURL(t *testing.T) {
	tests := []struct {
		aid    int64
		page   int
		second int64
		want   string
	}{
		{170001, 1, 83, "https://www.bilibili.com/video/BV17x411w7KC?t=83"},
		{170001, 0, 0, "https://www.bilibili.com/video/BV17x411w7KC?t=0"},
		{170001, 3, 3600, "https://www.bilibili.com/video/BV17x411w7KC?t=3600&p=3"},
		{2, 2, -5, "https://www.bilibili.com/video/BV1xx411c7mD?t=0&p=2"},
	}
	for _, tt := range tests {
		got, err := WatchURL(tt.aid, tt.page, tt.second)
		if err != nil || got != tt.want {
			t.Errorf("WatchURL(%d, %d, %d) = %q, %v; want %q", tt.aid, tt.page, tt.second, got, err, tt.want)
		}
	}
	if _, err := WatchURL(0, 1, 5); !errors.Is(err, ErrBadID) {
		t.Errorf("aid 0: error %v, want ErrBadID", err)
	}
}
