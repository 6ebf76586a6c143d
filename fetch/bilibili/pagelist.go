package bilibili

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/danmakuscope/danmakuscope/fetch/httpx"
)

// Page is one page ("分P") of an archive.
type Page struct {
	Cid      int64  `json:"cid"`
	Page     int    `json:"page"`     // 1-based
	Part     string `json:"part"`     // the page's title
	Duration int64  `json:"duration"` // seconds
}

// PagelistPath is the endpoint listing an archive's pages.
const PagelistPath = "/x/player/pagelist"

// Pagelist returns the reply of x/player/pagelist for an archive given by
// aid (when > 0) or bvid. The raw reply is returned too, for archiving.
func (c *Client) Pagelist(ctx context.Context, aid int64, bvid string) ([]Page, []byte, error) {
	q := url.Values{}
	what := "bvid=" + bvid
	if aid > 0 {
		q.Set("aid", strconv.FormatInt(aid, 10))
		what = "aid=" + strconv.FormatInt(aid, 10)
	} else {
		q.Set("bvid", bvid)
	}
	rep, err := c.HTTP.Do(ctx, httpx.Request{
		Endpoint: PagelistPath, What: what,
		Build: func(ctx context.Context) (*http.Request, error) { return c.get(ctx, PagelistPath, q) },
		Check: checkJSON,
	})
	if err != nil {
		return nil, nil, err
	}
	pages, err := ParsePagelist(rep.Body)
	if err != nil {
		return nil, nil, fmt.Errorf("bilibili %s %s: %w", PagelistPath, what, err)
	}
	return pages, rep.Body, nil
}

// ParsePagelist decodes a pagelist reply. A page without a positive cid is
// an error; an archive without pages is one too.
func ParsePagelist(body []byte) ([]Page, error) {
	var pages []Page
	if err := jsonData(body, &pages); err != nil {
		return nil, fmt.Errorf("pagelist reply not understood: %w", err)
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("pagelist reply lists no pages")
	}
	for i, p := range pages {
		if p.Cid <= 0 {
			return nil, fmt.Errorf("pagelist reply: page %d has no cid", i+1)
		}
		if p.Page <= 0 {
			pages[i].Page = i + 1
		}
	}
	return pages, nil
}
