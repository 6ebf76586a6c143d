package fakeapi

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
)

// JustOneAPI is a fake of Just One API's Video Danmaku (V2) endpoint.
type JustOneAPI struct {
	*httptest.Server
	recorder

	mu sync.Mutex
	// Token is the valid token; any other gets code 100.
	Token string
	// Items maps cid → the items (Bilibili-style objects) of that video.
	Items map[int64][]map[string]any
	// PageSize is the number of items per page (default 50).
	PageSize int
	// Shape is how data holds the items: "list" (default), "object"
	// ({"list": [...], "total": n}) or "weird" ({"foo": 1}, not understood).
	Shape string
	// EndWith201 ends paging with code 201 instead of an empty list.
	EndWith201 bool
	// MirrorStatus makes the HTTP status follow the code (4xx/5xx with the
	// same body) instead of always 200.
	MirrorStatus bool
	// IgnorePage serves page 1 whatever page is asked for.
	IgnorePage bool
}

// NewJustOneAPI starts a fake Just One API.
func NewJustOneAPI(token string) *JustOneAPI {
	f := &JustOneAPI{Token: token, Items: map[int64][]map[string]any{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/bilibili/get-video-danmu/v2", f.danmaku)
	f.Server = httptest.NewServer(mux)
	return f
}

// StatusOf is the HTTP status the OpenAPI document pairs with a code.
func StatusOf(code int) int {
	switch code {
	case 0, 201:
		return 200
	case 100:
		return 401
	case 302:
		return 429
	case 400:
		return 400
	case 600, 601, 303:
		return 403
	case 301, 500:
		return 500
	}
	return 503
}

// JustOneBody is a reply body with the given code and data.
func JustOneBody(code int, message string, data any) string {
	b, _ := json.Marshal(map[string]any{"code": code, "message": message, "data": data,
		"recordTime": "2026-11-26T10:00:00", "requestId": "req-1"})
	return string(b)
}

func (f *JustOneAPI) danmaku(w http.ResponseWriter, r *http.Request) {
	fault, _ := f.record(r)
	f.mu.Lock()
	defer f.mu.Unlock()
	send := func(code int, message string, data any) {
		status := 200
		if f.MirrorStatus {
			status = StatusOf(code)
		}
		if fault.Body != "" && fault.Status == 0 && f.MirrorStatus {
			var env struct{ Code int }
			if json.Unmarshal([]byte(fault.Body), &env) == nil {
				fault.Status = StatusOf(env.Code)
			}
		}
		reply(w, r, fault, status, http.Header{"Content-Type": {"application/json"}}, []byte(JustOneBody(code, message, data)))
	}
	if r.FormValue("token") != f.Token {
		send(100, "Invalid or Inactive Token", nil)
		return
	}
	aid, err1 := strconv.ParseInt(r.FormValue("aid"), 10, 64)
	cid, err2 := strconv.ParseInt(r.FormValue("cid"), 10, 64)
	if err1 != nil || err2 != nil || aid <= 0 {
		send(400, "Invalid Parameters", nil)
		return
	}
	page := 1
	if p := r.FormValue("page"); p != "" && !f.IgnorePage {
		if page, err1 = strconv.Atoi(p); err1 != nil || page < 1 {
			send(400, "Invalid Parameters", nil)
			return
		}
	}
	size := f.PageSize
	if size <= 0 {
		size = 50
	}
	items := f.Items[cid]
	lo, hi := min((page-1)*size, len(items)), min(page*size, len(items))
	list := items[lo:hi]
	if len(list) == 0 && f.EndWith201 {
		send(201, "No Content", nil)
		return
	}
	if list == nil {
		list = []map[string]any{}
	}
	switch f.Shape {
	case "object":
		send(0, "success", map[string]any{"list": list, "total": len(items), "page": page})
	case "weird":
		if page == 1 {
			send(0, "success", list)
			return
		}
		send(0, "success", map[string]any{"foo": 1, "a": []int{1}, "b": []int{2}})
	default:
		send(0, "success", list)
	}
}
