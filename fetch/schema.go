package fetch

import "github.com/apache/arrow/go/v17/arrow"

// SchemaVersion is the version of the canonical danmaku schema. It changes
// whenever a column is renamed, removed or changes type; adding a column does
// not change it.
const SchemaVersion = 1

// Column indexes of [Schema], in order.
const (
	ColVideoKey   = iota // video_key: stable id of the video
	ColSource            // source: how the row was obtained
	ColAid               // aid: Bilibili archive id, null when unknown
	ColCid               // cid: Bilibili page id, null when unknown
	ColDmid              // dmid: the danmaku's own id (exact int64)
	ColProgressMs        // progress_ms: position in the video, milliseconds
	ColSentAt            // sent_at: send time, null when unknown
	ColMode              // mode: display mode 1–9
	ColFontsize          // fontsize: font size in player units
	ColColor             // color: RGB888
	ColPool              // pool: 0 normal, 1 subtitle, 2 special
	ColWeight            // weight: Bilibili block weight, null when unknown
	ColUserHash          // user_hash: hashed sender id, null when unknown
	ColText              // text: the comment
	NumColumns           // number of columns
)

// Schema is the canonical Arrow schema of one danmaku per row. Every source
// maps into it. Fields:
//
//   - video_key (utf8): stable id of the video, independent of how it was
//     fetched: "bilibili:cid:62131", "polyv:vid:<vid>", or "file:<name>" when a
//     file carries no id.
//   - source (utf8): how the row was obtained: "file-xml", "bilibili-xml",
//     "bilibili-seg", "justoneapi", "polyv", …
//   - aid, cid (int64, nullable): Bilibili archive id and page id.
//   - dmid (int64): the danmaku's own id. Bilibili ids exceed 2^53, so they are
//     parsed as integers and never pass through float64. 0 when the source
//     has none.
//   - progress_ms (int64): position in the video in milliseconds. May be
//     negative or beyond the video's end when the source says so.
//   - sent_at (timestamp[ms, UTC], nullable): when the danmaku was sent.
//   - mode (int8): 1–3 rolling, 4 bottom, 5 top, 6 reverse, 7 advanced,
//     8 code, 9 BAS.
//   - fontsize (int16): 18 small, 25 standard, 36 large, others when sent so.
//   - color (uint32): RGB888, e.g. 16777215 for white.
//   - pool (int8): 0 normal, 1 subtitle, 2 special (code/BAS).
//   - weight (int8, nullable): Bilibili block weight (0–11 seen).
//   - user_hash (utf8, nullable): Bilibili midHash as given (hex CRC32 of the
//     sender's mid); for other sources a stable hash of the user id. Never raw
//     personal data: no ids, IPs, nicknames or avatars.
//   - text (utf8): the comment, entities decoded.
var Schema = arrow.NewSchema([]arrow.Field{
	{Name: "video_key", Type: arrow.BinaryTypes.String},
	{Name: "source", Type: arrow.BinaryTypes.String},
	{Name: "aid", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: "cid", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: "dmid", Type: arrow.PrimitiveTypes.Int64},
	{Name: "progress_ms", Type: arrow.PrimitiveTypes.Int64},
	{Name: "sent_at", Type: &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}, Nullable: true},
	{Name: "mode", Type: arrow.PrimitiveTypes.Int8},
	{Name: "fontsize", Type: arrow.PrimitiveTypes.Int16},
	{Name: "color", Type: arrow.PrimitiveTypes.Uint32},
	{Name: "pool", Type: arrow.PrimitiveTypes.Int8},
	{Name: "weight", Type: arrow.PrimitiveTypes.Int8, Nullable: true},
	{Name: "user_hash", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "text", Type: arrow.BinaryTypes.String},
}, nil)
