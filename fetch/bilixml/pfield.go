package bilixml

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"math"
	"strconv"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// pFieldName names field i of the p attribute, for skip details.
func pFieldName(i int) string {
	switch i {
	case 0:
		return "appear time"
	case 1:
		return "mode"
	case 2:
		return "font size"
	case 3:
		return "color"
	case 4:
		return "send time"
	case 5:
		return "pool"
	case 6:
		return "sender hash"
	case 7:
		return "dmid"
	}
	return "weight"
}

// msThreshold separates send times in seconds from send times already in
// milliseconds (live recorders write milliseconds).
const msThreshold = 1e11

// parseP fills the p-attribute fields of d from v: appear time, mode, font
// size, color, send time, pool, sender hash, dmid and (with nine fields)
// weight. When live is set (the <d> carries a user or uid attribute of a
// live recorder), field 6 is a raw user id and is stored only as its hash;
// uid is the uid attribute, used when field 6 is not a decimal id. It
// returns a skip reason and detail when v is unusable.
func parseP(v []byte, d *fetch.Danmaku, live bool, uid []byte) (reason, detail string) {
	n := bytes.Count(v, []byte(",")) + 1
	if n != 8 && n != 9 {
		return ReasonBadPFields, fmt.Sprintf("p attribute has %d fields, want 8 or 9: %q", n, clip(v, 120))
	}
	d.HasWeight = false
	for i := range n {
		f := v
		if j := bytes.IndexByte(v, ','); j >= 0 {
			f, v = v[:j], v[j+1:]
		}
		f = bytes.TrimSpace(f)
		ok := true
		switch i {
		case 0:
			d.ProgressMs, ok = parseSeconds(f)
		case 1:
			var x int64
			x, ok = parseInt(f, 8)
			d.Mode = int8(x)
		case 2:
			var x int64
			x, ok = parseInt(f, 16)
			d.Fontsize = int16(x)
		case 3:
			x, err := strconv.ParseUint(string(f), 10, 32)
			ok = err == nil
			d.Color = uint32(x)
		case 4:
			var x int64
			x, ok = parseInt(f, 64)
			d.SentAtMs, d.HasSentAt = sentAtMs(x)
		case 5:
			var x int64
			x, ok = parseInt(f, 8)
			d.Pool = int8(x)
		case 6:
			if live {
				d.UserHash = liveUserHash(f, uid)
			} else {
				d.UserHash = string(f)
			}
		case 7:
			d.Dmid, ok = parseInt(f, 64)
		case 8:
			var x int64
			x, ok = parseInt(f, 8)
			d.Weight, d.HasWeight = int8(x), true
		}
		if !ok {
			return ReasonBadNumber, fmt.Sprintf("p field %d (%s) is not a valid number: %q", i, pFieldName(i), clip(f, 40))
		}
	}
	return "", ""
}

// parseInt parses a decimal integer that fits in bits bits. Integers are
// never parsed through float64, so 19-digit dmids stay exact.
func parseInt(b []byte, bits int) (int64, bool) {
	x, err := strconv.ParseInt(string(b), 10, bits)
	return x, err == nil
}

// sentAtMs turns a send time into Unix milliseconds: 0 means unknown, values
// above msThreshold are already milliseconds, others are seconds.
func sentAtMs(x int64) (int64, bool) {
	switch {
	case x == 0:
		return 0, false
	case x > msThreshold:
		return x, true
	}
	return x * 1000, true
}

// maxSecondsDigits bounds the integer digits the fast path of parseSeconds
// accepts, far from int64 overflow once multiplied by 1000.
const maxSecondsDigits = 12

// parseSeconds parses an appear time in seconds ("490.19100") and returns it
// in milliseconds, rounded half away from zero. Plain decimals are parsed
// exactly; other forms (exponents) go through strconv.ParseFloat.
func parseSeconds(b []byte) (int64, bool) {
	i, neg := 0, false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg, i = b[0] == '-', 1
	}
	var ms, frac int64
	intDigits, fracDigits, roundUp := 0, 0, false
	for ; i < len(b) && isDigit(b[i]); i++ {
		ms = ms*10 + int64(b[i]-'0')
		intDigits++
	}
	if i < len(b) && b[i] == '.' {
		for i++; i < len(b) && isDigit(b[i]); i++ {
			switch {
			case fracDigits < 3:
				frac = frac*10 + int64(b[i]-'0')
			case fracDigits == 3:
				roundUp = b[i] >= '5'
			}
			fracDigits++
		}
	}
	if i != len(b) || intDigits+fracDigits == 0 || intDigits > maxSecondsDigits {
		return parseSecondsFloat(b)
	}
	for k := fracDigits; k < 3; k++ {
		frac *= 10
	}
	ms = ms*1000 + frac
	if roundUp {
		ms++
	}
	if neg {
		ms = -ms
	}
	return ms, true
}

// maxMs is the largest appear time in milliseconds accepted through float64.
const maxMs = 1 << 62

func parseSecondsFloat(b []byte) (int64, bool) {
	x, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsNaN(x) || math.Abs(x*1000) > maxMs {
		return 0, false
	}
	return int64(math.Round(x * 1000)), true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// liveUserHash hashes the user id of a live-recorder danmaku the way
// Bilibili forms a midHash: lowercase hex CRC32 (IEEE), without leading
// zeros, of the decimal id without leading zeros. The id is field 6 when that
// is decimal, else the uid attribute. It returns "" (null) when neither is a
// decimal id or the id is 0 (an anonymous sender): a raw id is never stored.
func liveUserHash(field, uid []byte) string {
	id, ok := decimalID(field)
	if !ok {
		id, ok = decimalID(uid)
	}
	if !ok || len(id) == 0 {
		return ""
	}
	return strconv.FormatUint(uint64(crc32.ChecksumIEEE(id)), 16)
}

// decimalID returns b without leading zeros (empty for zero) and whether b
// is a decimal integer.
func decimalID(b []byte) ([]byte, bool) {
	if len(b) == 0 {
		return nil, false
	}
	for _, c := range b {
		if !isDigit(c) {
			return nil, false
		}
	}
	for len(b) > 0 && b[0] == '0' {
		b = b[1:]
	}
	return b, true
}
