package bilibili

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/danmakuscope/danmakuscope/fetch/fakeapi"
	"github.com/danmakuscope/danmakuscope/fetch/httpx"
)

func u32(v uint32) *uint32 { return &v }

func TestPostValidate(t *testing.T) {
	ok := Post{Oid: 62131, Aid: 2, Msg: "前来考古", ProgressMs: 5000, Color: u32(16777215), Fontsize: 25, Mode: 1}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid post: %v", err)
	}
	for _, tt := range []struct {
		edit func(*Post)
		want string
	}{
		{func(p *Post) { p.Msg = strings.Repeat("字", 100) }, "100 characters; it must be shorter than 100"},
		{func(p *Post) { p.Msg = "  " }, "message is empty"},
		{func(p *Post) { p.Msg = "a\x07b" }, "control characters"},
		{func(p *Post) { p.Mode = 6 }, "mode 6 cannot be sent"},
		{func(p *Post) { p.Mode = 8 }, "mode 8 cannot be sent"},
		{func(p *Post) { p.Mode = 3 }, "mode 3: want 1"},
		{func(p *Post) { p.Mode = 9 }, "mode 9 (BAS) needs pool 2"},
		{func(p *Post) { p.Pool = 2 }, "pool 2 (special) takes BAS danmaku (mode 9) only"},
		{func(p *Post) { p.Pool = 3 }, "pool 3"},
		{func(p *Post) { p.Mode = 7 }, "JSON array"},
		{func(p *Post) { p.ProgressMs = -1 }, "progress -1 ms"},
		{func(p *Post) { p.Color = u32(0x1000000) }, "colour 0x1000000"},
		{func(p *Post) { p.Fontsize = 20 }, "font size 20"},
		{func(p *Post) { p.Aid = 0 }, "by aid or bvid"},
		{func(p *Post) { p.Bvid = "BV17x411w7KC" }, "is av170001, not av2"},
		{func(p *Post) { p.Oid = 0 }, "oid"},
		{func(p *Post) { p.Type = 3 }, "type 3"},
		{func(p *Post) { p.Colorful = 1 }, "colorful 1"},
		{func(p *Post) { p.CheckboxType = 1 }, "checkbox_type 1"},
	} {
		p := ok
		tt.edit(&p)
		err := p.Validate()
		if !errors.Is(err, ErrInvalidPost) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: error %v, want %q", p, err, tt.want)
		}
	}
	bas := ok
	bas.Mode, bas.Pool = 9, 2
	adv := ok
	adv.Mode, adv.Msg = 7, `[0,0,"1-1",4.5,"hi"]`
	for _, p := range []Post{bas, adv, {Oid: 1, Bvid: "BV1xx411c7mD", Msg: "x"}} {
		if err := p.Validate(); err != nil {
			t.Errorf("%+v: %v", p, err)
		}
	}
}

func postClient(f *fakeapi.Bilibili, sess, jct string) *Client {
	return &Client{HTTP: httpx.New(httpx.Config{Service: Service, Timeout: time.Second, Attempts: 3, InitialBackoff: time.Millisecond,
		Redact: httpx.NewRedactor([]string{sess, jct})}), Base: f.URL, SESSDATA: sess, BiliJct: jct,
		Now: func() time.Time { return time.Unix(1702204169, 123456000) }}
}

func TestSend(t *testing.T) {
	f := fakeapi.NewBilibili()
	defer f.Close()
	f.SESSDATA, f.BiliJct = "sess-1234567", "jct-7654321"
	p := Post{Oid: 62131, Aid: 2, Msg: "前来考古 (test)!", ProgressMs: 5000, Color: u32(16777215), Fontsize: 25}
	got, err := postClient(f, "sess-1234567", "jct-7654321").Send(context.Background(), p)
	if err != nil || got.Dmid != 32161968826613768 {
		t.Fatalf("Send = %+v, %v", got, err)
	}
	form := f.Posted[0]
	for k, want := range map[string]string{"type": "1", "oid": "62131", "aid": "2", "msg": p.Msg, "progress": "5000", "color": "16777215",
		"fontsize": "25", "pool": "0", "mode": "1", "rnd": "1702204169123456", "csrf": "jct-7654321"} {
		if form[k][0] != want {
			t.Errorf("form %s = %q, want %q", k, form[k][0], want)
		}
	}
	req := f.Requests()[len(f.Requests())-1]
	if req.Query["web_location"][0] != WebLocation || req.Query["wts"][0] != "1702204169" {
		t.Errorf("query %v", req.Query)
	}
}

func TestSendErrors(t *testing.T) {
	p := Post{Oid: 62131, Aid: 2, Msg: "hello"}
	for _, tt := range []struct {
		sess, jct string
		code      int
		want      string
		kind      httpx.Kind
	}{
		{"wrong-sess", "jct-7654321", 0, "API code -101 (not logged in", httpx.Fatal},
		{"sess-1234567", "wrong-jct", 0, "API code -111 (csrf check failed", httpx.Fatal},
		{"sess-1234567", "jct-7654321", 36703, "API code 36703 (sending too fast", httpx.RateLimited},
		{"sess-1234567", "jct-7654321", 36711, "API code 36711 (danmaku are disabled for this video", httpx.Permanent},
		{"sess-1234567", "jct-7654321", -412, "API code -412 (request intercepted", httpx.RateLimited},
		{"sess-1234567", "jct-7654321", 36999, "API code 36999 (undocumented code", httpx.Permanent},
	} {
		t.Run(fmt.Sprint(tt.code, tt.want), func(t *testing.T) {
			f := fakeapi.NewBilibili()
			defer f.Close()
			f.SESSDATA, f.BiliJct, f.PostCode = "sess-1234567", "jct-7654321", tt.code
			_, err := postClient(f, tt.sess, tt.jct).Send(context.Background(), p)
			if err == nil || !strings.Contains(err.Error(), tt.want) || httpx.KindOf(err) != tt.kind {
				t.Errorf("error %v (kind %v), want %q (%v)", err, httpx.KindOf(err), tt.want, tt.kind)
			}
			if n := f.Count(PostPath); tt.sess == "sess-1234567" && n != 1 {
				t.Errorf("%d post requests: a post must never be retried", n)
			}
			if err != nil && (strings.Contains(err.Error(), tt.sess) || strings.Contains(err.Error(), tt.jct)) {
				t.Errorf("error carries a secret: %v", err)
			}
		})
	}
	if _, err := (&Client{}).Send(context.Background(), p); !errors.Is(err, ErrNoLogin) {
		t.Errorf("no cookie: %v", err)
	}
	if _, err := (&Client{SESSDATA: "s"}).Send(context.Background(), p); !errors.Is(err, ErrNoCSRF) {
		t.Errorf("no csrf: %v", err)
	}
	for code := 36700; code <= 36718; code++ {
		if m, ok := PostCodeMeaning(code); ok && m == "" {
			t.Errorf("code %d has no meaning", code)
		}
	}
}

func TestDescribe(t *testing.T) {
	c := &Client{Base: "https://api.example.test", SESSDATA: "sess-secret-99", BiliJct: "jct-secret-99"}
	s, err := c.Describe(Post{Oid: 62131, Aid: 2, Msg: "前来考古", ProgressMs: 5000})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"POST https://api.example.test/x/v2/dm/post?csrf=[REDACTED]", "SESSDATA=[REDACTED]", "msg=前来考古", "progress=5000", "csrf=[REDACTED]"} {
		if !strings.Contains(s, want) {
			t.Errorf("description lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "secret-99") {
		t.Errorf("description carries a secret:\n%s", s)
	}
}
