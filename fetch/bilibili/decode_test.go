package bilibili

import (
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// Fields dm.proto does not declare (likeCount 15, animation 22, colorful
// 24, dmFrom 27 in an element; ai_flag 3 and colorfulSrc 5 at the top) are
// skipped; absent fields read as zero.
func TestDecodeSkipsUnknownFields(t *testing.T) {
	var elem []byte
	elem = protowire.AppendTag(elem, 1, protowire.VarintType)
	elem = protowire.AppendVarint(elem, 1163933565554070784)
	elem = protowire.AppendTag(elem, 3, protowire.VarintType)
	elem = protowire.AppendVarint(elem, 5)
	elem = protowire.AppendTag(elem, 7, protowire.BytesType)
	elem = protowire.AppendString(elem, "前方高能")
	elem = protowire.AppendTag(elem, 15, protowire.VarintType)
	elem = protowire.AppendVarint(elem, 42)
	elem = protowire.AppendTag(elem, 22, protowire.BytesType)
	elem = protowire.AppendString(elem, `{"id":20004}`)
	elem = protowire.AppendTag(elem, 24, protowire.VarintType)
	elem = protowire.AppendVarint(elem, 60001)
	elem = protowire.AppendTag(elem, 27, protowire.VarintType)
	elem = protowire.AppendVarint(elem, 1)
	elem = protowire.AppendTag(elem, 12, protowire.BytesType)
	elem = protowire.AppendString(elem, "1163933565554070784")
	var body []byte
	body = protowire.AppendTag(body, 3, protowire.BytesType)
	body = protowire.AppendBytes(body, []byte{0x0a, 0x02, 0x08, 0x01})
	body = protowire.AppendTag(body, 1, protowire.BytesType)
	body = protowire.AppendBytes(body, elem)
	body = protowire.AppendTag(body, 5, protowire.BytesType)
	body = protowire.AppendBytes(body, []byte{0x08, 0x01})
	var got []fetch.Danmaku
	var skips []string
	err := segmentDecoder(SourceSeg)(body, func(d *fetch.Danmaku) { got = append(got, *d) }, func(r, d string) { skips = append(skips, d) })
	if err != nil || len(got) != 1 || len(skips) != 0 {
		t.Fatalf("decoded %v, skips %v, %v", got, skips, err)
	}
	d := got[0]
	if d.Dmid != 1163933565554070784 || d.Mode != 5 || d.Text != "前方高能" || d.ProgressMs != 0 || d.Color != 0 || d.Pool != 0 ||
		!d.HasWeight || d.HasSentAt || d.Source != SourceSeg {
		t.Errorf("decoded %+v", d)
	}
	// A truncated body does not decode.
	if err := segmentDecoder(SourceSeg)(body[:len(body)-3], func(*fetch.Danmaku) {}, func(string, string) {}); err == nil {
		t.Error("a truncated segment decoded")
	}
	// A bad element is skipped, not the segment.
	var bad []byte
	bad = protowire.AppendTag(bad, 1, protowire.BytesType)
	bad = protowire.AppendBytes(bad, protowire.AppendVarint(protowire.AppendTag(nil, 3, protowire.VarintType), 300))
	skips = nil
	if err := segmentDecoder(SourceSeg)(bad, func(*fetch.Danmaku) {}, func(r, d string) { skips = append(skips, d) }); err != nil || len(skips) != 1 {
		t.Errorf("bad element: %v, skips %v", err, skips)
	}
}
