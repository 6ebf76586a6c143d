package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/danmakuscope/danmakuscope/fetch/bilibili"
	"github.com/danmakuscope/danmakuscope/report"
)

// defaultHighlightMsg is the text posted at each highlight.
const defaultHighlightMsg = "高光时刻 #{rank}：{keywords}"

// maxMsgRunes is the longest message Bilibili accepts: shorter than 100
// characters.
const maxMsgRunes = 99

// highlightPosts turns a video report directory's highlights into posts:
// one per highlight (rituals left out unless asked), at its lag-corrected
// start, with the text of tmpl where {rank}, {keywords}, {emotion} and
// {time} are replaced. base carries the flags' settings (mode, colour,
// font size, aid/bvid); the cid and aid come from the report's summary.json
// when it has them.
func highlightPosts(dir string, base bilibili.Post, tmpl string, rituals bool) ([]bilibili.Post, error) {
	sum, err := report.ReadSummary(filepath.Join(dir, "summary.json"))
	if err != nil {
		return nil, fmt.Errorf("--highlights %s: not a video report directory: %w", dir, err)
	}
	switch {
	case sum.Cid <= 0:
		return nil, fmt.Errorf("--highlights %s: the report of %s names no Bilibili cid", dir, sum.VideoKey)
	case base.Oid != 0 && base.Oid != sum.Cid:
		return nil, fmt.Errorf("--cid %d differs from the report's cid %d", base.Oid, sum.Cid)
	}
	base.Oid = sum.Cid
	if base.Aid == 0 && base.Bvid == "" {
		if sum.Aid <= 0 {
			return nil, fmt.Errorf("--highlights %s: the report of %s knows no aid (it was read from a file); pass --aid or --bvid", dir, sum.VideoKey)
		}
		base.Aid = sum.Aid
	}
	hs, err := report.ReadHighlights(filepath.Join(dir, "highlights.parquet"))
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("--highlights %s: no highlights.parquet (was the report written by an older version?)", dir)
		}
		return nil, err
	}
	var posts []bilibili.Post
	for _, h := range hs {
		if h.Ritual && !rituals {
			continue
		}
		p := base
		p.ProgressMs = max(h.LaggedStartMs, 0)
		p.Msg = highlightText(tmpl, h)
		posts = append(posts, p)
	}
	return posts, nil
}

// highlightText fills the template for one highlight, dropping keywords
// from the end until the message is short enough.
func highlightText(tmpl string, h report.HighlightEntry) string {
	kws := h.Keywords
	for {
		r := strings.NewReplacer(
			"{rank}", strconv.Itoa(h.Rank),
			"{keywords}", strings.Join(kws, " "),
			"{emotion}", h.Emotion,
			"{time}", report.FormatVideoTime(float64(h.PeakMs)/1000),
		)
		msg := strings.TrimSpace(r.Replace(tmpl))
		if utf8.RuneCountInString(msg) <= maxMsgRunes || len(kws) == 0 {
			if utf8.RuneCountInString(msg) > maxMsgRunes {
				msg = string([]rune(msg)[:maxMsgRunes])
			}
			return msg
		}
		kws = kws[:len(kws)-1]
	}
}
