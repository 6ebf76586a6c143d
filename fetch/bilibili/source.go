package bilibili

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/archive"
	"github.com/danmakuscope/danmakuscope/fetch/bilixml"
	"github.com/danmakuscope/danmakuscope/fetch/httpx"
)

// Endpoints of the live pool.
const (
	SegPath = "/x/v2/dm/web/seg.so"
	XMLPath = "/x/v1/dm/list.so"
)

// SegmentMs is the span of one seg.so segment: 6 minutes.
const SegmentMs = 6 * 60 * 1000

// DefaultMaxSegments bounds the segments fetched for one page (600 hours).
const DefaultMaxSegments = 6000

// Format selects how the live pool is fetched.
type Format string

// Formats of the live pool.
const (
	// FormatSeg fetches protobuf segments, falling back to XML when they
	// fail.
	FormatSeg Format = "seg"
	// FormatXML fetches list.so XML only (capped at the pool's maxlimit).
	FormatXML Format = "xml"
)

// Source is one page (one cid) of a Bilibili video as a [fetch.Remote].
type Source struct {
	// Client talks to Bilibili.
	Client *Client
	// Spec names the source in messages, e.g. "bilibili:BV1xx411c7mD#p=1".
	Spec string
	// Aid (0 when unknown) and Cid identify the page.
	Aid, Cid int64
	// Page is the page's 1-based number in the video, from pagelist; 0
	// when unknown (a page fetched by its cid).
	Page int
	// DurationMs is the page's length from pagelist; 0 when unknown. It
	// sets how many segments are fetched at least.
	DurationMs int64
	// Format is the live pool's format; empty means FormatSeg.
	Format Format
	// NoFallback turns off the XML fallback when segments fail.
	NoFallback bool
	// History, when set, adds history danmaku of these days (needs the
	// SESSDATA cookie).
	History *History
	// Archive holds the replies.
	Archive archive.Dir
	// OnReply, when set, is told about each reply (for progress).
	OnReply func(fetch.ReplyEvent)
	// MaxSegments bounds the segments; 0 means DefaultMaxSegments.
	MaxSegments int
}

var _ fetch.Remote = (*Source)(nil)

// Name returns the spec.
func (s *Source) Name() string { return s.Spec }

// Video returns the page's video: key "bilibili:cid:<cid>".
func (s *Source) Video() fetch.Video {
	src := SourceSeg
	if s.Format == FormatXML {
		src = SourceXML
	}
	return fetch.Video{Key: "bilibili:cid:" + strconv.FormatInt(s.Cid, 10), Source: src,
		Aid: s.Aid, Cid: s.Cid, Page: s.Page, DurationMs: s.DurationMs}
}

// Fetch downloads the live pool (segments, or XML) and the history days
// that the archive lacks. When segments fail for a reason other than the
// credentials, the XML pool is fetched instead and a note says so.
func (s *Source) Fetch(ctx context.Context) (fetch.FetchStats, error) {
	if st, ok := s.Archive.Reused(s.params(), func(name string, b []byte) int {
		n, _ := s.inspect(name)(b)
		return n
	}); ok {
		return st, nil
	}
	if err := s.Archive.CleanTemp(); err != nil {
		return fetch.FetchStats{}, err
	}
	var st fetch.FetchStats
	var replies []string
	var err error
	if s.Format == FormatXML {
		replies, err = s.fetchXML(ctx, &st)
	} else {
		replies, err = s.fetchSegments(ctx, &st)
		if err != nil && !s.NoFallback && !httpx.IsFatal(err) && ctx.Err() == nil {
			st.Notes = append(st.Notes, "segments failed, fell back to the XML pool (capped at its maxlimit): "+err.Error())
			var xerr error
			replies, xerr = s.fetchXML(ctx, &st)
			if xerr != nil {
				err = fmt.Errorf("%w; XML fallback: %w", err, xerr)
			} else {
				err = nil
			}
		}
	}
	if err != nil {
		return st, err
	}
	if s.History != nil {
		days, err := s.fetchHistory(ctx, &st)
		if err != nil {
			return st, err
		}
		replies = append(replies, days...)
	}
	st.Replies = len(replies)
	if err := s.Archive.MarkComplete(archive.Complete{Source: s.Spec, Replies: replies, Notes: st.Notes, Params: s.params()}); err != nil {
		return st, err
	}
	return st, nil
}

