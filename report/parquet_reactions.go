package report

import (
	"math"

	"github.com/danmakuscope/danmakuscope/stats"
	"github.com/parquet-go/parquet-go"
)

// highlightRow is one row of highlights.parquet.
type highlightRow struct {
	VideoKey       string   `parquet:"video_key,dict"`
	Rank           int32    `parquet:"rank"`
	StartMs        int64    `parquet:"start_ms"`
	EndMs          int64    `parquet:"end_ms"`
	PeakMs         int64    `parquet:"peak_ms"`
	LaggedStartMs  int64    `parquet:"lagged_start_ms"`
	Intensity      float64  `parquet:"intensity"`
	ZScore         float64  `parquet:"z_score"`
	Count          int64    `parquet:"count"`
	WeightedCount  float64  `parquet:"weighted_count"`
	Excess         float64  `parquet:"excess"`
	PeakPerMin     float64  `parquet:"peak_per_min"`
	BaselinePerMin float64  `parquet:"baseline_per_min"`
	Emotion        *string  `parquet:"emotion,optional,dict"`
	ValenceMean    *float64 `parquet:"valence_mean,optional"`
	Keywords       []string `parquet:"keywords,list"`
	Samples        []string `parquet:"samples,list"`
	Ritual         bool     `parquet:"ritual"`
}

// bucketTermRow is one row of keywords_by_bucket.parquet.
type bucketTermRow struct {
	VideoKey      string   `parquet:"video_key,dict"`
	Bucket        int32    `parquet:"bucket"`
	StartMs       int64    `parquet:"start_ms"`
	EndMs         int64    `parquet:"end_ms"`
	Term          string   `parquet:"term"`
	Rank          int32    `parquet:"rank"`
	Count         int64    `parquet:"count"`
	WeightedCount float64  `parquet:"weighted_count"`
	Share         float64  `parquet:"share"`
	Expected      float64  `parquet:"expected"`
	BurstScore    *float64 `parquet:"burst_score,optional"`
	Bursting      bool     `parquet:"bursting"`
}

// termBurstRow is one row of term_bursts.parquet.
type termBurstRow struct {
	VideoKey      string   `parquet:"video_key,dict"`
	Rank          int32    `parquet:"rank"`
	Term          string   `parquet:"term"`
	StartMs       int64    `parquet:"start_ms"`
	EndMs         int64    `parquet:"end_ms"`
	PeakMs        int64    `parquet:"peak_ms"`
	Count         int64    `parquet:"count"`
	WeightedCount float64  `parquet:"weighted_count"`
	Expected      float64  `parquet:"expected"`
	Ratio         *float64 `parquet:"ratio,optional"`
	Score         float64  `parquet:"score"`
}

// sendTimeRow is one row of sendtime.parquet: a day (grain "day") or an
// hour of the week (grain "hour_of_week").
type sendTimeRow struct {
	VideoKey      string   `parquet:"video_key,dict"`
	Grain         string   `parquet:"grain,dict"`
	TimeZone      string   `parquet:"time_zone,dict"`
	Day           *int32   `parquet:"day,optional"`
	Date          *string  `parquet:"date,optional"`
	Weekday       int8     `parquet:"weekday"`
	Hour          *int8    `parquet:"hour,optional"`
	Count         int64    `parquet:"count"`
	ValenceMean   *float64 `parquet:"valence_mean,optional"`
	ValenceCILow  *float64 `parquet:"valence_ci_low,optional"`
	ValenceCIHigh *float64 `parquet:"valence_ci_high,optional"`
	PosShare      *float64 `parquet:"pos_share,optional"`
	NegShare      *float64 `parquet:"neg_share,optional"`
	NeuShare      *float64 `parquet:"neu_share,optional"`
}

// Grains of sendtime.parquet.
const (
	GrainDay        = "day"
	GrainHourOfWeek = "hour_of_week"
)

var (
	highlightsSchema = parquet.NewSchema("highlights", parquet.SchemaOf(new(highlightRow)))
	bucketTermSchema = parquet.NewSchema("keywords_by_bucket", parquet.SchemaOf(new(bucketTermRow)))
	termBurstSchema  = parquet.NewSchema("term_bursts", parquet.SchemaOf(new(termBurstRow)))
	sendTimeSchema   = parquet.NewSchema("sendtime", parquet.SchemaOf(new(sendTimeRow)))
)

