package stats

import "strings"

// floodControl weighs danmaku so that one user sending many in a short
// window of video time counts with decreasing weight: the user's n-th
// danmaku within the window counts 1 up to the threshold T, then
// 1/(n−T+1). "Within the window" means within windowMs of video time of a
// danmaku the same user sent earlier in the input. It remembers the last
// floodMemory progress values per user and forgets users who have been
// quiet for a window (when input comes in progress order, as Bilibili's
// files do), so its memory follows the active users, not the video.
type floodControl struct {
	threshold int
	windowMs  int64
	users     map[string]*floodUser
	maxSeen   int64
	rows      int
	// flooders are the users who sent at least one down-weighted danmaku.
	flooders map[string]struct{}
	stats    FloodStats
}

// FloodStats say what flood control did to a video.
type FloodStats struct {
	// Users is the number of users with at least one down-weighted danmaku.
	Users int `json:"users"`
	// Danmaku is the number of down-weighted danmaku.
	Danmaku int64 `json:"danmaku"`
	// WeightRemoved is how many danmaku' worth of weight was taken away:
	// the sum of 1 − weight.
	WeightRemoved float64 `json:"weight_removed"`
}

type floodUser struct {
	recent []int64 // progress of the user's recent danmaku, in input order
	last   int64   // the furthest progress the user reached
}

// floodMemory bounds the progress values kept per user.
const floodMemory = 64

// floodSweepRows is how often (in rows) quiet users are forgotten.
const floodSweepRows = 1 << 16

func newFloodControl(threshold int, windowMs int64) *floodControl {
	return &floodControl{threshold: threshold, windowMs: windowMs,
		users: map[string]*floodUser{}, flooders: map[string]struct{}{}}
}

// weight returns the weight of a danmaku sent by user at progress p and
// remembers it. An empty user (unknown sender) or a disabled control
// always gives 1.
func (f *floodControl) weight(user string, p int64) float64 {
	if f == nil || f.threshold <= 0 || user == "" {
		return 1
	}
	f.rows++
	if f.rows%floodSweepRows == 0 {
		f.sweep()
	}
	f.maxSeen = max(f.maxSeen, p)
	u := f.users[user]
	if u == nil {
		u = &floodUser{}
		// Arrow strings alias the record's buffers: copy before keeping.
		f.users[strings.Clone(user)] = u
	}
	n := 1
	keep := u.recent[:0]
	for _, q := range u.recent {
		// Forget what lies a window or more behind: for input in
		// progress order it can never count again.
		if q > p-f.windowMs {
			keep = append(keep, q)
		}
		if q > p-f.windowMs && q < p+f.windowMs {
			n++
		}
	}
	u.recent = keep
	if len(u.recent) == floodMemory {
		copy(u.recent, u.recent[1:])
		u.recent = u.recent[:floodMemory-1]
	}
	u.recent = append(u.recent, p)
	u.last = max(u.last, p)
	if n <= f.threshold {
		return 1
	}
	w := 1 / float64(n-f.threshold+1)
	if _, seen := f.flooders[user]; !seen {
		f.flooders[strings.Clone(user)] = struct{}{}
		f.stats.Users++
	}
	f.stats.Danmaku++
	f.stats.WeightRemoved += 1 - w
	return w
}

// sweep forgets users whose newest danmaku lies more than a window before
// the furthest progress seen.
func (f *floodControl) sweep() {
	for k, u := range f.users {
		if u.last < f.maxSeen-f.windowMs {
			delete(f.users, k)
		}
	}
}

// summary returns what flood control did so far.
func (f *floodControl) summary() FloodStats {
	if f == nil {
		return FloodStats{}
	}
	return f.stats
}
