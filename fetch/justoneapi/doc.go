// Package justoneapi fetches Bilibili danmaku through Just One API's
// "Video Danmaku (V2)" endpoint (GET /api/bilibili/get-video-danmu/v2),
// page by page from page 1 until a page holds no items.
//
// The reply's data is undocumented: a list of items, or an object holding
// one, is accepted, and Bilibili-style item fields are mapped into the
// canonical schema. A page or item whose shape is not understood is kept
// in the archive and reported with its page number. See README.md.
package justoneapi
