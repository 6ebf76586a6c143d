package polyv

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

// DefaultBase is the address of Polyv's API.
const DefaultBase = "https://api.polyv.net"

// Service is the service name in errors and the archive.
const Service = "polyv"

// ListPath is the list endpoint; the account's userid follows it.
const ListPath = "/v2/danmu/"

// DefaultRate is the default request budget: 20 requests per second, 200
// per 10 s, far below the 1500 per 10 s per address that Polyv allows
// (exceeding it blocks the address for 5 minutes).
const DefaultRate = 20

// Client talks to Polyv VOD. It is safe for concurrent use.
type Client struct {
	// HTTP sends the requests.
	HTTP *httpx.Client
	// Base is the API's address; empty means DefaultBase.
	Base string
	// UserID and SecretKey are the account's credentials; SecretKey only
	// signs requests and is never sent.
	UserID, SecretKey string
	// Now is the clock for ptime (nil: time.Now).
	Now func() time.Time
}

// envelope is the reply: {code, status, message, data}.
type envelope struct {
	Code    *int            `json:"code"`
	Status  string          `json:"status"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

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

// messages classify Polyv's error messages.
var messages = map[string]struct {
	meaning string
	kind    httpx.Kind
}{
	"sign can not be empty.":         {"the signature is missing", httpx.Fatal},
	"the sign is not right.":         {"wrong signature: check POLYV_SECRETKEY", httpx.Fatal},
	"could not find user by userid.": {"unknown account: check POLYV_USERID", httpx.Fatal},
	"ptime is too old.":              {"ptime expired (more than 3 minutes old): check the system clock", httpx.Retryable},
	"ptime is illegal.":              {"ptime malformed or more than 3 minutes ahead: check the system clock", httpx.Retryable},
	"query failed.":                  {"the service failed", httpx.Retryable},
	"qps exceeds number of calls":    {"too many requests", httpx.RateLimited},
}

// check classifies a reply by its body's code and message (the HTTP status
// may be 200 or mirror the code); a body that is not an envelope is
// classified by its status.
func check(r *httpx.Reply) error {
	env, err := parseEnvelope(r.Body)
	if err != nil {
		if r.Status >= 200 && r.Status < 300 {
			return &httpx.Error{Status: r.Status, Kind: httpx.Retryable, Meaning: "reply is not a JSON envelope (cut short?)", Err: err}
		}
		return httpx.CheckStatus(r)
	}
	code := *env.Code
	if code == 200 {
		return nil
	}
	e := &httpx.Error{Status: r.Status, Code: code, HasCode: true, Kind: httpx.Permanent}
	if code >= 500 {
		e.Kind = httpx.Retryable
	}
	msg := strings.TrimSpace(env.Message)
	if m, ok := messages[strings.ToLower(msg)]; ok {
		e.Meaning, e.Kind = m.meaning, m.kind
	} else if strings.Contains(strings.ToLower(msg), "qps") {
		e.Kind = httpx.RateLimited
	}
	if msg != "" {
		if e.Meaning != "" {
			e.Meaning += "; "
		}
		e.Meaning += fmt.Sprintf("server says %q", msg)
	}
	return e
}

// list requests one page of the list endpoint: the danmaku of vid, or of
// the whole account when vid is empty. Every attempt is signed afresh with
// the current ptime.
func (c *Client) list(ctx context.Context, vid string, pageNum, numPerPage int) (*httpx.Reply, error) {
	base := c.Base
	if base == "" {
		base = DefaultBase
	}
	what := fmt.Sprintf("page %d", pageNum)
	if vid != "" {
		what = "vid=" + vid + " " + what
	}
	return c.HTTP.Do(ctx, httpx.Request{
		Endpoint: ListPath + "{userid}", What: what,
		Build: func(ctx context.Context) (*http.Request, error) {
			now := time.Now
			if c.Now != nil {
				now = c.Now
			}
			p := map[string]string{
				"userid":     c.UserID,
				"ptime":      strconv.FormatInt(now().UnixMilli(), 10),
				"vid":        vid,
				"pageNum":    strconv.Itoa(pageNum),
				"numPerPage": strconv.Itoa(numPerPage),
			}
			p["sign"] = Sign(p, c.SecretKey)
			q := url.Values{}
			for k, v := range p {
				if v != "" {
					q.Set(k, v)
				}
			}
			u := strings.TrimRight(base, "/") + ListPath + url.PathEscape(c.UserID) + "?" + q.Encode()
			return http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		},
		Check: check,
	})
}