// optString maps "" (unknown) to a Parquet null.
func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// finite maps NaN and ±Inf to a Parquet null.
func finite(f float64) *float64 {
	if math.IsInf(f, 0) {
		return nil
	}
	return nullable(f)
}

// nonNil makes an empty list an empty list, not a null one.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// WriteHighlights writes highlights.parquet: one row per highlight, in
// rank order.
func WriteHighlights(path string, hs []stats.Highlight, meta Meta) error {
	rows := make([]highlightRow, len(hs))
	for i, h := range hs {
		rows[i] = highlightRow{
			VideoKey: meta.VideoKey, Rank: int32(h.Rank), StartMs: h.StartMs, EndMs: h.EndMs, PeakMs: h.PeakMs,
			LaggedStartMs: h.LaggedStartMs, Intensity: h.Intensity, ZScore: h.Z, Count: h.Count,
			WeightedCount: h.Weighted, Excess: h.Excess, PeakPerMin: h.PeakPerMin, BaselinePerMin: h.BaselinePerMin,
			Emotion: optString(h.Emotion), ValenceMean: nullable(h.ValenceMean),
			Keywords: nonNil(h.Keywords), Samples: nonNil(h.Samples), Ritual: h.Ritual,
		}
	}
	return writeTable(path, highlightsSchema, rows, meta)
}

// WriteBucketTerms writes keywords_by_bucket.parquet: the top terms of
// each bucket and every bursting one, by bucket then rank.
func WriteBucketTerms(path string, bts []stats.BucketTerm, meta Meta) error {
	rows := make([]bucketTermRow, len(bts))
	for i, b := range bts {
		rows[i] = bucketTermRow{
			VideoKey: meta.VideoKey, Bucket: int32(b.Bucket), StartMs: b.StartMs, EndMs: b.EndMs, Term: b.Term,
			Rank: int32(b.Rank), Count: b.Count, WeightedCount: b.Weighted, Share: b.Share, Expected: b.Expected,
			BurstScore: nullable(b.BurstScore), Bursting: b.Bursting,
		}
	}
	return writeTable(path, bucketTermSchema, rows, meta)
}

// WriteTermBursts writes term_bursts.parquet: one row per burst of a
// term, in rank order.
func WriteTermBursts(path string, bs []stats.TermBurst, meta Meta) error {
	rows := make([]termBurstRow, len(bs))
	for i, b := range bs {
		rows[i] = termBurstRow{
			VideoKey: meta.VideoKey, Rank: int32(b.Rank), Term: b.Term, StartMs: b.StartMs, EndMs: b.EndMs,
			PeakMs: b.PeakMs, Count: b.Count, WeightedCount: b.Weighted, Expected: b.Expected,
			Ratio: finite(b.Ratio), Score: b.Score,
		}
	}
	return writeTable(path, termBurstSchema, rows, meta)
}

// WriteSendTime writes sendtime.parquet: one row per calendar day from the
// first danmaku's to the last one's (grain "day"), then one per hour of
// the week, Monday 0:00 first (grain "hour_of_week").
func WriteSendTime(path string, st stats.SendTime, meta Meta) error {
	rows := make([]sendTimeRow, 0, len(st.Days)+len(st.Week))
	for _, d := range st.Days {
		day, date := int32(d.Day), d.Date
		rows = append(rows, sendTimeRowOf(meta, st.Zone, GrainDay, &day, &date, int8(d.Weekday), nil, d.Summary))
	}
	for _, h := range st.Week {
		hour := int8(h.Hour)
		rows = append(rows, sendTimeRowOf(meta, st.Zone, GrainHourOfWeek, nil, nil, int8(h.Weekday), &hour, h.Summary))
	}
	return writeTable(path, sendTimeSchema, rows, meta)
}

func sendTimeRowOf(meta Meta, zone, grain string, day *int32, date *string, weekday int8, hour *int8, s stats.Summary) sendTimeRow {
	return sendTimeRow{
		VideoKey: meta.VideoKey, Grain: grain, TimeZone: zone, Day: day, Date: date, Weekday: weekday, Hour: hour,
		Count: s.Count, ValenceMean: nullable(s.ValenceMean), ValenceCILow: nullable(s.ValenceCILow),
		ValenceCIHigh: nullable(s.ValenceCIHigh), PosShare: nullable(s.PosShare), NegShare: nullable(s.NegShare),
		NeuShare: nullable(s.NeuShare),
	}
}
