package bilibili

import (
	"errors"
	"fmt"
	"strings"
)

// The AV↔BV mapping published by Bilibili's community documentation (the
// 2024 algorithm, valid for every aid below 2^51).
const (
	bvAlphabet = "FcwAPNKTMug3GV5Lj7EJnHpWsx4tb8haYeviqBz6rkCy12mUSDQX9RdoZf"
	bvXor      = 23442827791579
	bvMaxAid   = 1 << 51
	bvMask     = bvMaxAid - 1
	bvBase     = 58
)

// ErrBadID means an aid or bvid is not well formed.
var ErrBadID = errors.New("not a Bilibili video id")

// AVToBV returns the bvid ("BV1…", 12 characters) of aid.
func AVToBV(aid int64) (string, error) {
	if aid <= 0 || aid >= bvMaxAid {
		return "", fmt.Errorf("av%d: %w (aid must be in 1..2^51-1)", aid, ErrBadID)
	}
	b := []byte("BV1000000000")
	t := (bvMaxAid | aid) ^ bvXor
	for i := len(b) - 1; t > 0 && i >= 3; i-- {
		b[i] = bvAlphabet[t%bvBase]
		t /= bvBase
	}
	b[3], b[9] = b[9], b[3]
	b[4], b[7] = b[7], b[4]
	return string(b), nil
}

// BVToAV returns the aid of bvid. The "BV" prefix is case-insensitive.
func BVToAV(bvid string) (int64, error) {
	if len(bvid) != 12 || !strings.EqualFold(bvid[:2], "BV") || bvid[2] != '1' {
		return 0, fmt.Errorf("%q: %w (want BV1 and 9 base58 characters)", bvid, ErrBadID)
	}
	b := []byte(bvid)
	b[3], b[9] = b[9], b[3]
	b[4], b[7] = b[7], b[4]
	var v int64
	for _, c := range b[3:] {
		i := strings.IndexByte(bvAlphabet, c)
		if i < 0 {
			return 0, fmt.Errorf("%q: %w (%q is not a base58 character)", bvid, ErrBadID, c)
		}
		v = v*bvBase + int64(i)
	}
	aid := (v & bvMask) ^ bvXor
	if aid <= 0 {
		return 0, fmt.Errorf("%q: %w", bvid, ErrBadID)
	}
	return aid, nil
}

// NormalizeBV returns bvid with its canonical "BV" prefix.
func NormalizeBV(bvid string) string {
	if len(bvid) >= 2 && strings.EqualFold(bvid[:2], "BV") {
		return "BV" + bvid[2:]
	}
	return bvid
}