// params describe what the fetch asks for, so that an archive completed
// for another format or history range is completed again.
func (s *Source) params() string {
	p := "format=" + string(s.Format)
	if s.Format == "" {
		p = "format=" + string(FormatSeg)
	}
	if s.History != nil {
		p += " history=" + s.History.From.Format(dateLayout) + ".." + s.History.To.Format(dateLayout)
	}
	return p
}

// get returns one reply from the archive or the network and reports it.
func (s *Source) get(ctx context.Context, st *fetch.FetchStats, name, label string, req httpx.Request) ([]byte, int, error) {
	body, n, reused, err := s.Archive.Get(ctx, name, func(ctx context.Context) ([]byte, error) {
		rep, err := s.Client.HTTP.Do(ctx, req)
		if err != nil {
			return nil, err
		}
		return rep.Body, nil
	}, s.inspect(name))
	if err != nil {
		return nil, 0, err
	}
	if reused {
		st.Reused++
	} else {
		st.Downloaded++
	}
	st.Items += n
	if s.OnReply != nil {
		s.OnReply(fetch.ReplyEvent{Source: s.Spec, Label: label, Items: n, Reused: reused})
	}
	return body, n, nil
}

// inspect returns the check of an archived reply by its name.
func (s *Source) inspect(name string) func([]byte) (int, error) {
	switch {
	case name == xmlName:
		return countXML
	case strings.HasPrefix(name, "history-index-"):
		return func([]byte) (int, error) { return 0, nil }
	default:
		return func(b []byte) (int, error) {
			m, err := parseSegment(b)
			if err != nil {
				return 0, err
			}
			return len(m.GetElems()), nil
		}
	}
}

// segName is the archive name of segment n.
func segName(n int) string { return fmt.Sprintf("seg-%04d.pb", n) }

const xmlName = "list.so.raw"

// fetchSegments fetches segments 1…N, N from the page's duration, then
// on until two consecutive segments are empty.
func (s *Source) fetchSegments(ctx context.Context, st *fetch.FetchStats) ([]string, error) {
	expected := int((s.DurationMs + SegmentMs - 1) / SegmentMs)
	limit := s.MaxSegments
	if limit <= 0 {
		limit = DefaultMaxSegments
	}
	var names []string
	empty := 0
	for n := 1; ; n++ {
		if n > limit {
			st.Notes = append(st.Notes, fmt.Sprintf("stopped after %d segments (the limit)", limit))
			break
		}
		q := url.Values{"type": {"1"}, "oid": {strconv.FormatInt(s.Cid, 10)}, "segment_index": {strconv.Itoa(n)}}
		if s.Aid > 0 {
			q.Set("pid", strconv.FormatInt(s.Aid, 10))
		}
		label := fmt.Sprintf("segment %d", n)
		_, items, err := s.get(ctx, st, segName(n), label, httpx.Request{
			Endpoint: SegPath, What: s.what(label),
			Build: func(ctx context.Context) (*http.Request, error) { return s.Client.get(ctx, SegPath, q) },
			Check: checkProto,
		})
		if err != nil {
			return nil, err
		}
		names = append(names, segName(n))
		if items == 0 {
			empty++
		} else {
			empty = 0
		}
		if n >= expected && empty >= 2 {
			break
		}
	}
	return names, nil
}

func (s *Source) what(label string) string {
	return fmt.Sprintf("cid=%d %s", s.Cid, label)
}

// checkProto accepts a 2xx reply that decodes as a segment (an empty body
// is an empty segment). Errors come as JSON envelopes; a body that does
// not decode was cut short or garbled and is retried.
func checkProto(r *httpx.Reply) error {
	if b := bytes.TrimSpace(r.Body); len(b) > 0 && b[0] == '{' {
		return checkJSONError(r)
	}
	if err := httpx.CheckStatus(r); err != nil {
		return err
	}
	if _, err := parseSegment(r.Body); err != nil {
		return &httpx.Error{Status: r.Status, Kind: httpx.Retryable, Meaning: "reply does not decode (cut short?)", Err: err}
	}
	return nil
}

