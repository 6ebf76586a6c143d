package bilibili

import (
	"fmt"
	"math"
	"strconv"

	"google.golang.org/protobuf/proto"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/bilibili/dmpb"
)

// Source column values of the rows this package yields.
const (
	SourceSeg     = "bilibili-seg"
	SourceXML     = "bilibili-xml"
	SourceHistory = "bilibili-history"
)

// parseSegment decodes a DmSegMobileReply. Fields this package does not
// declare are skipped; an empty body is an empty segment.
func parseSegment(body []byte) (*dmpb.DmSegMobileReply, error) {
	var m dmpb.DmSegMobileReply
	if err := (proto.UnmarshalOptions{DiscardUnknown: true}).Unmarshal(body, &m); err != nil {
		return nil, fmt.Errorf("not a DmSegMobileReply: %w", err)
	}
	return &m, nil
}

// segmentDecoder returns the archive decoder of segment replies whose rows
// get the given source column.
func segmentDecoder(source string) func([]byte, func(*fetch.Danmaku), func(string, string)) error {
	return func(body []byte, emit func(*fetch.Danmaku), skip func(string, string)) error {
		m, err := parseSegment(body)
		if err != nil {
			return err
		}
		for i, e := range m.GetElems() {
			d, err := elemDanmaku(e)
			if err != nil {
				skip("bad_item", fmt.Sprintf("danmaku %d: %v", i+1, err))
				continue
			}
			d.Source = source
			emit(&d)
		}
		return nil
	}
}

// elemDanmaku maps one element into the schema. proto3 leaves zero values
// off the wire, so an absent field is its zero value (progress 0, pool 0,
// weight 0), not unknown.
func elemDanmaku(e *dmpb.DanmakuElem) (fetch.Danmaku, error) {
	d := fetch.Danmaku{
		Dmid:       e.GetId(),
		ProgressMs: int64(e.GetProgress()),
		Color:      e.GetColor(),
		UserHash:   e.GetMidHash(),
		Text:       e.GetContent(),
		HasWeight:  true,
	}
	if s := e.GetIdStr(); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || (d.Dmid != 0 && id != d.Dmid) {
			return d, fmt.Errorf("idStr %q does not match id %d", s, d.Dmid)
		}
		d.Dmid = id
	}
	if d.Dmid <= 0 {
		return d, fmt.Errorf("no dmid")
	}
	var err error
	if d.Mode, err = narrow8("mode", e.GetMode()); err != nil {
		return d, err
	}
	if d.Pool, err = narrow8("pool", e.GetPool()); err != nil {
		return d, err
	}
	if d.Weight, err = narrow8("weight", e.GetWeight()); err != nil {
		return d, err
	}
	fs := e.GetFontsize()
	if fs < 0 || fs > math.MaxInt16 {
		return d, fmt.Errorf("fontsize %d out of range", fs)
	}
	d.Fontsize = int16(fs)
	if t := e.GetCtime(); t > 0 {
		d.SentAtMs, d.HasSentAt = t*1000, true
	}
	return d, nil
}

func narrow8(name string, v int32) (int8, error) {
	if v < math.MinInt8 || v > math.MaxInt8 {
		return 0, fmt.Errorf("%s %d out of range", name, v)
	}
	return int8(v), nil
}
