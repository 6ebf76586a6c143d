package fetch

import "context"

// Remote is a [Source] on a network service (Bilibili, Just One API, Polyv).
// Its video is known before anything is downloaded, so that many remotes
// can be grouped, fetched concurrently and written to per-video paths.
//
// Fetch downloads the video's replies into the source's archive, resuming
// what an earlier, interrupted fetch left there; Open reads the archive
// (calling Fetch first when the archive is not complete). A Remote is safe
// for use by one goroutine at a time.
type Remote interface {
	Source
	// Video identifies the video; Key is final, DurationMs may be 0.
	Video() Video
	// Fetch downloads whatever the archive lacks. It returns an error
	// naming the service, endpoint, page and API code when the video
	// cannot be fetched completely.
	Fetch(ctx context.Context) (FetchStats, error)
}

// Provenancer is implemented by remotes that can describe what they read:
// the total size and SHA-256 of their archived replies, for summary.json.
type Provenancer interface {
	Provenance() (size int64, sha256 string, err error)
}

// FetchStats says what one Fetch did.
type FetchStats struct {
	// Replies is the number of replies (pages, segments, days) that make
	// up the video.
	Replies int `json:"replies"`
	// Downloaded of them came from the network in this call, Reused from
	// the archive.
	Downloaded int `json:"downloaded"`
	Reused     int `json:"reused"`
	// Items is the number of danmaku items in the replies, before dmids
	// seen twice are dropped.
	Items int `json:"items"`
	// Notes say what a user should know: a fallback taken, a reply whose
	// shape was not understood, where paging stopped.
	Notes []string `json:"notes,omitempty"`
}

// Add merges o into s.
func (s *FetchStats) Add(o FetchStats) {
	s.Replies += o.Replies
	s.Downloaded += o.Downloaded
	s.Reused += o.Reused
	s.Items += o.Items
	s.Notes = append(s.Notes, o.Notes...)
}

// ReplyEvent reports one reply of a fetch, for progress display.
type ReplyEvent struct {
	// Source is the source's name, Label the reply's ("segment 3").
	Source, Label string
	// Items is the number of danmaku items in the reply.
	Items int
	// Reused is true when the reply came from the archive.
	Reused bool
}
