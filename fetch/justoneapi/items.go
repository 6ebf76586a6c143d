package justoneapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// listKeys are the member names under which an object may hold the list of
// items, tried in this order before "the object's only list".
var listKeys = []string{"list", "items", "danmaku", "danmakus", "danmu", "danmus", "elems", "records", "data", "result"}

// errShape means a page's data is neither a list of items nor an object
// holding one.
var errShape = errors.New("data is neither a list of items nor an object holding one")

// pageItems returns the items of a reply. A reply with code 201, or with
// null or empty data, has none.
func pageItems(body []byte) ([]json.RawMessage, error) {
	env, err := parseEnvelope(body)
	if err != nil {
		return nil, err
	}
	if *env.Code == CodeNoContent {
		return nil, nil
	}
	return itemsOf(env.Data, 0)
}

func itemsOf(data json.RawMessage, depth int) ([]json.RawMessage, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || bytes.Equal(data, []byte("null")) || bytes.Equal(data, []byte(`""`)) {
		return nil, nil
	}
	switch data[0] {
	case '[':
		var items []json.RawMessage
		if err := json.Unmarshal(data, &items); err != nil {
			return nil, err
		}
		return items, nil
	case '{':
		if depth > 1 {
			return nil, errShape
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(data, &obj); err != nil {
			return nil, err
		}
		if len(obj) == 0 {
			return nil, nil
		}
		byLower := map[string]json.RawMessage{}
		var lists []json.RawMessage
		for k, v := range obj {
			byLower[strings.ToLower(k)] = v
			if t := bytes.TrimSpace(v); len(t) > 0 && t[0] == '[' {
				lists = append(lists, v)
			}
		}
		for _, k := range listKeys {
			if v, ok := byLower[k]; ok {
				if items, err := itemsOf(v, depth+1); err == nil {
					return items, nil
				}
			}
		}
		if len(lists) == 1 {
			return itemsOf(lists[0], depth+1)
		}
	}
	return nil, errShape
}

// item maps one Bilibili-style item into the schema. Member names are
// matched without regard to case or underscores (idStr, id_str, IDSTR);
// numbers may be JSON numbers or numeric strings. dmid comes from idStr,
// dmid or id (exactly, never through a float); content is required. As
// in Bilibili's protobuf replies, an absent number is 0; an absent weight
// is null. ctime is Unix seconds (milliseconds when above 10^11).
func item(raw json.RawMessage) (fetch.Danmaku, error) {
	var d fetch.Danmaku
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return d, fmt.Errorf("not an object: %w", err)
	}
	f := map[string]any{}
	name := map[string]string{} // normalised → as written, for messages
	for k, v := range obj {
		n := strings.ReplaceAll(strings.ToLower(k), "_", "")
		f[n], name[n] = v, k
	}
	var err error
	for _, k := range []string{"idstr", "dmid", "id"} {
		if v, ok := f[k]; ok && v != nil {
			if d.Dmid, err = integer(name[k], v, 1, math.MaxInt64); err != nil {
				return d, err
			}
			break
		}
	}
	if d.Dmid == 0 {
		return d, fmt.Errorf("no id (idStr, dmid or id)")
	}
	text, ok := f["content"].(string)
	if !ok {
		return d, fmt.Errorf("dmid %d: no content string", d.Dmid)
	}
	d.Text = text
	get := func(key string, lo, hi int64) int64 {
		if err != nil {
			return 0
		}
		v, ok := f[key]
		if !ok || v == nil {
			return 0
		}
		n, e := integer(name[key], v, lo, hi)
		if e != nil {
			err = fmt.Errorf("dmid %d: %w", d.Dmid, e)
		}
		return n
	}
	d.ProgressMs = get("progress", math.MinInt64, math.MaxInt64)
	d.Mode = int8(get("mode", 0, 127))
	d.Fontsize = int16(get("fontsize", 0, math.MaxInt16))
	d.Color = uint32(get("color", 0, math.MaxUint32))
	d.Pool = int8(get("pool", 0, 127))
	if v, ok := f["weight"]; ok && v != nil {
		d.Weight, d.HasWeight = int8(get("weight", 0, 127)), true
	}
	if t := get("ctime", 0, math.MaxInt64/1000); t > 0 {
		if t < 1e11 {
			t *= 1000
		}
		d.SentAtMs, d.HasSentAt = t, true
	}
	if err != nil {
		return d, err
	}
	switch h := f["midhash"].(type) {
	case string:
		d.UserHash = h
	case nil:
	default:
		return d, fmt.Errorf("dmid %d: midHash %v is not a string", d.Dmid, h)
	}
	return d, nil
}

// integer reads an integer given as a JSON number or a numeric string.
func integer(key string, v any, lo, hi int64) (int64, error) {
	var s string
	switch x := v.(type) {
	case json.Number:
		s = x.String()
	case string:
		s = strings.TrimSpace(x)
	default:
		return 0, fmt.Errorf("%s %v is not a number", key, v)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		// "12.0" is still the integer 12; "12.5" or 1e3 are not integers.
		if i := strings.IndexByte(s, '.'); i > 0 && strings.Trim(s[i+1:], "0") == "" {
			n, err = strconv.ParseInt(s[:i], 10, 64)
		}
		if err != nil {
			return 0, fmt.Errorf("%s %q is not an integer", key, s)
		}
	}
	if n < lo || n > hi {
		return 0, fmt.Errorf("%s %d out of range", key, n)
	}
	return n, nil
}
