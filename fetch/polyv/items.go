package polyv

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// personalKeys are the members of the live-chat "user" object never
// archived or read: address, nickname, avatar.
var personalKeys = []string{"clientIp", "nick", "pic"}

// listData is the data of a list reply.
type listData struct {
	PageNumber int               `json:"pageNumber"`
	TotalPages int               `json:"totalPages"`
	LastPage   *bool             `json:"lastPage"`
	Contents   []json.RawMessage `json:"contents"`
}

// parseList decodes the data of a list reply.
func parseList(body []byte) (listData, error) {
	env, err := parseEnvelope(body)
	if err != nil {
		return listData{}, err
	}
	var d listData
	if t := bytes.TrimSpace(env.Data); len(t) == 0 || t[0] != '{' {
		return d, fmt.Errorf("data is not a page object")
	}
	if err := json.Unmarshal(env.Data, &d); err != nil {
		return d, fmt.Errorf("data not understood: %w", err)
	}
	return d, nil
}

// isLast reports whether page n is the last one.
func (d listData) isLast(n int) bool {
	if d.LastPage != nil {
		return *d.LastPage
	}
	return len(d.Contents) == 0 || (d.TotalPages > 0 && n >= d.TotalPages)
}

// entry is one danmaku of a list reply.
type entry struct {
	ID        json.Number     `json:"id"`
	Vid       string          `json:"vid"`
	Msg       *string         `json:"msg"`
	Time      string          `json:"time"`
	Fontsize  json.RawMessage `json:"fontsize"`
	Fontmode  string          `json:"fontmode"`
	Fontcolor string          `json:"fontcolor"`
	Timestamp json.Number     `json:"timestamp"`
	SessionID *string         `json:"sessionid"`
	ViewerID  *string         `json:"viewerId"`
	User      json.RawMessage `json:"user"`
}

// item maps one entry; vid is the video it must belong to ("" for any).
func item(raw json.RawMessage) (fetch.Danmaku, string, error) {
	var e entry
	d := fetch.Danmaku{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&e); err != nil {
		return d, "", fmt.Errorf("not a danmaku object: %w", err)
	}
	id, err := strconv.ParseInt(e.ID.String(), 10, 64)
	if err != nil || id <= 0 {
		return d, e.Vid, fmt.Errorf("id %q is not a positive integer", e.ID)
	}
	d.Dmid = id
	if e.Msg == nil {
		return d, e.Vid, fmt.Errorf("id %d: no msg", id)
	}
	d.Text = *e.Msg
	if d.ProgressMs, err = clock(e.Time); err != nil {
		return d, e.Vid, fmt.Errorf("id %d: %w", id, err)
	}
	if ts := e.Timestamp.String(); ts != "" {
		ms, err := strconv.ParseInt(ts, 10, 64)
		if err != nil || ms < 0 {
			return d, e.Vid, fmt.Errorf("id %d: timestamp %q is not Unix milliseconds", id, ts)
		}
		if ms > 0 {
			d.SentAtMs, d.HasSentAt = ms, true
		}
	}
	switch strings.ToLower(strings.TrimSpace(e.Fontmode)) {
	case "", "roll":
		d.Mode = 1
	case "top":
		d.Mode = 5
	case "bottom":
		d.Mode = 4
	default:
		return d, e.Vid, fmt.Errorf("id %d: fontmode %q is not roll, top or bottom", id, e.Fontmode)
	}
	if d.Color, err = color(e.Fontcolor); err != nil {
		return d, e.Vid, fmt.Errorf("id %d: %w", id, err)
	}
	if d.Fontsize, err = fontsize(e.Fontsize); err != nil {
		return d, e.Vid, fmt.Errorf("id %d: %w", id, err)
	}
	d.UserHash = userHash(e)
	return d, e.Vid, nil
}

// clock parses "HH:mm:ss" (hours may exceed 23; "mm:ss" is accepted too)
// into milliseconds.
func clock(s string) (int64, error) {
	parts := strings.Split(strings.TrimSpace(s), ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, fmt.Errorf("time %q is not HH:mm:ss", s)
	}
	var total int64
	for i, p := range parts {
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil || n < 0 || (i > 0 && n > 59) || n > 1e6 {
			return 0, fmt.Errorf("time %q is not HH:mm:ss", s)
		}
		total = total*60 + n
	}
	return total * 1000, nil
}

// color parses "0xRRGGBB" (or "#RRGGBB"); empty means white.
func color(s string) (uint32, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0xFFFFFF, nil
	}
	h := strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X"), "#")
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil || len(h) > 6 {
		return 0, fmt.Errorf("fontcolor %q is not 0xRRGGBB", s)
	}
	return uint32(v), nil
}

// fontsize parses the size, a string ("24") or a number. Polyv's own
// sample holds "4294967320", which is 24 overflowed past 2^32: values of
// 2^32 and above are read modulo 2^32.
func fontsize(raw json.RawMessage) (int16, error) {
	s := strings.Trim(strings.TrimSpace(string(raw)), `"`)
	if s == "" || s == "null" {
		return 0, nil
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("fontsize %s is not a number", raw)
	}
	n %= 1 << 32
	if n > math.MaxInt16 {
		return 0, fmt.Errorf("fontsize %s out of range", raw)
	}
	return int16(n), nil
}

// userHash is a stable hash of the sender: the first 16 hex digits of
// SHA-256 over "polyv:" and the first id found among viewerId, the chat
// user's userId and sessionid. Empty (null) when there is none.
func userHash(e entry) string {
	id := ""
	if e.ViewerID != nil && *e.ViewerID != "" {
		id = *e.ViewerID
	}
	if id == "" {
		id = chatUserID(e.User)
	}
	if id == "" && e.SessionID != nil {
		id = *e.SessionID
	}
	if id == "" {
		return ""
	}
	sum := sha256.Sum256([]byte("polyv:" + id))
	return hex.EncodeToString(sum[:8])
}

// chatUserID reads userId from the user member, an object or a string
// holding one.
func chatUserID(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return ""
		}
		raw = []byte(s)
	}
	var u struct {
		UserID string `json:"userId"`
	}
	if json.Unmarshal(raw, &u) != nil {
		return ""
	}
	return u.UserID
}
