package bilibili

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/httpx"
)

// Endpoints of history danmaku (login required).
const (
	HistoryIndexPath = "/x/v2/dm/history/index"
	HistorySegPath   = "/x/v2/dm/web/history/seg.so"
)

// ErrNoLogin means an operation needs the SESSDATA cookie and none is set.
var ErrNoLogin = errors.New("needs the SESSDATA cookie (set BILIBILI_SESSDATA or use a cookie file)")

// History is a range of days, inclusive, whose history danmaku are merged
// with the live pool. Days are calendar dates in Beijing time, as Bilibili
// lists them.
type History struct {
	From, To time.Time
}

// dateLayout is the format of days in history requests.
const dateLayout = "2006-01-02"

// months returns the "YYYY-MM" months the range touches.
func (h History) months() []string {
	var out []string
	for m := time.Date(h.From.Year(), h.From.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(h.To); m = m.AddDate(0, 1, 0) {
		out = append(out, m.Format("2006-01"))
	}
	return out
}

// fetchHistory fetches the month indexes of the range, then each listed
// day within it.
func (s *Source) fetchHistory(ctx context.Context, st *fetch.FetchStats) ([]string, error) {
	if s.Client.SESSDATA == "" {
		return nil, fmt.Errorf("%s: history danmaku %w", s.Spec, ErrNoLogin)
	}
	h := *s.History
	from, to := h.From.Format(dateLayout), h.To.Format(dateLayout)
	var days []string
	for _, month := range h.months() {
		q := url.Values{"type": {"1"}, "oid": {strconv.FormatInt(s.Cid, 10)}, "month": {month}}
		label := "history index " + month
		body, _, err := s.get(ctx, st, "history-index-"+month+".json", label, httpx.Request{
			Endpoint: HistoryIndexPath, What: s.what(label),
			Build: func(ctx context.Context) (*http.Request, error) { return s.Client.get(ctx, HistoryIndexPath, q) },
			Check: checkJSON,
		})
		if err != nil {
			return nil, err
		}
		var listed []string
		if err := jsonData(body, &listed); err != nil {
			return nil, fmt.Errorf("bilibili %s %s: reply not understood: %w", HistoryIndexPath, s.what(label), err)
		}
		for _, d := range listed {
			if _, err := time.Parse(dateLayout, d); err == nil && d >= from && d <= to {
				days = append(days, d)
			}
		}
	}
	slices.Sort(days)
	days = slices.Compact(days)
	var names []string
	for _, day := range days {
		q := url.Values{"type": {"1"}, "oid": {strconv.FormatInt(s.Cid, 10)}, "date": {day}}
		label := "history " + day
		name := "history-" + day + ".pb"
		if _, _, err := s.get(ctx, st, name, label, httpx.Request{
			Endpoint: HistorySegPath, What: s.what(label),
			Build: func(ctx context.Context) (*http.Request, error) { return s.Client.get(ctx, HistorySegPath, q) },
			Check: checkProto,
		}); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	if len(days) == 0 {
		st.Notes = append(st.Notes, fmt.Sprintf("no history danmaku listed between %s and %s", from, to))
	}
	return names, nil
}
