package fakeapi

import (
	"crypto/md5"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// wbiTable is the published permutation of img_key+sub_key.
var wbiTable = [64]int{46, 47, 18, 2, 53, 8, 23, 32, 15, 50, 10, 31, 58, 3, 45, 35, 27, 43, 5, 49, 33, 9, 42, 19, 29, 28, 14, 39, 12, 38, 41, 13, 37, 48, 7, 16, 24, 55, 40, 61, 26, 17, 0, 1, 60, 51, 30, 4, 22, 25, 54, 21, 56, 59, 6, 63, 57, 62, 11, 36, 20, 34, 44, 52}

func (f *Bilibili) nav(w http.ResponseWriter, r *http.Request) {
	fault, _ := f.record(r)
	data := map[string]any{"isLogin": f.loggedIn(r), "wbi_img": map[string]string{
		"img_url": "https://i0.hdslb.com/bfs/wbi/" + f.ImgKey + ".png",
		"sub_url": "https://i0.hdslb.com/bfs/wbi/" + f.SubKey + ".png",
	}}
	if !f.loggedIn(r) {
		biliJSON(w, r, fault, -101, "账号未登录", data)
		return
	}
	biliJSON(w, r, fault, 0, "0", data)
}

// wbiValid checks w_rid over the query's other parameters.
func (f *Bilibili) wbiValid(q url.Values) bool {
	raw := f.ImgKey + f.SubKey
	var mixin strings.Builder
	for _, i := range wbiTable[:32] {
		mixin.WriteByte(raw[i])
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		if k != "w_rid" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		v := strings.Map(func(r rune) rune {
			if strings.ContainsRune("!'()*", r) {
				return -1
			}
			return r
		}, q.Get(k))
		parts = append(parts, url.QueryEscape(k)+"="+strings.ReplaceAll(url.QueryEscape(v), "+", "%20"))
	}
	sum := md5.Sum([]byte(strings.Join(parts, "&") + mixin.String()))
	return q.Get("wts") != "" && hex.EncodeToString(sum[:]) == q.Get("w_rid")
}

func (f *Bilibili) post(w http.ResponseWriter, r *http.Request) {
	fault, _ := f.record(r)
	switch {
	case r.Method != http.MethodPost:
		biliJSON(w, r, fault, -400, "请求错误", nil)
	case !f.loggedIn(r):
		biliJSON(w, r, fault, -101, "账号未登录", nil)
	case r.PostForm.Get("csrf") != f.BiliJct:
		biliJSON(w, r, fault, -111, "csrf 校验失败", nil)
	case !f.wbiValid(r.URL.Query()):
		biliJSON(w, r, fault, -352, "风控校验失败", nil)
	case utf8.RuneCountInString(r.PostForm.Get("msg")) >= 100:
		biliJSON(w, r, fault, 36702, "弹幕长度大于100", nil)
	case f.PostCode != 0:
		biliJSON(w, r, fault, f.PostCode, "错误", nil)
	default:
		f.mu.Lock()
		f.Posted = append(f.Posted, r.PostForm)
		id := int64(32161968826613767) + int64(len(f.Posted))
		f.mu.Unlock()
		biliJSON(w, r, fault, 0, "0", map[string]any{"action": "", "dmid": id, "dmid_str": strconv.FormatInt(id, 10), "visible": true})
	}
}
