// Package bilibili fetches danmaku from Bilibili: archives and pages
// (aid/bvid → cids through x/player/pagelist), the live pool as 6-minute
// protobuf segments (x/v2/dm/web/seg.so) or as XML (x/v1/dm/list.so, also
// the fallback when segments fail), and, with a SESSDATA cookie, history
// danmaku by date (x/v2/dm/web/history/seg.so) merged without duplicate
// dmids. It also sends danmaku (x/v2/dm/post) with validation, csrf and
// the WBI signature.
//
// [Source] is a [fetch.Remote]: every reply is archived before it is
// decoded, so an interrupted fetch resumes where it stopped. See README.md
// for the endpoints, limits and quirks.
package bilibili
