package archive

import "testing"

func TestScrubJSON(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"a":1,"b":[1,2]}`, `{"a":1,"b":[1,2]}`},
		{`{ "x": 1234567890123456789 , "user": {"nick":"小明","clientIp":"10.1.2.3","userId":"u1"}}`,
			`{"user":{"userId":"u1"},"x":1234567890123456789}`},
		{`[{"user":"{\"NICK\":\"a\",\"pic\":\"http://x\",\"uid\":\"s\"}"}]`, `[{"user":"{\"uid\":\"s\"}"}]`},
		{`not json {"nick":1}`, `not json {"nick":1}`},
	}
	for _, tt := range tests {
		if got := string(ScrubJSON([]byte(tt.in), "nick", "clientIp", "pic")); got != tt.want {
			t.Errorf("ScrubJSON(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
