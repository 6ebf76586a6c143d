package bilibili

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/danmakuscope/danmakuscope/fetch/httpx"
)

// NavPath is the endpoint whose reply carries the WBI keys.
const NavPath = "/x/web-interface/nav"

// mixinTable is the published permutation that mixes img_key+sub_key into
// the WBI key.
var mixinTable = [64]int{46, 47, 18, 2, 53, 8, 23, 32, 15, 50, 10, 31, 58, 3, 45, 35, 27, 43, 5, 49, 33, 9, 42, 19, 29, 28, 14, 39,
	12, 38, 41, 13, 37, 48, 7, 16, 24, 55, 40, 61, 26, 17, 0, 1, 60, 51, 30, 4, 22, 25, 54, 21, 56, 59, 6, 63, 57, 62, 11, 36, 20, 34, 44, 52}

// MixinKey returns the WBI key: the first 32 characters of imgKey+subKey
// permuted by the published table.
func MixinKey(imgKey, subKey string) (string, error) {
	raw := imgKey + subKey
	if len(raw) < 64 {
		return "", fmt.Errorf("WBI keys %d+%d characters long, want 32+32", len(imgKey), len(subKey))
	}
	var b strings.Builder
	for _, i := range mixinTable[:32] {
		b.WriteByte(raw[i])
	}
	return b.String(), nil
}

// SignWBI returns q (not modified) with wts set to now and w_rid, the MD5
// of the sorted, encoded query (values stripped of !'()*, spaces as %20)
// followed by the mixin key.
func SignWBI(q url.Values, mixinKey string, now time.Time) url.Values {
	out := url.Values{}
	for k, v := range q {
		if k != "w_rid" && len(v) > 0 {
			out.Set(k, v[0])
		}
	}
	out.Set("wts", strconv.FormatInt(now.Unix(), 10))
	out.Set("w_rid", wbiHash(out, mixinKey))
	return out
}

func wbiHash(q url.Values, mixinKey string) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		if k != "w_rid" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		v := strings.Map(func(r rune) rune {
			if strings.ContainsRune("!'()*", r) {
				return -1
			}
			return r
		}, q.Get(k))
		parts = append(parts, wbiEscape(k)+"="+wbiEscape(v))
	}
	sum := md5.Sum([]byte(strings.Join(parts, "&") + mixinKey))
	return hex.EncodeToString(sum[:])
}

// wbiEscape URL-encodes with uppercase hex and %20 for spaces.
func wbiEscape(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }

// WBIKeys fetches the WBI img_key and sub_key from nav.
func (c *Client) WBIKeys(ctx context.Context) (imgKey, subKey string, err error) {
	rep, err := c.HTTP.Do(ctx, httpx.Request{Endpoint: NavPath, What: "WBI keys",
		Build: func(ctx context.Context) (*http.Request, error) { return c.get(ctx, NavPath, nil) },
		Check: checkJSON})
	if err != nil {
		return "", "", err
	}
	var data struct {
		WbiImg struct {
			ImgURL string `json:"img_url"`
			SubURL string `json:"sub_url"`
		} `json:"wbi_img"`
	}
	if err := jsonData(rep.Body, &data); err != nil {
		return "", "", fmt.Errorf("bilibili %s: reply not understood: %w", NavPath, err)
	}
	key := func(u string) string { return strings.TrimSuffix(path.Base(u), path.Ext(u)) }
	imgKey, subKey = key(data.WbiImg.ImgURL), key(data.WbiImg.SubURL)
	if len(imgKey) != 32 || len(subKey) != 32 {
		return "", "", fmt.Errorf("bilibili %s: no WBI keys in the reply", NavPath)
	}
	return imgKey, subKey, nil
}

func sortStrings(s []string) { sort.Strings(s) }
