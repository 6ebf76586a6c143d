package report

import (
	"fmt"
	"os"

	"github.com/parquet-go/parquet-go"
)

// HighlightEntry is one row of a highlights.parquet as read back: what a
// consumer of a report (e.g. `analyze post --highlights`) needs.
type HighlightEntry struct {
	Rank          int
	StartMs       int64
	EndMs         int64
	PeakMs        int64
	LaggedStartMs int64
	Emotion       string // "" when the file holds none
	Keywords      []string
	Ritual        bool
}

// ReadHighlights reads a video's highlights.parquet, in rank order.
func ReadHighlights(path string) ([]HighlightEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	rows, err := parquet.Read[highlightRow](f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := make([]HighlightEntry, len(rows))
	for i, r := range rows {
		out[i] = HighlightEntry{Rank: int(r.Rank), StartMs: r.StartMs, EndMs: r.EndMs, PeakMs: r.PeakMs,
			LaggedStartMs: r.LaggedStartMs, Keywords: r.Keywords, Ritual: r.Ritual}
		if r.Emotion != nil {
			out[i].Emotion = *r.Emotion
		}
	}
	return out, nil
}
