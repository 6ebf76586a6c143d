package polyv

import (
	"crypto/sha1"
	"encoding/hex"
	"sort"
	"strings"
)

// Sign returns Polyv VOD's signature of params: the non-empty parameters
// other than sign, sorted by name (byte order, so "fontColor" sorts before
// "fontMode"), joined as name=value with "&" using the raw (not
// URL-encoded) UTF-8 values, followed directly by the secret key, hashed
// with SHA1 and written as 40 uppercase hex digits.
func Sign(params map[string]string, secretKey string) string {
	keys := make([]string, 0, len(params))
	for k, v := range params {
		if k != "sign" && v != "" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(k + "=" + params[k])
	}
	b.WriteString(secretKey)
	sum := sha1.Sum([]byte(b.String()))
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}
