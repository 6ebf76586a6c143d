package report

import (
	"encoding/json"
	"io"
)

// WriteJSON writes v to path atomically as indented JSON with a final
// newline (HTML characters unescaped).
func WriteJSON(path string, v any) error {
	return WriteFileAtomic(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	})
}
