package archive

import (
	"bytes"
	"encoding/json"
	"strings"
)

// ScrubJSON returns body without the object members named by keys
// (compared case-insensitively), at any depth, including inside string
// values that hold a JSON object (as Polyv's "user" field may). It is how
// personal data (IP addresses, nicknames, avatars) is kept out of the
// archive. A body that holds none of the keys, or is not JSON, is returned
// unchanged, byte for byte; otherwise it is re-encoded (numbers exactly as
// written, members in sorted order).
func ScrubJSON(body []byte, keys ...string) []byte {
	drop := map[string]bool{}
	for _, k := range keys {
		drop[strings.ToLower(k)] = true
	}
	v, err := decodeJSON(body)
	if err != nil {
		return body
	}
	v, changed := scrub(v, drop)
	if !changed {
		return body
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return body
	}
	return bytes.TrimRight(out.Bytes(), "\n")
}

func decodeJSON(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

func scrub(v any, drop map[string]bool) (any, bool) {
	changed := false
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if drop[strings.ToLower(k)] {
				delete(x, k)
				changed = true
				continue
			}
			if ne, c := scrub(e, drop); c {
				x[k] = ne
				changed = true
			}
		}
	case []any:
		for i, e := range x {
			if ne, c := scrub(e, drop); c {
				x[i] = ne
				changed = true
			}
		}
	case string:
		if t := strings.TrimSpace(x); strings.HasPrefix(t, "{") {
			if inner, err := decodeJSON([]byte(t)); err == nil {
				if ni, c := scrub(inner, drop); c {
					b, err := json.Marshal(ni)
					if err == nil {
						return string(b), true
					}
				}
			}
		}
	}
	return v, changed
}
