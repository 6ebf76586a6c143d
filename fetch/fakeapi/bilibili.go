package fakeapi

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"sync"

	"google.golang.org/protobuf/proto"

	"github.com/danmakuscope/danmakuscope/fetch/bilibili/dmpb"
)

// BiliPage is one page of a fake archive.
type BiliPage struct {
	Cid      int64
	Part     string
	Duration int64 // seconds
}

// Bilibili is a fake of Bilibili's danmaku endpoints: pagelist, seg.so,
// list.so (raw deflate, Content-Encoding: deflate), history index and
// history seg.so (SESSDATA required) and dm/post with nav for WBI keys.
type Bilibili struct {
	*httptest.Server
	recorder

	mu sync.Mutex
	// Archives maps aid → pages; BVIDs maps bvid → aid.
	Archives map[int64][]BiliPage
	BVIDs    map[string]int64
	// Danmaku maps cid → the live pool.
	Danmaku map[int64][]*dmpb.DanmakuElem
	// History maps cid → day ("2024-01-02") → that day's snapshot.
	History map[int64]map[string][]*dmpb.DanmakuElem
	// SESSDATA and BiliJct are the valid login cookie and csrf token.
	SESSDATA, BiliJct string
	// Posted are the danmaku accepted by dm/post.
	Posted []map[string][]string
	// PostCode, when non-zero, is the code dm/post replies with.
	PostCode int
	// ImgKey and SubKey are served by nav for WBI signing.
	ImgKey, SubKey string
}

