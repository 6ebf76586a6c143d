package report

import (
	"fmt"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/parquet-go/parquet-go"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// rawRow is one row of raw.parquet: the canonical danmaku columns, as a
// source yielded them, before any analysis.
type rawRow struct {
	VideoKey   string     `parquet:"video_key,dict"`
	Source     string     `parquet:"source,dict"`
	Aid        *int64     `parquet:"aid,optional"`
	Cid        *int64     `parquet:"cid,optional"`
	Dmid       int64      `parquet:"dmid"`
	ProgressMs int64      `parquet:"progress_ms"`
	SentAt     *time.Time `parquet:"sent_at,optional,timestamp(millisecond:utc)"`
	Mode       int8       `parquet:"mode"`
	Fontsize   int16      `parquet:"fontsize"`
	Color      uint32     `parquet:"color"`
	Pool       int8       `parquet:"pool"`
	Weight     *int8      `parquet:"weight,optional"`
	UserHash   *string    `parquet:"user_hash,optional"`
	Text       string     `parquet:"text"`
}

var rawSchema = parquet.NewSchema("danmaku", parquet.SchemaOf(new(rawRow)))

// RawWriter streams record batches of the canonical schema ([fetch.Schema])
// into a Parquet file (raw.parquet of `analyze fetch`). The file appears
// under its name only when Close succeeds.
type RawWriter struct {
	file *atomicFile
	w    *parquet.GenericWriter[rawRow]
	rows []rawRow
	n    int64
}

// NewRawWriter starts writing path.
func NewRawWriter(path string, meta Meta) (*RawWriter, error) {
	f, err := createAtomic(path)
	if err != nil {
		return nil, err
	}
	return &RawWriter{file: f, w: parquet.NewGenericWriter[rawRow](f, meta.writerOptions(rawSchema)...)}, nil
}

// Write appends the rows of one record in the canonical schema. It does
// not retain the record.
func (r *RawWriter) Write(rec arrow.Record) error {
	if !rec.Schema().Equal(fetch.Schema) {
		return fmt.Errorf("raw.parquet: record schema %v is not the canonical danmaku schema", rec.Schema())
	}
	n := int(rec.NumRows())
	col := rec.Column
	videoKey, source := col(fetch.ColVideoKey).(*array.String), col(fetch.ColSource).(*array.String)
	aid, cid := col(fetch.ColAid).(*array.Int64), col(fetch.ColCid).(*array.Int64)
	dmid, progress := col(fetch.ColDmid).(*array.Int64), col(fetch.ColProgressMs).(*array.Int64)
	sentAt := col(fetch.ColSentAt).(*array.Timestamp)
	mode, pool, weight := col(fetch.ColMode).(*array.Int8), col(fetch.ColPool).(*array.Int8), col(fetch.ColWeight).(*array.Int8)
	fontsize, color := col(fetch.ColFontsize).(*array.Int16), col(fetch.ColColor).(*array.Uint32)
	userHash, text := col(fetch.ColUserHash).(*array.String), col(fetch.ColText).(*array.String)
	ints := make([]int64, 0, 2*n)
	times := make([]time.Time, 0, n)
	weights := make([]int8, 0, n)
	hashes := make([]string, 0, n)
	r.rows = r.rows[:0]
	for i := range n {
		row := rawRow{
			VideoKey: videoKey.Value(i), Source: source.Value(i), Dmid: dmid.Value(i), ProgressMs: progress.Value(i),
			Mode: mode.Value(i), Fontsize: fontsize.Value(i), Color: color.Value(i), Pool: pool.Value(i), Text: text.Value(i),
		}
		if aid.IsValid(i) {
			ints = append(ints, aid.Value(i))
			row.Aid = &ints[len(ints)-1]
		}
		if cid.IsValid(i) {
			ints = append(ints, cid.Value(i))
			row.Cid = &ints[len(ints)-1]
		}
		if sentAt.IsValid(i) {
			times = append(times, time.UnixMilli(int64(sentAt.Value(i))).UTC())
			row.SentAt = &times[len(times)-1]
		}
		if weight.IsValid(i) {
			weights = append(weights, weight.Value(i))
			row.Weight = &weights[len(weights)-1]
		}
		if userHash.IsValid(i) {
			hashes = append(hashes, userHash.Value(i))
			row.UserHash = &hashes[len(hashes)-1]
		}
		r.rows = append(r.rows, row)
	}
	if _, err := r.w.Write(r.rows); err != nil {
		return fmt.Errorf("raw.parquet: %w", err)
	}
	r.n += int64(n)
	return nil
}

// Rows returns the number of rows written so far.
func (r *RawWriter) Rows() int64 { return r.n }

// Close finishes the file and moves it into place.
func (r *RawWriter) Close() error {
	if err := r.w.Close(); err != nil {
		r.file.Abort()
		return fmt.Errorf("raw.parquet: %w", err)
	}
	return r.file.Commit()
}

// Abort discards the partial file.
func (r *RawWriter) Abort() { r.file.Abort() }
