package bilixml

import "testing"

func TestAppendText(t *testing.T) {
	tests := []struct {
		in, want string
		reason   string
	}{
		{in: "plain 文字", want: "plain 文字"},
		{in: "&amp;&lt;&gt;&quot;&apos;", want: `&<>"'`},
		{in: "&#65;&#x42;&#x6c34;&#128514;", want: "AB水😂"},
		{in: "&#9;&#10;&#13;", want: "\t\n\r"},
		{in: "a\r\nb\rc\n", want: "a\nb\nc\n"},
		{in: "AT&T & co &nbsp; &#xZZ; &#; &", want: "AT&T & co &nbsp; &#xZZ; &#; &"},
		{in: "bell &#7;", reason: ReasonIllegalChar},
		{in: "nul &#0;", reason: ReasonIllegalChar},
		{in: "&#x1F;", reason: ReasonIllegalChar},
		{in: "&#xFFFE;", reason: ReasonIllegalChar},
		{in: "&#xD800;", reason: ReasonIllegalChar},
		{in: "&#x110000;", reason: ReasonIllegalChar},
		{in: "&#99999999999;", reason: ReasonIllegalChar},
	}
	for _, tt := range tests {
		got, reason, _ := appendText(nil, []byte(tt.in))
		if reason != tt.reason {
			t.Errorf("appendText(%q) reason = %q, want %q", tt.in, reason, tt.reason)
			continue
		}
		if tt.reason == "" && string(got) != tt.want {
			t.Errorf("appendText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCheckChars(t *testing.T) {
	tests := []struct {
		in     string
		reason string
	}{
		{"ok\ttab\nnewline\r", ""},
		{"中文 and emoji 😂", ""},
		{"del \x7f is allowed", ""},
		{"bell \x07", ReasonIllegalChar},
		{"nul \x00", ReasonIllegalChar},
		{"bad \xff", ReasonInvalidUTF8},
		{"cut \xe5\x93", ReasonInvalidUTF8},
		{"surrogate \xed\xa0\x80", ReasonInvalidUTF8},
	}
	for _, tt := range tests {
		if reason, _ := checkChars([]byte(tt.in)); reason != tt.reason {
			t.Errorf("checkChars(%q) = %q, want %q", tt.in, reason, tt.reason)
		}
	}
}
