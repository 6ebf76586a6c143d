package bilibili

import (
	"fmt"
	"net/url"
	"strconv"
)

// WatchBase is the address of Bilibili's video pages.
const WatchBase = "https://www.bilibili.com/video/"

// WatchURL returns the address that opens page (1-based) of the video aid
// at second: https://www.bilibili.com/video/BV…?t=SECOND, with &p=PAGE for
// a page after the first. A page of 0 or less means the first; a negative
// second means 0.
func WatchURL(aid int64, page int, second int64) (string, error) {
	bv, err := AVToBV(aid)
	if err != nil {
		return "", fmt.Errorf("watch URL: %w", err)
	}
	q := "t=" + strconv.FormatInt(max(second, 0), 10)
	if page > 1 {
		q += "&p=" + strconv.Itoa(page)
	}
	return WatchBase + url.PathEscape(bv) + "?" + q, nil
}
