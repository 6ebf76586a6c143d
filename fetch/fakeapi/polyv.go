package fakeapi

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Polyv is a fake of Polyv VOD's danmaku list endpoint. It checks every
// request as the service does: the account in the path, a sign present and
// equal to the SHA1 rule over all received non-empty parameters, and a
// ptime within 3 minutes of its clock.
type Polyv struct {
	*httptest.Server
	recorder

	mu sync.Mutex
	// UserID and SecretKey are the account.
	UserID, SecretKey string
	// Items are the account's danmaku, in the order listed, each a
	// contents object (see PolyvItem).
	Items []map[string]any
	// DefaultPageSize is numPerPage when the request has none (20).
	DefaultPageSize int
	// Now is the server's clock (nil: time.Now).
	Now func() time.Time
	// MirrorStatus makes the HTTP status follow the code.
	MirrorStatus bool
}

// NewPolyv starts a fake Polyv.
func NewPolyv(userID, secretKey string) *Polyv {
	f := &Polyv{UserID: userID, SecretKey: secretKey}
	mux := http.NewServeMux()
	mux.HandleFunc("/v2/danmu/", f.list)
	f.Server = httptest.NewServer(mux)
	return f
}

// PolyvItem returns a contents object like the documented sample, with a
// live-chat user carrying personal fields.
func PolyvItem(id int64, vid string, sec int, msg string) map[string]any {
	user, _ := json.Marshal(map[string]any{"actor": "", "banned": false, "clientIp": "203.0.113.7", "nick": "小明同学",
		"pic": "https://example.invalid/a.png", "userId": "viewer-" + strconv.Itoa(int(id%7)), "uid": "sock1", "userType": "student"})
	return map[string]any{"id": id, "vid": vid, "userid": "u", "msg": msg,
		"time": time.Unix(int64(sec), 0).UTC().Format("15:04:05"), "fontsize": "24", "fontmode": "roll", "fontcolor": "0xFFFFFF",
		"timestamp": int64(1617176768000) + id, "sessionid": nil, "param2": nil, "msgtype": "speak", "user": string(user),
		"origin": "playback", "viewerId": nil}
}

// PolyvBody is a reply body.
func PolyvBody(code int, status, message string, data any) string {
	b, _ := json.Marshal(map[string]any{"code": code, "status": status, "message": message, "data": data})
	return string(b)
}

func (f *Polyv) list(w http.ResponseWriter, r *http.Request) {
	fault, _ := f.record(r)
	f.mu.Lock()
	defer f.mu.Unlock()
	fail := func(code int, msg string) {
		status := 200
		if f.MirrorStatus {
			status = code
		}
		reply(w, r, fault, status, http.Header{"Content-Type": {"application/json"}}, []byte(PolyvBody(code, "error", msg, "")))
	}
	params := map[string]string{}
	for k, v := range r.URL.Query() {
		if len(v) > 0 && v[0] != "" {
			params[k] = v[0]
		}
	}
	if strings.TrimPrefix(r.URL.Path, "/v2/danmu/") != f.UserID {
		fail(400, "Could not find user by userid.")
		return
	}
	if params["sign"] == "" {
		fail(400, "sign can not be empty.")
		return
	}
	now := time.Now()
	if f.Now != nil {
		now = f.Now()
	}
	pt, err := strconv.ParseInt(params["ptime"], 10, 64)
	switch {
	case err != nil || len(params["ptime"]) != 13 || pt > now.Add(3*time.Minute).UnixMilli():
		fail(400, "ptime is illegal.")
		return
	case pt < now.Add(-3*time.Minute).UnixMilli():
		fail(400, "ptime is too old.")
		return
	}
	var keys []string
	for k := range params {
		if k != "sign" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var plain []string
	for _, k := range keys {
		plain = append(plain, k+"="+params[k])
	}
	sum := sha1.Sum([]byte(strings.Join(plain, "&") + f.SecretKey))
	if strings.ToUpper(hex.EncodeToString(sum[:])) != params["sign"] {
		fail(400, "the sign is not right.")
		return
	}
	size, page := f.DefaultPageSize, 1
	if size <= 0 {
		size = 20
	}
	if v, err := strconv.Atoi(params["numPerPage"]); err == nil && v > 0 {
		size = v
	}
	if v, err := strconv.Atoi(params["pageNum"]); err == nil && v > 0 {
		page = v
	}
	var items []map[string]any
	for _, it := range f.Items {
		if vid := params["vid"]; vid == "" || it["vid"] == vid {
			items = append(items, it)
		}
	}
	pages := max(1, (len(items)+size-1)/size)
	lo, hi := min((page-1)*size, len(items)), min(page*size, len(items))
	contents := items[lo:hi]
	if contents == nil {
		contents = []map[string]any{}
	}
	data := map[string]any{"pageNumber": page, "totalItems": len(items), "contents": contents, "totalPages": pages,
		"endRow": hi, "startRow": lo + 1, "nextPageNumber": min(page+1, pages), "prePageNumber": max(page-1, 1),
		"activePageNum": page, "firstPage": page == 1, "lastPage": page >= pages, "limit": len(contents), "offset": lo}
	reply(w, r, fault, 200, http.Header{"Content-Type": {"application/json"}}, []byte(PolyvBody(200, "success", "success", data)))
}
