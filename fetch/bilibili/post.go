package bilibili

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/danmakuscope/danmakuscope/fetch/httpx"
)

// PostPath is the endpoint that sends a danmaku.
const PostPath = "/x/v2/dm/post"

// WebLocation is the web_location of a normal video page.
const WebLocation = "1315873"

// MaxMsgRunes bounds a message: it must be shorter than 100 characters.
const MaxMsgRunes = 99

// ErrInvalidPost is wrapped by every validation error of a [Post].
var ErrInvalidPost = errors.New("invalid danmaku")

// Post is one danmaku to send, with every parameter x/v2/dm/post takes.
// Zero values mean the service's defaults where it has them.
type Post struct {
	// Type is 1 for a video (the default when 0), 2 for a comic.
	Type int
	// Oid is the page's cid.
	Oid int64
	// Aid or Bvid names the video (one of them; both must agree).
	Aid  int64
	Bvid string
	// Msg is the text, shorter than 100 characters.
	Msg string
	// ProgressMs is where it appears, in milliseconds (≥ 0).
	ProgressMs int64
	// Color is RGB888; nil sends none (the service's white).
	Color *uint32
	// Fontsize is 12, 16, 18, 25, 36, 45 or 64; 0 sends none (25).
	Fontsize int
	// Pool is 0 normal, 1 subtitle, 2 special (BAS only).
	Pool int
	// Mode is 1 rolling (the default when 0), 4 bottom, 5 top, 7
	// advanced (Msg is a JSON array) or 9 BAS (pool 2); 6 and 8 cannot be
	// sent.
	Mode int
	// Colorful is 0 or 60001 (VIP gradient).
	Colorful int
	// CheckboxType is 0 normal or 4 (uploader badge).
	CheckboxType int
}

var (
	postModes     = map[int]string{1: "rolling", 4: "bottom", 5: "top", 7: "advanced", 9: "BAS"}
	postFontsizes = []int{12, 16, 18, 25, 36, 45, 64}
)

