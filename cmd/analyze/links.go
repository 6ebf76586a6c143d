package main

import (
	"strconv"
	"strings"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/bilibili"
)

// videoLink says how a video's page links to the video itself: Watch
// returns the address that opens it at a second, or is nil and Missing
// says why there is none. Title names the video for pages and charts.
type videoLink struct {
	Watch   func(second int64) string
	Missing string
	Title   string
}

// linkOf returns the link of a video whose sources told v (the most
// informative of them, see moreKnown).
func linkOf(key string, v fetch.Video) videoLink {
	l := videoLink{Title: key}
	switch {
	case strings.HasPrefix(key, "bilibili:") && v.Aid > 0 && v.Page > 0:
		bv, err := bilibili.AVToBV(v.Aid)
		if err != nil {
			l.Missing = "its aid " + strconv.FormatInt(v.Aid, 10) + " has no BV id"
			return l
		}
		aid, page := v.Aid, v.Page
		l.Watch = func(second int64) string {
			u, _ := bilibili.WatchURL(aid, page, second) // cannot fail: the aid converted above
			return u
		}
		l.Title = bv + " p" + strconv.Itoa(page) + " · cid " + strconv.FormatInt(v.Cid, 10)
	case strings.HasPrefix(key, "bilibili:") && v.Aid > 0:
		l.Missing = "it was named by its cid, so which page of the video it is is not known (name it as bilibili:BV…#p=N to get links)"
	case strings.HasPrefix(key, "bilibili:"):
		l.Missing = "a Bilibili danmaku XML file names only the cid of a page, not the video (av or BV id) it belongs to"
	case strings.HasPrefix(key, "polyv:"):
		l.Missing = "Polyv videos have no public address"
	default:
		l.Missing = "the input does not name its video"
	}
	return l
}

// moreKnown returns whichever of a and b says more about the video's
// address: one with aid and page, else one with an aid, else a.
func moreKnown(a, b fetch.Video) fetch.Video {
	score := func(v fetch.Video) int {
		switch {
		case v.Aid > 0 && v.Page > 0:
			return 2
		case v.Aid > 0:
			return 1
		}
		return 0
	}
	if score(b) > score(a) {
		return b
	}
	return a
}