// NewBilibili starts a fake Bilibili; Close it when done.
func NewBilibili() *Bilibili {
	f := &Bilibili{
		Archives: map[int64][]BiliPage{},
		BVIDs:    map[string]int64{},
		Danmaku:  map[int64][]*dmpb.DanmakuElem{},
		History:  map[int64]map[string][]*dmpb.DanmakuElem{},
		ImgKey:   "7cd084941338484aae1ad9425b84077c",
		SubKey:   "4932caff0ff746eab6f01bf08b70ac45",
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/x/player/pagelist", f.pagelist)
	mux.HandleFunc("/x/v2/dm/web/seg.so", f.seg)
	mux.HandleFunc("/x/v1/dm/list.so", f.xml)
	mux.HandleFunc("/x/v2/dm/history/index", f.historyIndex)
	mux.HandleFunc("/x/v2/dm/web/history/seg.so", f.historySeg)
	mux.HandleFunc("/x/web-interface/nav", f.nav)
	mux.HandleFunc("/x/v2/dm/post", f.post)
	f.Server = httptest.NewServer(mux)
	return f
}

func biliJSON(w http.ResponseWriter, r *http.Request, fault Fault, code int, message string, data any) {
	b, _ := json.Marshal(map[string]any{"code": code, "message": message, "ttl": 1, "data": data})
	reply(w, r, fault, http.StatusOK, http.Header{"Content-Type": {"application/json; charset=utf-8"}}, b)
}

func (f *Bilibili) pagelist(w http.ResponseWriter, r *http.Request) {
	fault, _ := f.record(r)
	f.mu.Lock()
	defer f.mu.Unlock()
	aid, err := strconv.ParseInt(r.FormValue("aid"), 10, 64)
	if err != nil {
		var ok bool
		if aid, ok = f.BVIDs[r.FormValue("bvid")]; !ok {
			biliJSON(w, r, fault, -400, "请求错误", nil)
			return
		}
	}
	pages, ok := f.Archives[aid]
	if !ok {
		biliJSON(w, r, fault, -404, "啥都木有", nil)
		return
	}
	var data []map[string]any
	for i, p := range pages {
		data = append(data, map[string]any{"cid": p.Cid, "page": i + 1, "from": "vupload", "part": p.Part,
			"duration": p.Duration, "vid": "", "weblink": "", "dimension": map[string]int{"width": 1920, "height": 1080, "rotate": 0}})
	}
	biliJSON(w, r, fault, 0, "0", data)
}

// segmentMs is the span of one segment.
const segmentMs = 360000

func (f *Bilibili) seg(w http.ResponseWriter, r *http.Request) {
	fault, _ := f.record(r)
	cid, err1 := strconv.ParseInt(r.FormValue("oid"), 10, 64)
	n, err2 := strconv.Atoi(r.FormValue("segment_index"))
	if err1 != nil || err2 != nil || r.FormValue("type") != "1" || n < 1 {
		biliJSON(w, r, fault, -400, "请求错误", nil)
		return
	}
	f.mu.Lock()
	var elems []*dmpb.DanmakuElem
	for _, e := range f.Danmaku[cid] {
		if int64(e.Progress) >= int64(n-1)*segmentMs && int64(e.Progress) < int64(n)*segmentMs {
			elems = append(elems, e)
		}
	}
	f.mu.Unlock()
	writeSeg(w, r, fault, elems)
}

// writeSeg replies with a DmSegMobileReply; proto3 leaves zero values off
// the wire, as the real service does. An empty segment is an empty body.
func writeSeg(w http.ResponseWriter, r *http.Request, fault Fault, elems []*dmpb.DanmakuElem) {
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(&dmpb.DmSegMobileReply{Elems: elems})
	if err != nil {
		panic(err)
	}
	reply(w, r, fault, http.StatusOK, http.Header{"Content-Type": {"application/octet-stream"}}, b)
}

func (f *Bilibili) xml(w http.ResponseWriter, r *http.Request) {
	fault, _ := f.record(r)
	cid, err := strconv.ParseInt(r.FormValue("oid"), 10, 64)
	if err != nil {
		biliJSON(w, r, fault, -400, "请求错误", nil)
		return
	}
	f.mu.Lock()
	elems := append([]*dmpb.DanmakuElem(nil), f.Danmaku[cid]...)
	f.mu.Unlock()
	var doc bytes.Buffer
	fmt.Fprintf(&doc, `<?xml version="1.0" encoding="UTF-8"?><i><chatserver>chat.bilibili.com</chatserver><chatid>%d</chatid><mission>0</mission><maxlimit>3000</maxlimit><state>0</state><real_name>0</real_name><source>k-v</source>`, cid)
	for _, e := range elems {
		fmt.Fprintf(&doc, `<d p="%.5f,%d,%d,%d,%d,%d,%s,%d,%d">%s</d>`, float64(e.Progress)/1000, e.Mode, e.Fontsize, e.Color,
			e.Ctime, e.Pool, e.MidHash, e.Id, e.Weight, html.EscapeString(e.Content))
	}
	doc.WriteString("</i>")
	var z bytes.Buffer
	fw, _ := flate.NewWriter(&z, flate.BestCompression)
	fw.Write(doc.Bytes())
	fw.Close()
	reply(w, r, fault, http.StatusOK, http.Header{"Content-Type": {"text/xml"}, "Content-Encoding": {"deflate"}}, z.Bytes())
}

func (f *Bilibili) loggedIn(r *http.Request) bool {
	c, err := r.Cookie("SESSDATA")
	return err == nil && f.SESSDATA != "" && c.Value == f.SESSDATA
}

func (f *Bilibili) historyIndex(w http.ResponseWriter, r *http.Request) {
	fault, _ := f.record(r)
	if !f.loggedIn(r) {
		biliJSON(w, r, fault, -101, "账号未登录", nil)
		return
	}
	cid, _ := strconv.ParseInt(r.FormValue("oid"), 10, 64)
	month := r.FormValue("month")
	f.mu.Lock()
	var days []string
	for d := range f.History[cid] {
		if len(d) >= 7 && d[:7] == month {
			days = append(days, d)
		}
	}
	f.mu.Unlock()
	sort.Strings(days)
	if days == nil {
		biliJSON(w, r, fault, 0, "0", nil)
		return
	}
	biliJSON(w, r, fault, 0, "0", days)
}

func (f *Bilibili) historySeg(w http.ResponseWriter, r *http.Request) {
	fault, _ := f.record(r)
	if !f.loggedIn(r) {
		biliJSON(w, r, fault, -101, "账号未登录", nil)
		return
	}
	cid, _ := strconv.ParseInt(r.FormValue("oid"), 10, 64)
	f.mu.Lock()
	elems := f.History[cid][r.FormValue("date")]
	f.mu.Unlock()
	writeSeg(w, r, fault, elems)
}
