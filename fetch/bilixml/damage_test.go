package bilixml

import (
	"reflect"
	"strings"
	"testing"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// TestDamage feeds damaged documents: every intact <d> is kept, and each
// damaged item is skipped with its line and reason. Lines: 1 is the XML
// declaration, 2 the root and header, so the i-th line given is line i+2.
func TestDamage(t *testing.T) {
	tests := []struct {
		name  string
		doc   string
		texts []string
		skips []skipKey
		// detail, when set, must appear in the first skip's detail.
		detail string
	}{
		{
			name:  "clean",
			doc:   doc(dline("1", "a"), dline("2", "b"), "</i>"),
			texts: []string{"a", "b"},
		},
		{
			name:   "truncated inside the text",
			doc:    doc(dline("1", "a"), dline("2", "b"), `<d p="1,1,25,0,0,0,h,3">c`),
			texts:  []string{"a", "b"},
			skips:  []skipKey{{5, ReasonTruncated}},
			detail: "inside <d>",
		},
		{
			name:  "truncated inside the start tag",
			doc:   doc(dline("1", "a"), `<d p="1,1,2`),
			texts: []string{"a"},
			skips: []skipKey{{4, ReasonTruncated}},
		},
		{
			name:  "truncated inside the end tag",
			doc:   doc(dline("1", "a"), `<d p="1,1,25,0,0,0,h,3">c</`),
			texts: []string{"a"},
			skips: []skipKey{{4, ReasonTruncated}},
		},
		{
			name:  "truncated inside a CDATA section",
			doc:   doc(dline("1", "a"), `<d p="1,1,25,0,0,0,h,3">c<![CDA`),
			texts: []string{"a"},
			skips: []skipKey{{4, ReasonTruncated}},
		},
		{
			name:   "truncated before </i>",
			doc:    doc(dline("1", "a"), dline("2", "b")),
			texts:  []string{"a", "b"},
			skips:  []skipKey{{4, ReasonTruncated}},
			detail: "before </i>",
		},
		{
			name:  "truncated before </i>, ending in NUL padding",
			doc:   doc(dline("1", "a"), "\x00\x00\x00\x00"),
			texts: []string{"a"},
			skips: []skipKey{{4, ReasonTruncated}},
		},
		{
			name:   "raw control character",
			doc:    doc(dline("1", "a"), dline("2", "b\x01c"), dline("3", "d"), "</i>"),
			texts:  []string{"a", "d"},
			skips:  []skipKey{{4, ReasonIllegalChar}},
			detail: "U+0001",
		},
		{
			name:  "raw control character in the p attribute",
			doc:   doc(`<d p="1,1,25,0,0,0,h`+"\x1b"+`,1">x</d>`, dline("2", "b"), "</i>"),
			texts: []string{"b"},
			skips: []skipKey{{3, ReasonIllegalChar}},
		},
		{
			name:   "control character as a reference",
			doc:    doc(dline("1", "a"), dline("2", "b&#8;"), dline("3", "tab&#9;ok"), dline("4", "&#x1b;[31m"), "</i>"),
			texts:  []string{"a", "tab\tok"},
			skips:  []skipKey{{4, ReasonIllegalChar}, {6, ReasonIllegalChar}},
			detail: "&#8;",
		},
		{
			name:   "invalid UTF-8",
			doc:    doc(dline("1", "a"), dline("2", "\xff\xfe"), dline("3", "好\xe5\x93"), dline("4", "好"), "</i>"),
			texts:  []string{"a", "好"},
			skips:  []skipKey{{4, ReasonInvalidUTF8}, {5, ReasonInvalidUTF8}},
			detail: "0xff",
		},
		{
			name:  "document appended after </i>",
			doc:   doc(dline("1", "a"), "</i>", `<?xml version="1.0" encoding="UTF-8"?>`, `<i><chatid>62131</chatid>`, dline("2", "b"), "</i>"),
			texts: []string{"a", "b"},
			skips: []skipKey{{5, ReasonAppended}},
		},
		{
			name:  "root appended after </i> without a declaration",
			doc:   doc(dline("1", "a"), "</i><i>", dline("2", "b"), "</i>", ""),
			texts: []string{"a", "b"},
			skips: []skipKey{{4, ReasonAppended}},
		},
		{
			name:  "document appended to a truncated one",
			doc:   doc(dline("1", "a"), `<d p="1,1,25,0,0,0,h,2">cut<?xml version="1.0"?>`, `<i>`, dline("3", "c"), "</i>"),
			texts: []string{"a", "c"},
			skips: []skipKey{{4, ReasonTruncated}, {4, ReasonTruncated}, {4, ReasonAppended}},
		},
		{
			name:  "document appended inside the root",
			doc:   doc(dline("1", "a"), `<?xml version="1.0"?><i>`, dline("3", "c"), "</i>"),
			texts: []string{"a", "c"},
			skips: []skipKey{{4, ReasonTruncated}, {4, ReasonAppended}},
		},
		{
			name:  "appended document truncated before its root",
			doc:   doc(dline("1", "a"), "</i>", `<?xml version="1.0"?>`),
			texts: []string{"a"},
			skips: []skipKey{{5, ReasonAppended}, {5, ReasonTruncated}},
		},
		{
			name:   "element nested in <d>",
			doc:    doc(dline("1", "a"), dline("2", "b<font>c</font>d"), dline("3", "e"), "</i>"),
			texts:  []string{"a", "e"},
			skips:  []skipKey{{4, ReasonMalformed}},
			detail: "nested",
		},
		{
			name:   "mismatched end tag",
			doc:    doc(dline("1", "a"), `<d p="1,1,25,0,0,0,h,2">b</dd>`, dline("3", "e"), "</i>"),
			texts:  []string{"a", "e"},
			skips:  []skipKey{{4, ReasonMalformed}},
			detail: "</dd>",
		},
		{
			name:  "missing </d> before the next <d>",
			doc:   doc(`<d p="1,1,25,0,0,0,h,1">a`+dline("2", "b"), dline("3", "c"), "</i>"),
			texts: []string{"b", "c"},
			skips: []skipKey{{3, ReasonMalformed}},
		},
		{
			name:  "missing </d> before </i>",
			doc:   doc(dline("1", "a"), `<d p="1,1,25,0,0,0,h,2">b`, "</i>"),
			texts: []string{"a"},
			skips: []skipKey{{4, ReasonMalformed}},
		},
		{
			name:   "start tag not closed",
			doc:    doc(`<d p="1,1,25,0,0,0,h,1"`, dline("2", "b"), "</i>"),
			texts:  []string{"b"},
			skips:  []skipKey{{3, ReasonMalformed}},
			detail: "not closed",
		},
		{
			name:   "no p attribute",
			doc:    doc(`<d>a</d>`, `<d P="1,1,25,0,0,0,h,1">b</d>`, dline("3", "c"), "</i>"),
			texts:  []string{"c"},
			skips:  []skipKey{{3, ReasonMalformed}, {4, ReasonMalformed}},
			detail: "no p attribute",
		},
		{
			name:  "unquoted or unclosed attribute",
			doc:   doc(`<d p=1,1,25,0,0,0,h,1>a</d>`, `<d p="1,1,25,0,0,0,h,1" x>b</d>`, dline("3", "c"), "</i>"),
			texts: []string{"c"},
			skips: []skipKey{{3, ReasonMalformed}, {4, ReasonMalformed}},
		},
		{
			name:   "seven fields",
			doc:    doc(dline("1", "a"), `<d p="1.00000,1,25,16777215,1709900000,0,3f2a9c1b">b</d>`, "</i>"),
			texts:  []string{"a"},
			skips:  []skipKey{{4, ReasonBadPFields}},
			detail: "has 7 fields",
		},
		{
			name:   "bad numbers",
			doc:    doc(`<d p="1,one,25,0,0,0,h,1">a</d>`, `<d p="1,1,25,0,0,0,h,1.3e18">b</d>`, dline("3", "c"), "</i>"),
			texts:  []string{"c"},
			skips:  []skipKey{{3, ReasonBadNumber}, {4, ReasonBadNumber}},
			detail: `mode`,
		},
		{
			name:  "content after </i>",
			doc:   doc(dline("1", "a"), "</i>", "<html>error page</html>", "more junk"),
			texts: []string{"a"},
			skips: []skipKey{{5, ReasonMalformed}},
		},
		{
			name:  "stray '<' and stray end tags in the root",
			doc:   doc(dline("1", "a"), "< 3 is less", "</d></gift>", dline("2", "b"), "</i>"),
			texts: []string{"a", "b"},
			skips: []skipKey{{4, ReasonMalformed}},
		},
		{
			name:  "unclosed ignored element does not swallow danmaku",
			doc:   doc(`<sc ts="1">unclosed`, dline("1", "a"), `<gift raw="x`, dline("2", "b"), "</i>"),
			texts: []string{"a", "b"},
		},
		{
			name:  "entity in the p attribute",
			doc:   doc(`<d p="1&#44;1,25,0,0,0,h,1">a</d>`, `<d p="1,1,25,0,0,0,h&#1;,2">b</d>`, "</i>"),
			texts: []string{"a"},
			skips: []skipKey{{4, ReasonIllegalChar}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readString(t, tt.doc, fetch.Options{})
			if res.err != nil {
				t.Fatalf("error: %v", res.err)
			}
			if !reflect.DeepEqual(res.texts(), tt.texts) {
				t.Errorf("texts %q, want %q", res.texts(), tt.texts)
			}
			if got := skipKeys(res.skips); !reflect.DeepEqual(got, tt.skips) {
				t.Errorf("skips %v, want %v", res.skips, tt.skips)
			}
			for _, s := range res.skips {
				if s.File != "test.xml" || s.Detail == "" {
					t.Errorf("skip %+v lacks file or detail", s)
				}
			}
			if tt.detail != "" && len(res.skips) > 0 && !strings.Contains(res.skips[0].Detail, tt.detail) {
				t.Errorf("detail %q lacks %q", res.skips[0].Detail, tt.detail)
			}
			sum := 0
			for _, n := range res.stats.Skipped {
				sum += n
			}
			if sum != len(tt.skips) || res.stats.Kept != len(tt.texts) {
				t.Errorf("stats %+v, want %d kept and %d skipped", res.stats, len(tt.texts), len(tt.skips))
			}
		})
	}
}

// TestElementTooLong feeds a <d> larger than the window: it is skipped as
// malformed and reading goes on.
func TestElementTooLong(t *testing.T) {
	huge := strings.Repeat("长", maxWindow/3+10)
	for _, tt := range []struct {
		name string
		doc  string
	}{
		{"long text", doc(dline("1", "a"), dline("2", huge), dline("3", "c"), "</i>")},
		{"long attribute", doc(dline("1", "a"), `<d raw="`+huge+`" p="1,1,25,0,0,0,h,2">b</d>`, dline("3", "c"), "</i>")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := readString(t, tt.doc, fetch.Options{})
			if res.err != nil {
				t.Fatal(res.err)
			}
			if want := []string{"a", "c"}; !reflect.DeepEqual(res.texts(), want) {
				t.Errorf("texts %q, want %q", res.texts(), want)
			}
			if want := []skipKey{{4, ReasonMalformed}}; !reflect.DeepEqual(skipKeys(res.skips), want) {
				t.Errorf("skips %v, want %v", res.skips, want)
			}
		})
	}
	// Long elements that are not danmaku are skipped without limit.
	res := readString(t, doc(`<gift raw="`+huge+huge+`"/>`, `<sc>`+huge+huge+`</sc>`, dline("1", "a"), "</i>"), fetch.Options{})
	if want := []string{"a"}; !reflect.DeepEqual(res.texts(), want) || len(res.skips) != 0 {
		t.Errorf("texts %q skips %v, want [a] and no skips", res.texts(), res.skips)
	}
}
