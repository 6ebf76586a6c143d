package main

import (
	"context"
	"fmt"
	"hash/crc32"
	"strconv"
	"strings"
	"unicode"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// video is one unit of work: the sources that hold one video's danmaku.
type video struct {
	key     string
	dir     string // directory name under --out
	sources []fetch.Source
}

// groupVideos opens each source far enough to learn its video and groups
// sources of the same video, in input order. Sources that cannot be opened
// (not danmaku, empty, unreadable) are returned as errors, one per source,
// so that the other videos can still be analysed.
func groupVideos(ctx context.Context, sources []fetch.Source, strict bool) (videos []video, bad []error, err error) {
	index := map[string]int{}
	for _, src := range sources {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		var key string
		if r, ok := src.(fetch.Remote); ok {
			key = r.Video().Key // known without reading (or fetching) anything
		} else {
			st, err := src.Open(ctx, fetch.Options{Strict: strict})
			if err != nil {
				bad = append(bad, err)
				continue
			}
			key = st.Video().Key
			st.Close()
		}
		if i, ok := index[key]; ok {
			videos[i].sources = append(videos[i].sources, src)
			continue
		}
		index[key] = len(videos)
		videos = append(videos, video{key: key, sources: []fetch.Source{src}})
	}
	// Directory names are derived from keys; make sure two keys never share one.
	used := map[string]string{}
	for i := range videos {
		d := dirName(videos[i].key)
		if other, clash := used[d]; clash {
			d = fmt.Sprintf("%s-%08x", d, crc32.ChecksumIEEE([]byte(videos[i].key)))
			if _, again := used[d]; again {
				return nil, nil, fmt.Errorf("videos %q and %q map to the same directory %s", other, videos[i].key, d)
			}
		}
		used[d] = videos[i].key
		videos[i].dir = d
	}
	return videos, bad, nil
}

// dirName derives a portable directory name from a video key:
// "bilibili:cid:62131" → "bilibili_cid_62131". Letters and digits of any
// script, '.', '-' and '_' are kept; anything else becomes '_'.
func dirName(key string) string {
	name := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, key)
	if name == "" || name == "." || name == ".." {
		name = "video_" + strconv.FormatUint(uint64(crc32.ChecksumIEEE([]byte(key))), 16)
	}
	return name
}
