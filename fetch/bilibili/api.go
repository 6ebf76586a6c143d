package bilibili

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/danmakuscope/danmakuscope/fetch/httpx"
)

// DefaultBase is the address of Bilibili's API.
const DefaultBase = "https://api.bilibili.com"

// Service is the service name in errors and the archive.
const Service = "bilibili"

// Client talks to Bilibili's API. It is safe for concurrent use.
type Client struct {
	// HTTP sends the requests with deadlines, retries and the run's rate
	// budget for Bilibili.
	HTTP *httpx.Client
	// Base is the API's address; empty means DefaultBase.
	Base string
	// SESSDATA is the login cookie; empty means anonymous. It is needed
	// for history danmaku and for posting.
	SESSDATA string
	// BiliJct is the bili_jct cookie, the csrf token for posting.
	BiliJct string
	// Now is the clock (nil: time.Now), for rnd and the WBI timestamp.
	Now func() time.Time
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// endpoint returns the URL of path with query q.
func (c *Client) endpoint(path string, q url.Values) (string, error) {
	base := c.Base
	if base == "" {
		base = DefaultBase
	}
	u, err := url.Parse(strings.TrimRight(base, "/") + path)
	if err != nil {
		return "", fmt.Errorf("bilibili base address %q: %w", base, err)
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// get builds a GET request of path with the headers Bilibili expects (its
// web endpoints refuse requests without a Referer now and then) and the
// login cookie when set.
func (c *Client) get(ctx context.Context, path string, q url.Values) (*http.Request, error) {
	u, err := c.endpoint(path, q)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	c.headers(req)
	return req, nil
}

func (c *Client) headers(req *http.Request) {
	req.Header.Set("Referer", "https://www.bilibili.com/")
	if c.SESSDATA != "" {
		cookie := "SESSDATA=" + c.SESSDATA
		if c.BiliJct != "" {
			cookie += "; bili_jct=" + c.BiliJct
		}
		req.Header.Set("Cookie", cookie)
	}
}

// envelope is the JSON wrapper of Bilibili's replies.
type envelope struct {
	Code    int             `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// codeInfo says what a Bilibili code means and how to treat it.
type codeInfo struct {
	meaning string
	kind    httpx.Kind
}

// codes are Bilibili's shared error codes and those of the endpoints used
// here (see the package README for sources).
var codes = map[int]codeInfo{
	-101:  {"not logged in: the SESSDATA cookie is missing, wrong or expired", httpx.Fatal},
	-102:  {"account banned", httpx.Fatal},
	-111:  {"csrf check failed: bili_jct does not match the SESSDATA cookie", httpx.Fatal},
	-352:  {"risk control check failed (User-Agent or WBI signature)", httpx.Permanent},
	-400:  {"bad request", httpx.Permanent},
	-403:  {"access denied", httpx.Permanent},
	-404:  {"no such video or page", httpx.Permanent},
	-412:  {"request intercepted by risk control (too many requests from this address)", httpx.RateLimited},
	-500:  {"server error", httpx.Retryable},
	-503:  {"server overloaded", httpx.Retryable},
	-509:  {"over the request limit", httpx.RateLimited},
	-799:  {"requests too frequent", httpx.RateLimited},
	62002: {"video not visible", httpx.Permanent},
	62004: {"video under review", httpx.Permanent},
	62012: {"video visible to its uploader only", httpx.Permanent},
}

// apiError is the error for a non-zero code.
func apiError(status, code int, message string) *httpx.Error {
	info, ok := codes[code]
	if !ok {
		info = codeInfo{meaning: "undocumented code", kind: httpx.Permanent}
		if code > 0 && code >= 500 && code < 600 {
			info.kind = httpx.Retryable
		}
	}
	if message != "" && message != "0" && !strings.Contains(info.meaning, message) {
		info.meaning += `; server says "` + message + `"`
	}
	return &httpx.Error{Status: status, Code: code, HasCode: true, Meaning: info.meaning, Kind: info.kind}
}

// checkJSON accepts a JSON reply with code 0, whatever its HTTP status
// says; a body that is not a JSON envelope is classified by its status
// (and retried when cut short).
func checkJSON(r *httpx.Reply) error {
	var env envelope
	if err := json.Unmarshal(r.Body, &env); err != nil {
		if r.Status < 200 || r.Status >= 300 {
			return httpx.CheckStatus(r)
		}
		return &httpx.Error{Status: r.Status, Kind: httpx.Retryable, Meaning: "reply is not a JSON envelope (cut short?)", Err: err}
	}
	if env.Code != 0 {
		return apiError(r.Status, env.Code, env.Message)
	}
	if r.Status < 200 || r.Status >= 300 {
		return httpx.CheckStatus(r)
	}
	return nil
}

// jsonData decodes the data of a checked JSON reply into v.
func jsonData(body []byte, v any) error {
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return err
	}
	if len(env.Data) == 0 || bytes.Equal(env.Data, []byte("null")) {
		return nil
	}
	d := json.NewDecoder(bytes.NewReader(env.Data))
	d.UseNumber()
	return d.Decode(v)
}
