package polyv

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/archive"
)

// SourceName is the source column of the rows this package yields.
const SourceName = "polyv"

// DefaultPageSize is numPerPage when Source.PageSize is 0.
const DefaultPageSize = 100

// DefaultMaxPages bounds the pages of one fetch.
const DefaultMaxPages = 100000

// Source is the danmaku of one Polyv video, or of every video of an
// account, as a [fetch.Remote].
//
// With VID set it fetches that video's danmaku. With VID empty it fetches
// all the account's danmaku into its archive; [Source.Videos] then lists
// the vids found, and a Source with Only set to one of them (and the same
// archive) reads that video's rows from it.
type Source struct {
	Client *Client
	// Spec names the source in messages, e.g. "polyv:vid=…".
	Spec string
	// VID is the video; empty means the whole account.
	VID string
	// Only, with VID empty, keeps the rows of this vid.
	Only    string
	Archive archive.Dir
	// PageSize is numPerPage; 0 means DefaultPageSize.
	PageSize int
	// MaxPages bounds the pages; 0 means DefaultMaxPages.
	MaxPages int
	// OnReply, when set, is told about each page.
	OnReply func(fetch.ReplyEvent)
}

var _ fetch.Remote = (*Source)(nil)

// Name returns the spec.
func (s *Source) Name() string { return s.Spec }

// Video returns the video: key "polyv:vid:<vid>" ("polyv:user:<userid>"
// for a whole account not yet split).
func (s *Source) Video() fetch.Video {
	vid := s.VID
	if vid == "" {
		vid = s.Only
	}
	if vid == "" {
		return fetch.Video{Key: "polyv:user:" + s.Client.UserID, Source: SourceName}
	}
	return fetch.Video{Key: "polyv:vid:" + vid, Source: SourceName}
}

func pageName(n int) string { return fmt.Sprintf("page-%04d.json", n) }

// countItems is the number of items of an archived page (0 when it is not
// understood).
func countItems(_ string, b []byte) int {
	n, _ := inspect(b)
	return n
}

func inspect(b []byte) (int, error) {
	d, err := parseList(b)
	if err != nil {
		return 0, err
	}
	return len(d.Contents), nil
}

// Fetch downloads pages from 1 until the last page, resuming from the
// archive. Personal fields are removed from each reply before it is
// archived.
func (s *Source) Fetch(ctx context.Context) (fetch.FetchStats, error) {
	if st, ok := s.Archive.Reused("", countItems); ok {
		return st, nil
	}
	if err := s.Archive.CleanTemp(); err != nil {
		return fetch.FetchStats{}, err
	}
	size := s.PageSize
	if size <= 0 {
		size = DefaultPageSize
	}
	limit := s.MaxPages
	if limit <= 0 {
		limit = DefaultMaxPages
	}
	var st fetch.FetchStats
	var names []string
	for n := 1; ; n++ {
		if n > limit {
			st.Notes = append(st.Notes, fmt.Sprintf("stopped after %d pages (the limit)", limit))
			break
		}
		body, items, reused, err := s.Archive.Get(ctx, pageName(n), func(ctx context.Context) ([]byte, error) {
			rep, err := s.Client.list(ctx, s.VID, n, size)
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
		d, _ := parseList(body) // inspect accepted it
		if d.isLast(n) {
			break
		}
	}
	st.Replies = len(names)
	return st, s.Archive.MarkComplete(archive.Complete{Source: s.Spec, Replies: names, Notes: st.Notes})
}

// Videos lists the vids in a complete archive, sorted.
func (s *Source) Videos() ([]string, error) {
	c, ok := s.Archive.Completed()
	if !ok {
		return nil, fmt.Errorf("%s: archive %s is not complete", s.Spec, s.Archive.Path)
	}
	set := map[string]bool{}
	for _, r := range c.Replies {
		b, err := s.Archive.Read(r)
		if err != nil {
			return nil, err
		}
		d, err := parseList(b)
		if err != nil {
			continue // reported when read
		}
		for _, raw := range d.Contents {
			if _, vid, err := item(raw); vid != "" && err == nil {
				set[vid] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for v := range set {
		out = append(out, v)
	}
	sort.Strings(out)
	return out, nil
}

// Open reads the archived pages (fetching first when the archive is not
// complete), each danmaku id once.
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
	want := s.VID
	if want == "" {
		want = s.Only
	}
	var parts []archive.Part
	for _, name := range c.Replies {
		label := "page " + strings.TrimLeft(strings.TrimSuffix(strings.TrimPrefix(name, "page-"), ".json"), "0")
		parts = append(parts, archive.Part{Dir: s.Archive, Name: name, Label: label, Decode: decoder(want)})
	}
	return archive.NewStream(ctx, s.Spec, s.Video(), "polyv-json", parts, opt), nil
}

// decoder maps the items of one page, keeping those of vid (all when
// empty). Items of other videos are not this video's: they are passed
// over, not counted.
func decoder(vid string) archive.Decoder {
	return func(body []byte, emit func(*fetch.Danmaku), skip func(string, string)) error {
		d, err := parseList(body)
		if err != nil {
			return err
		}
		for i, raw := range d.Contents {
			dm, itemVid, err := item(raw)
			if vid != "" && itemVid != "" && itemVid != vid {
				continue
			}
			if err != nil {
				skip(archive.ReasonBadItem, fmt.Sprintf("item %d: %v", i+1, err))
				continue
			}
			dm.Source = SourceName
			emit(&dm)
		}
		return nil
	}
}

// Provenance returns the size and SHA-256 of the archived replies read
// (see [archive.Dir.Digest]); an error when the archive is not complete.
func (s *Source) Provenance() (int64, string, error) {
	return s.Archive.Provenance(s.Spec, "")
}