// checkJSONError classifies a JSON reply where data was expected: its code
// if it has one, else its status.
func checkJSONError(r *httpx.Reply) error {
	err := checkJSON(r)
	if err == nil {
		return &httpx.Error{Status: r.Status, Kind: httpx.Permanent, Meaning: "JSON reply where danmaku were expected"}
	}
	return err
}

// fetchXML fetches the XML pool.
func (s *Source) fetchXML(ctx context.Context, st *fetch.FetchStats) ([]string, error) {
	q := url.Values{"oid": {strconv.FormatInt(s.Cid, 10)}}
	_, _, err := s.get(ctx, st, xmlName, "list.so", httpx.Request{
		Endpoint: XMLPath, What: s.what("XML pool"),
		Build: func(ctx context.Context) (*http.Request, error) { return s.Client.get(ctx, XMLPath, q) },
		Check: func(r *httpx.Reply) error {
			if b := bytes.TrimSpace(r.Body); len(b) > 0 && b[0] == '{' {
				return checkJSONError(r)
			}
			if err := httpx.CheckStatus(r); err != nil {
				return err
			}
			if _, err := countXML(r.Body); err != nil {
				return &httpx.Error{Status: r.Status, Kind: httpx.Retryable, Meaning: "reply is not danmaku XML", Err: err}
			}
			return nil
		},
	})
	if err != nil {
		return nil, err
	}
	return []string{xmlName}, nil
}

// countXML checks that body is danmaku XML (in any encoding) and counts
// its danmaku, damaged ones included.
func countXML(body []byte) (int, error) {
	st, err := bilixml.NewStream(context.Background(), bytes.NewReader(body), "list.so", bilixml.Config{Source: SourceXML}, fetch.Options{})
	if err != nil {
		return 0, err
	}
	defer st.Close()
	if err := fetch.ForEach(st, func(arrow.Record) error { return nil }); err != nil {
		return 0, err
	}
	return st.Stats().Items, nil
}

// Open reads the archived replies (fetching first when the archive is not
// complete): the live pool in order, then the history days, each dmid
// once.
func (s *Source) Open(ctx context.Context, opt fetch.Options) (fetch.Stream, error) {
	c, ok := s.Archive.CompletedFor(s.params())
	if !ok {
		if _, err := s.Fetch(ctx); err != nil {
			return nil, err
		}
		if c, ok = s.Archive.CompletedFor(s.params()); !ok {
			return nil, fmt.Errorf("%s: archive %s is not complete after fetching", s.Spec, s.Archive.Path)
		}
	}
	v := s.Video()
	var parts []archive.Part
	for _, name := range c.Replies {
		p := archive.Part{Dir: s.Archive, Name: name}
		switch {
		case name == xmlName:
			v.Source = SourceXML
			p.Label = "list.so"
			p.Open = func(ctx context.Context, r io.Reader, name string, opt fetch.Options) (fetch.Stream, error) {
				return bilixml.NewStream(ctx, r, name, bilixml.Config{Source: SourceXML, Aid: s.Aid, Cid: s.Cid}, opt)
			}
		case strings.HasPrefix(name, "seg-"):
			p.Label = "segment " + strings.TrimLeft(strings.TrimSuffix(strings.TrimPrefix(name, "seg-"), ".pb"), "0")
			p.Decode = segmentDecoder(SourceSeg)
		case strings.HasPrefix(name, "history-"):
			p.Label = "history " + strings.TrimSuffix(strings.TrimPrefix(name, "history-"), ".pb")
			p.Decode = segmentDecoder(SourceHistory)
		default:
			return nil, fmt.Errorf("%s: archive %s lists an unknown reply %q", s.Spec, s.Archive.Path, name)
		}
		parts = append(parts, p)
	}
	format := "bilibili-seg"
	if v.Source == SourceXML {
		format = "" // the XML reader names the encoding it found
	}
	return archive.NewStream(ctx, s.Spec, v, format, parts, opt), nil
}

// Provenance returns the size and SHA-256 of the archived replies read
// (see [archive.Dir.Digest]); an error when the archive is not complete.
func (s *Source) Provenance() (int64, string, error) {
	return s.Archive.Provenance(s.Spec, s.params())
}
