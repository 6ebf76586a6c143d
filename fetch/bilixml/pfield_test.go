package bilixml

import (
	"strings"
	"testing"

	"github.com/danmakuscope/danmakuscope/fetch"
)

func TestParseP(t *testing.T) {
	tests := []struct {
		name string
		p    string
		want fetch.Danmaku
	}{
		{
			name: "2020 eight fields",
			p:    "490.19100,1,25,16777215,1584268892,0,a16fe0dd,29950852386521095",
			want: fetch.Danmaku{ProgressMs: 490191, Mode: 1, Fontsize: 25, Color: 16777215, SentAtMs: 1584268892000, HasSentAt: true,
				UserHash: "a16fe0dd", Dmid: 29950852386521095},
		},
		{
			name: "2022 nine fields",
			p:    "181.37900,5,36,16646914,1665842893,1,78695de5,1163933565554070784,11",
			want: fetch.Danmaku{ProgressMs: 181379, Mode: 5, Fontsize: 36, Color: 16646914, SentAtMs: 1665842893000, HasSentAt: true,
				Pool: 1, UserHash: "78695de5", Dmid: 1163933565554070784, Weight: 11, HasWeight: true},
		},
		{
			name: "old long float, send time 0, empty hash",
			p:    "12.456999778748,1,25,16777215,0,0,,1278188533",
			want: fetch.Danmaku{ProgressMs: 12457, Mode: 1, Fontsize: 25, Color: 16777215, Dmid: 1278188533},
		},
		{
			name: "largest dmid stays exact",
			p:    "0.00000,1,25,0,1,0,1,9223372036854775807,0",
			want: fetch.Danmaku{Mode: 1, Fontsize: 25, SentAtMs: 1000, HasSentAt: true, UserHash: "1", Dmid: 9223372036854775807, HasWeight: true},
		},
		{
			name: "dmid one above 2^53 stays exact",
			p:    "0.5,1,25,0,1,0,1,9007199254740993",
			want: fetch.Danmaku{ProgressMs: 500, Mode: 1, Fontsize: 25, SentAtMs: 1000, HasSentAt: true, UserHash: "1", Dmid: 9007199254740993},
		},
		{
			name: "send time already in milliseconds",
			p:    "1.5,1,25,0,1709900000123,0,abc,7",
			want: fetch.Danmaku{ProgressMs: 1500, Mode: 1, Fontsize: 25, SentAtMs: 1709900000123, HasSentAt: true, UserHash: "abc", Dmid: 7},
		},
		{
			name: "half a millisecond rounds away from zero",
			p:    "-0.0015,1,25,0,0,0,,1",
			want: fetch.Danmaku{ProgressMs: -2, Mode: 1, Fontsize: 25, Dmid: 1},
		},
		{
			name: "exponent form",
			p:    "1.5e2,1,25,0,0,0,,1",
			want: fetch.Danmaku{ProgressMs: 150000, Mode: 1, Fontsize: 25, Dmid: 1},
		},
		{
			name: "integer seconds and spaces around fields",
			p:    "7, 4 ,18,255,0,2,h,3, 9",
			want: fetch.Danmaku{ProgressMs: 7000, Mode: 4, Fontsize: 18, Color: 255, Pool: 2, UserHash: "h", Dmid: 3, Weight: 9, HasWeight: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got fetch.Danmaku
			if reason, detail := parseP([]byte(tt.p), &got, false, nil); reason != "" {
				t.Fatalf("parseP(%q) skipped: %s %s", tt.p, reason, detail)
			}
			if got != tt.want {
				t.Errorf("parseP(%q)\n got %+v\nwant %+v", tt.p, got, tt.want)
			}
		})
	}
}

func TestParsePErrors(t *testing.T) {
	tests := []struct {
		p         string
		reason    string
		detailHas []string
	}{
		{"1,1,25,0,0,0,h", ReasonBadPFields, []string{"7 fields"}},
		{"1,1,25,0,0,0,h,1,1,1", ReasonBadPFields, []string{"10 fields"}},
		{"", ReasonBadPFields, []string{"1 fields"}},
		{"abc,1,25,0,0,0,h,1", ReasonBadNumber, []string{"field 0", "appear time", `"abc"`}},
		{"NaN,1,25,0,0,0,h,1", ReasonBadNumber, []string{"appear time", `"NaN"`}},
		{"1e300,1,25,0,0,0,h,1", ReasonBadNumber, []string{"appear time"}},
		{"1,x,25,0,0,0,h,1", ReasonBadNumber, []string{"field 1", "mode", `"x"`}},
		{"1,128,25,0,0,0,h,1", ReasonBadNumber, []string{"mode", `"128"`}},
		{"1,1,40000,0,0,0,h,1", ReasonBadNumber, []string{"font size", `"40000"`}},
		{"1,1,25,-1,0,0,h,1", ReasonBadNumber, []string{"color", `"-1"`}},
		{"1,1,25,4294967296,0,0,h,1", ReasonBadNumber, []string{"color"}},
		{"1,1,25,0,16e8,0,h,1", ReasonBadNumber, []string{"send time", `"16e8"`}},
		{"1,1,25,0,0,p,h,1", ReasonBadNumber, []string{"pool", `"p"`}},
		{"1,1,25,0,0,0,h,1.5e18", ReasonBadNumber, []string{"dmid", `"1.5e18"`}},
		{"1,1,25,0,0,0,h,9223372036854775808", ReasonBadNumber, []string{"dmid"}},
		{"1,1,25,0,0,0,h,1,heavy", ReasonBadNumber, []string{"field 8", "weight", `"heavy"`}},
	}
	for _, tt := range tests {
		t.Run(tt.p, func(t *testing.T) {
			var d fetch.Danmaku
			reason, detail := parseP([]byte(tt.p), &d, false, nil)
			if reason != tt.reason {
				t.Fatalf("reason = %q (%s), want %q", reason, detail, tt.reason)
			}
			for _, s := range tt.detailHas {
				if !strings.Contains(detail, s) {
					t.Errorf("detail %q lacks %q", detail, s)
				}
			}
		})
	}
}

// TestLiveUserHash checks the hash of raw live-recorder user ids. The
// expected hashes were computed outside Go (Python zlib.crc32):
// crc32("4764287") = 0x01da63f0, crc32("12345") = 0xcbf53a1c.
func TestLiveUserHash(t *testing.T) {
	tests := []struct {
		field, uid string
		want       string
	}{
		{"4764287", "", "1da63f0"},
		{"0004764287", "", "1da63f0"},
		{"", "4764287", "1da63f0"},
		{"12345", "4764287", "cbf53a1c"},
		{"a16fe0dd", "12345", "cbf53a1c"},
		{"a16fe0dd", "", ""},
		{"0", "0", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := liveUserHash([]byte(tt.field), []byte(tt.uid)); got != tt.want {
			t.Errorf("liveUserHash(%q, %q) = %q, want %q", tt.field, tt.uid, got, tt.want)
		}
	}
}