// Validate checks p before anything is sent. The error lists every
// problem and wraps [ErrInvalidPost].
func (p Post) Validate() error {
	var probs []string
	bad := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	if p.Type != 0 && p.Type != 1 && p.Type != 2 {
		bad("type %d: want 1 (video) or 2 (comic)", p.Type)
	}
	if p.Oid <= 0 {
		bad("oid (the cid) must be positive")
	}
	switch {
	case p.Aid <= 0 && p.Bvid == "":
		bad("name the video by aid or bvid")
	case p.Aid < 0:
		bad("aid %d must be positive", p.Aid)
	case p.Bvid != "":
		aid, err := BVToAV(p.Bvid)
		if err != nil {
			bad("%v", err)
		} else if p.Aid > 0 && aid != p.Aid {
			bad("bvid %s is av%d, not av%d", p.Bvid, aid, p.Aid)
		}
	}
	n := utf8.RuneCountInString(p.Msg)
	switch {
	case strings.TrimSpace(p.Msg) == "":
		bad("the message is empty")
	case !utf8.ValidString(p.Msg):
		bad("the message is not valid UTF-8")
	case n > MaxMsgRunes:
		bad("the message has %d characters; it must be shorter than 100", n)
	case strings.IndexFunc(p.Msg, func(r rune) bool { return unicode.IsControl(r) && r != '\n' }) >= 0:
		bad("the message holds control characters")
	}
	mode := p.mode()
	if _, ok := postModes[mode]; !ok {
		if mode == 6 || mode == 8 {
			bad("mode %d cannot be sent (only 1, 4, 5, 7 and 9 can)", mode)
		} else {
			bad("mode %d: want 1 (rolling), 4 (bottom), 5 (top), 7 (advanced) or 9 (BAS)", mode)
		}
	}
	switch {
	case p.Pool < 0 || p.Pool > 2:
		bad("pool %d: want 0 (normal), 1 (subtitle) or 2 (special)", p.Pool)
	case mode == 9 && p.Pool != 2:
		bad("mode 9 (BAS) needs pool 2")
	case p.Pool == 2 && mode != 9:
		bad("pool 2 (special) takes BAS danmaku (mode 9) only")
	}
	if mode == 7 && (!json.Valid([]byte(p.Msg)) || !strings.HasPrefix(strings.TrimSpace(p.Msg), "[")) {
		bad("mode 7 (advanced) needs the message to be a JSON array")
	}
	if p.ProgressMs < 0 {
		bad("progress %d ms: must be 0 or more", p.ProgressMs)
	}
	if p.Color != nil && *p.Color > 0xFFFFFF {
		bad("colour %#x: want RGB888, 0 to 0xFFFFFF", *p.Color)
	}
	if p.Fontsize != 0 && !containsInt(postFontsizes, p.Fontsize) {
		bad("font size %d: want 12, 16, 18, 25, 36, 45 or 64", p.Fontsize)
	}
	if p.Colorful != 0 && p.Colorful != 60001 {
		bad("colorful %d: want 0 or 60001 (VIP gradient)", p.Colorful)
	}
	if p.CheckboxType != 0 && p.CheckboxType != 4 {
		bad("checkbox_type %d: want 0 or 4 (uploader badge)", p.CheckboxType)
	}
	if len(probs) > 0 {
		return fmt.Errorf("%w: %s", ErrInvalidPost, strings.Join(probs, "; "))
	}
	return nil
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func (p Post) mode() int {
	if p.Mode == 0 {
		return 1
	}
	return p.Mode
}

// form returns the form body; csrf and rnd are added when sending.
func (p Post) form() url.Values {
	f := url.Values{}
	typ := p.Type
	if typ == 0 {
		typ = 1
	}
	f.Set("type", strconv.Itoa(typ))
	f.Set("oid", strconv.FormatInt(p.Oid, 10))
	f.Set("msg", p.Msg)
	if p.Bvid != "" {
		f.Set("bvid", NormalizeBV(p.Bvid))
	} else {
		f.Set("aid", strconv.FormatInt(p.Aid, 10))
	}
	f.Set("progress", strconv.FormatInt(p.ProgressMs, 10))
	if p.Color != nil {
		f.Set("color", strconv.FormatUint(uint64(*p.Color), 10))
	}
	if p.Fontsize != 0 {
		f.Set("fontsize", strconv.Itoa(p.Fontsize))
	}
	f.Set("pool", strconv.Itoa(p.Pool))
	f.Set("mode", strconv.Itoa(p.mode()))
	if p.Colorful != 0 {
		f.Set("colorful", strconv.Itoa(p.Colorful))
	}
	if p.CheckboxType != 0 {
		f.Set("checkbox_type", strconv.Itoa(p.CheckboxType))
	}
	return f
}

// postCodes are the documented codes of x/v2/dm/post (shared codes are in
// codes).
var postCodes = map[int]codeInfo{
	36700: {"system upgrading", httpx.Permanent},
	36701: {"the message contains forbidden words", httpx.Permanent},
	36702: {"the message is 100 characters or longer", httpx.Permanent},
	36703: {"sending too fast", httpx.RateLimited},
	36704: {"the video has not been reviewed yet", httpx.Permanent},
	36705: {"account level too low to send danmaku", httpx.Permanent},
	36706: {"account level too low for top danmaku", httpx.Permanent},
	36707: {"account level too low for bottom danmaku", httpx.Permanent},
	36708: {"account level too low for coloured danmaku", httpx.Permanent},
	36709: {"account level too low for advanced danmaku", httpx.Permanent},
	36710: {"no permission for this style", httpx.Permanent},
	36711: {"danmaku are disabled for this video", httpx.Permanent},
	36712: {"level-1 accounts may send at most 20 characters", httpx.Permanent},
	36713: {"the video has not been paid for", httpx.Permanent},
	36714: {"invalid progress: beyond the video's length", httpx.Permanent},
	36715: {"daily operation limit exceeded", httpx.Permanent},
	36718: {"not a VIP", httpx.Permanent},
}

// PostCodeMeaning returns what a dm/post code means, and whether it is
// documented.
func PostCodeMeaning(code int) (string, bool) {
	if c, ok := postCodes[code]; ok {
		return c.meaning, true
	}
	c, ok := codes[code]
	return c.meaning, ok
}

// checkPost classifies a dm/post reply.
func checkPost(r *httpx.Reply) error {
	var env envelope
	if err := json.Unmarshal(r.Body, &env); err == nil && env.Code != 0 {
		if c, ok := postCodes[env.Code]; ok {
			return &httpx.Error{Status: r.Status, Code: env.Code, HasCode: true, Meaning: c.meaning, Kind: c.kind}
		}
	}
	return checkJSON(r)
}

// Posted is the reply to a sent danmaku.
type Posted struct {
	Dmid    int64
	Visible bool
}

// ErrNoCSRF means posting needs the bili_jct cookie and none is set.
var ErrNoCSRF = errors.New("needs the bili_jct cookie as csrf token (set BILIBILI_BILI_JCT or put bili_jct=… in the cookie file)")

// Send validates p and sends it once (a post is never retried: a lost
// reply could mean it was sent). It fetches the WBI keys from nav, signs
// the URL and passes csrf from bili_jct and rnd from the clock.
func (c *Client) Send(ctx context.Context, p Post) (Posted, error) {
	if err := p.Validate(); err != nil {
		return Posted{}, err
	}
	if c.SESSDATA == "" {
		return Posted{}, fmt.Errorf("posting %w", ErrNoLogin)
	}
	if c.BiliJct == "" {
		return Posted{}, fmt.Errorf("posting %w", ErrNoCSRF)
	}
	img, sub, err := c.WBIKeys(ctx)
	if err != nil {
		return Posted{}, err
	}
	mixin, err := MixinKey(img, sub)
	if err != nil {
		return Posted{}, err
	}
	rep, err := c.HTTP.Do(ctx, httpx.Request{Endpoint: PostPath, What: fmt.Sprintf("cid=%d", p.Oid), NoRetry: true,
		Build: func(ctx context.Context) (*http.Request, error) {
			now := c.now()
			q := SignWBI(url.Values{"csrf": {c.BiliJct}, "web_location": {WebLocation}}, mixin, now)
			u, err := c.endpoint(PostPath, q)
			if err != nil {
				return nil, err
			}
			form := p.form()
			form.Set("rnd", strconv.FormatInt(now.UnixMicro(), 10))
			form.Set("csrf", c.BiliJct)
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, strings.NewReader(form.Encode()))
			if err != nil {
				return nil, err
			}
			c.headers(req)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return req, nil
		},
		Check: checkPost,
	})
	if err != nil {
		return Posted{}, err
	}
	var data struct {
		Dmid    json.Number `json:"dmid"`
		DmidStr string      `json:"dmid_str"`
		Visible bool        `json:"visible"`
	}
	if err := jsonData(rep.Body, &data); err != nil {
		return Posted{}, fmt.Errorf("bilibili %s: reply not understood: %w", PostPath, err)
	}
	id, err := strconv.ParseInt(data.DmidStr, 10, 64)
	if err != nil {
		id, err = strconv.ParseInt(data.Dmid.String(), 10, 64)
	}
	if err != nil {
		return Posted{}, fmt.Errorf("bilibili %s: reply has no dmid", PostPath)
	}
	return Posted{Dmid: id, Visible: data.Visible}, nil
}

