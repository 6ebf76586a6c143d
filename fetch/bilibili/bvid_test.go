package bilibili

import (
	"errors"
	"testing"
)

// The published test vectors, plus two computed from documentation examples.
func TestAVBV(t *testing.T) {
	tests := []struct {
		aid  int64
		bvid string
	}{
		{2, "BV1xx411c7mD"},
		{170001, "BV17x411w7KC"},
		{111298867365120, "BV1L9Uoa9EUx"},
		{643755790, "BV1bY4y1j7RA"},
		{1054803170, "BV1mH4y1u7UA"},
		{1004871019, "BV16x4y1H7M1"},
		{84271171, "BV1q7411v7Vd"},
		{810872, "BV1Js411o76u"},
	}
	for _, tt := range tests {
		bv, err := AVToBV(tt.aid)
		if err != nil || bv != tt.bvid {
			t.Errorf("AVToBV(%d) = %q, %v; want %q", tt.aid, bv, err, tt.bvid)
		}
		av, err := BVToAV(tt.bvid)
		if err != nil || av != tt.aid {
			t.Errorf("BVToAV(%q) = %d, %v; want %d", tt.bvid, av, err, tt.aid)
		}
	}
}

func TestBadIDs(t *testing.T) {
	for _, bv := range []string{"", "BV1xx411c7m", "AV1xx411c7mD", "BV2xx411c7mD", "BV1xx411c7m0", "BV1xx411c7mDD"} {
		if _, err := BVToAV(bv); !errors.Is(err, ErrBadID) {
			t.Errorf("BVToAV(%q) error %v, want ErrBadID", bv, err)
		}
	}
	for _, av := range []int64{0, -1, 1 << 51} {
		if _, err := AVToBV(av); !errors.Is(err, ErrBadID) {
			t.Errorf("AVToBV(%d) error %v, want ErrBadID", av, err)
		}
	}
}
