package justoneapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/danmakuscope/danmakuscope/fetch/httpx"
)

// Addresses of the service: the global endpoint (the default) and the one
// for mainland China.
const (
	DefaultBase  = "https://api.justoneapi.com"
	MainlandBase = "http://47.117.133.51:30015"
)

// Service is the service name in errors and the archive.
const Service = "justoneapi"

// DanmakuPath is the endpoint.
const DanmakuPath = "/api/bilibili/get-video-danmu/v2"

// MinTimeout is the least request deadline: the service asks for 60 s.
const MinTimeout = 60 * time.Second

// Client talks to Just One API. It is safe for concurrent use.
type Client struct {
	// HTTP sends the requests; its deadline should be at least MinTimeout.
	HTTP *httpx.Client
	// Base is the service's address; empty means DefaultBase.
	Base string
	// Token is the API token, sent as the token parameter.
	Token string
}

// codeInfo says what a business code means and how to treat it.
type codeInfo struct {
	meaning string
	kind    httpx.Kind
}

// Codes are the documented business codes other than 0 (success) and 201
// (no content, an empty page).
var codes = map[int]codeInfo{
	100: {"invalid or inactive token", httpx.Fatal},
	301: {"collection failed, please retry", httpx.Retryable},
	302: {"rate limit exceeded", httpx.RateLimited},
	303: {"daily quota exceeded", httpx.Permanent},
	400: {"invalid parameters", httpx.Permanent},
	500: {"internal error", httpx.Retryable},
	600: {"permission denied", httpx.Permanent},
	601: {"insufficient balance", httpx.Fatal},
}

// CodeNoContent is the code of a successful request with no content.
const CodeNoContent = 201

// envelope is the reply: {code, data, message, recordTime, requestId}.
type envelope struct {
	Code    *int            `json:"code"`
	Message *string         `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// check classifies a reply. The body's code decides, whether the HTTP
// status is always 200 or mirrors the code (4xx/5xx carry the same body);
// a body that is not an envelope is classified by its status.
func check(r *httpx.Reply) error {
	env, err := parseEnvelope(r.Body)
	if err != nil {
		if r.Status >= 200 && r.Status < 300 {
			return &httpx.Error{Status: r.Status, Kind: httpx.Retryable, Meaning: "reply is not a JSON envelope (cut short?)", Err: err}
		}
		return httpx.CheckStatus(r)
	}
	code := *env.Code
	if code == 0 || code == CodeNoContent {
		return nil
	}
	info, ok := codes[code]
	if !ok {
		info = codeInfo{meaning: "undocumented code", kind: httpx.Permanent}
	}
	if env.Message != nil && *env.Message != "" && !strings.EqualFold(*env.Message, info.meaning) {
		info.meaning += fmt.Sprintf("; server says %q", *env.Message)
	}
	return &httpx.Error{Status: r.Status, Code: code, HasCode: true, Meaning: info.meaning, Kind: info.kind}
}

// parseEnvelope decodes the reply envelope; a reply without a code is not
// one.
func parseEnvelope(body []byte) (envelope, error) {
	var env envelope
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	if err := d.Decode(&env); err != nil {
		return env, err
	}
	if env.Code == nil {
		return env, fmt.Errorf("no code in the reply")
	}
	return env, nil
}

// page requests one page of danmaku.
func (c *Client) page(ctx context.Context, aid, cid int64, page int) (*httpx.Reply, error) {
	base := c.Base
	if base == "" {
		base = DefaultBase
	}
	q := url.Values{"token": {c.Token}, "aid": {strconv.FormatInt(aid, 10)}, "cid": {strconv.FormatInt(cid, 10)}, "page": {strconv.Itoa(page)}}
	u := strings.TrimRight(base, "/") + DanmakuPath + "?" + q.Encode()
	return c.HTTP.Do(ctx, httpx.Request{
		Endpoint: DanmakuPath, What: fmt.Sprintf("aid=%d cid=%d page %d", aid, cid, page),
		Build: func(ctx context.Context) (*http.Request, error) {
			return http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		},
		Check: check,
	})
}
