package justoneapi

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/archive"
)

// SourceName is the source column of the rows this package yields.
const SourceName = "justoneapi"

// DefaultMaxPages bounds the pages fetched for one video (every page is
// billed).
const DefaultMaxPages = 1000

// personalKeys are members never archived: sender names, avatars and
// addresses, should a reply carry any.
var personalKeys = []string{"uname", "nickname", "nick", "face", "avatar", "pic", "ip", "clientIp"}

// Source is one Bilibili page (aid and cid) fetched through Just One API,
// as a [fetch.Remote]. Its rows join those of the same cid fetched from
// Bilibili directly: video_key is "bilibili:cid:<cid>".
type Source struct {
	Client *Client
	// Spec names the source in messages, e.g. "justoneapi:aid=2,cid=62131".
	Spec     string
	Aid, Cid int64
	Archive  archive.Dir
	// OnReply, when set, is told about each page (for progress).
	OnReply func(fetch.ReplyEvent)
	// MaxPages bounds the pages; 0 means DefaultMaxPages.
	MaxPages int
}

var _ fetch.Remote = (*Source)(nil)

// Name returns the spec.
func (s *Source) Name() string { return s.Spec }

// Video returns the video: key "bilibili:cid:<cid>".
func (s *Source) Video() fetch.Video {
	return fetch.Video{Key: "bilibili:cid:" + strconv.FormatInt(s.Cid, 10), Source: SourceName, Aid: s.Aid, Cid: s.Cid}
}

func pageName(n int) string { return fmt.Sprintf("page-%04d.json", n) }

// inspect counts the items of a page; it fails only for a reply that is
// not a JSON envelope (a page whose data is not understood has 0 items
// here and is reported when read).
// countItems is the number of items of an archived page (0 when it is not
// understood).
func countItems(_ string, b []byte) int {
	n, _ := inspect(b)
	return n
}

func inspect(b []byte) (int, error) {
	if _, err := parseEnvelope(b); err != nil {
		return 0, err
	}
	items, _ := pageItems(b)
	return len(items), nil
}

// Fetch downloads pages from 1 until a page holds no items (or code 201),
// resuming from the archive. Paging also stops at a page whose shape is
// not understood (it cannot tell whether more follow), at a page that
// only repeats items already seen (a service ignoring the page number),
// and at MaxPages; a note says so.
func (s *Source) Fetch(ctx context.Context) (fetch.FetchStats, error) {
	if st, ok := s.Archive.Reused("", countItems); ok {
		return st, nil
	}
	if err := s.Archive.CleanTemp(); err != nil {
		return fetch.FetchStats{}, err
	}
	limit := s.MaxPages
	if limit <= 0 {
		limit = DefaultMaxPages
	}
	var st fetch.FetchStats
	var names []string
	seen := fetch.NewIDSet()
	for n := 1; ; n++ {
		if n > limit {
			st.Notes = append(st.Notes, fmt.Sprintf("stopped after %d pages (the limit)", limit))
			break
		}
		body, items, reused, err := s.Archive.Get(ctx, pageName(n), func(ctx context.Context) ([]byte, error) {
			rep, err := s.Client.page(ctx, s.Aid, s.Cid, n)
			if err != nil {
				return nil, err
			}
			return archive.ScrubJSON(rep.Body, personalKeys...), nil
		}, inspect)
		if err != nil {
			return st, err
		}
		if reused {
			st.Reused++
		} else {
			st.Downloaded++
		}
		st.Items += items
		names = append(names, pageName(n))
		if s.OnReply != nil {
			s.OnReply(fetch.ReplyEvent{Source: s.Spec, Label: fmt.Sprintf("page %d", n), Items: items, Reused: reused})
		}
		list, err := pageItems(body)
		if err != nil {
			st.Notes = append(st.Notes, fmt.Sprintf("page %d: %v; kept in the archive as %s, paging stopped there", n, err, pageName(n)))
			break
		}
		if len(list) == 0 {
			break
		}
		if repeats(list, seen) {
			st.Notes = append(st.Notes, fmt.Sprintf("page %d repeats items already seen; paging stopped there", n))
			break
		}
	}
	st.Replies = len(names)
	return st, s.Archive.MarkComplete(archive.Complete{Source: s.Spec, Replies: names, Notes: st.Notes})
}

// repeats records the ids of list and reports whether every item with an
// id had been seen before.
func repeats(list []json.RawMessage, seen *fetch.IDSet) bool {
	fresh, ids := false, 0
	for _, raw := range list {
		if d, err := item(raw); err == nil {
			ids++
			if seen.Add(d.Dmid) {
				fresh = true
			}
		}
	}
	return ids > 0 && !fresh
}

// Open reads the archived pages (fetching first when the archive is not
// complete), each dmid once.
func (s *Source) Open(ctx context.Context, opt fetch.Options) (fetch.Stream, error) {
	c, ok := s.Archive.Completed()
	if !ok {
		if _, err := s.Fetch(ctx); err != nil {
			return nil, err
		}
		if c, ok = s.Archive.Completed(); !ok {
			return nil, fmt.Errorf("%s: archive %s is not complete after fetching", s.Spec, s.Archive.Path)
		}
	}
	var parts []archive.Part
	for _, name := range c.Replies {
		label := "page " + strings.TrimLeft(strings.TrimSuffix(strings.TrimPrefix(name, "page-"), ".json"), "0")
		parts = append(parts, archive.Part{Dir: s.Archive, Name: name, Label: label, Decode: decodePage})
	}
	return archive.NewStream(ctx, s.Spec, s.Video(), "justoneapi-json", parts, opt), nil
}

// decodePage maps the items of one archived page.
func decodePage(body []byte, emit func(*fetch.Danmaku), skip func(string, string)) error {
	list, err := pageItems(body)
	if err != nil {
		return err
	}
	for i, raw := range list {
		d, err := item(raw)
		if err != nil {
			skip(archive.ReasonBadItem, fmt.Sprintf("item %d: %v", i+1, err))
			continue
		}
		d.Source = SourceName
		emit(&d)
	}
	return nil
}

// Provenance returns the size and SHA-256 of the archived replies read
// (see [archive.Dir.Digest]); an error when the archive is not complete.
func (s *Source) Provenance() (int64, string, error) {
	return s.Archive.Provenance(s.Spec, "")
}
