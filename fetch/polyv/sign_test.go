package polyv

import "testing"

// The worked examples of the signature rule (secret key "abc").
func TestSign(t *testing.T) {
	tests := []struct {
		params map[string]string
		want   string
	}{
		{map[string]string{"date": "2020-10-13", "ptime": "1621997347695", "userid": "1b448be323"},
			"3CA490D29AB54D97FD61B94443D4AD5D819511D0"},
		{map[string]string{"vid": "1b448be323b68b2999802799a98dba54_1", "numPerPage": "1", "pageNum": "1", "ptime": "1617241038467", "userid": "1b448be323"},
			"E19B5A69A68AEE363B465004C88058C047E78237"},
		{map[string]string{"vid": "1b448be3239c2ef0cb3ab9fd105f7fb2_1", "msg": "测试弹幕消息", "time": "00:00:08", "fontSize": "18",
			"fontMode": "roll", "fontColor": "0xFFFFFF", "ptime": "1617241038467", "sessionId": ""},
			"36A67E520675A75B4C718C90D09C2A367EB15E30"},
		// sign itself is never signed.
		{map[string]string{"date": "2020-10-13", "ptime": "1621997347695", "userid": "1b448be323", "sign": "X"},
			"3CA490D29AB54D97FD61B94443D4AD5D819511D0"},
	}
	for _, tt := range tests {
		if got := Sign(tt.params, "abc"); got != tt.want {
			t.Errorf("Sign(%v) = %s, want %s", tt.params, got, tt.want)
		}
	}
}