// Describe returns the request Send would make, secrets redacted and the
// time-dependent parts (wts, w_rid, rnd) described rather than computed,
// for a dry run. It sends nothing.
func (c *Client) Describe(p Post) (string, error) {
	if err := p.Validate(); err != nil {
		return "", err
	}
	base := c.Base
	if base == "" {
		base = DefaultBase
	}
	form := p.form()
	form.Set("csrf", httpx.Redacted)
	form.Set("rnd", "<the time in µs>")
	var b strings.Builder
	fmt.Fprintf(&b, "POST %s%s?csrf=%s&web_location=%s&wts=<the time>&w_rid=<WBI signature, keys from %s>\n",
		strings.TrimRight(base, "/"), PostPath, httpx.Redacted, WebLocation, NavPath)
	b.WriteString("Content-Type: application/x-www-form-urlencoded\n")
	cookie := "SESSDATA=" + httpx.Redacted
	if c.SESSDATA == "" {
		cookie = "(none: set BILIBILI_SESSDATA or --cookie-file)"
	}
	if c.BiliJct != "" {
		cookie += "; bili_jct=" + httpx.Redacted
	}
	fmt.Fprintf(&b, "Cookie: %s\n\n", cookie)
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sortStrings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "  %s=%s\n", k, form.Get(k))
	}
	return b.String(), nil
}
