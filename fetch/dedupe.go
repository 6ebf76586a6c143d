package fetch

// IDSet remembers danmaku ids so that a video read from several inputs (two
// snapshots of one cid, a download appended to itself) keeps each danmaku
// once. It costs about a dozen bytes per id. It is not safe for concurrent
// use; one video is read by one goroutine.
type IDSet struct {
	seen map[int64]struct{}
}

// NewIDSet returns an empty set.
func NewIDSet() *IDSet { return &IDSet{seen: make(map[int64]struct{})} }

// Add records id and reports whether it was new. The id 0 means "no id" and
// is always new.
func (s *IDSet) Add(id int64) bool {
	if id == 0 {
		return true
	}
	if _, ok := s.seen[id]; ok {
		return false
	}
	s.seen[id] = struct{}{}
	return true
}

// Len returns the number of ids recorded.
func (s *IDSet) Len() int { return len(s.seen) }
