package report

import (
	"fmt"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/parquet-go/parquet-go"

	"github.com/danmakuscope/danmakuscope/nlp"
)

// danmakuRow is one row of danmaku.parquet: the canonical columns plus the
// nlp annotations. Nullable columns are pointers.
type danmakuRow struct {
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
	Tokens     []string   `parquet:"tokens,list"`
	Valence    float64    `parquet:"valence"`
	Label      string     `parquet:"label,dict"`
	Emotion    string     `parquet:"emotion,dict"`
	Joy        float64    `parquet:"joy"`
	Like       float64    `parquet:"like"`
	Sorrow     float64    `parquet:"sorrow"`
	Anger      float64    `parquet:"anger"`
	Fear       float64    `parquet:"fear"`
	Disgust    float64    `parquet:"disgust"`
	Surprise   float64    `parquet:"surprise"`
}

var danmakuSchema = parquet.NewSchema("danmaku", parquet.SchemaOf(new(danmakuRow)))

// DanmakuWriter streams annotated record batches into danmaku.parquet. The
// file appears under its name only when Close succeeds.
type DanmakuWriter struct {
	file *atomicFile
	w    *parquet.GenericWriter[danmakuRow]
	rows []danmakuRow
	n    int64
}

// NewDanmakuWriter starts writing path.
func NewDanmakuWriter(path string, meta Meta) (*DanmakuWriter, error) {
	f, err := createAtomic(path)
	if err != nil {
		return nil, err
	}
	return &DanmakuWriter{file: f, w: parquet.NewGenericWriter[danmakuRow](f, meta.writerOptions(danmakuSchema)...)}, nil
}

// annotatedColumns are the arrays of one record in nlp.AnnotatedSchema.
type annotatedColumns struct {
	videoKey, source, userHash, text, label *array.String
	emotion                                 *array.String
	scores                                  [nlp.NumEmotions]*array.Float64
	aid, cid, dmid, progress                *array.Int64
	sentAt                                  *array.Timestamp
	mode, pool, weight                      *array.Int8
	fontsize                                *array.Int16
	color                                   *array.Uint32
	tokens                                  *array.List
	words                                   *array.String
	valence                                 *array.Float64
}

func columnsOf(rec arrow.Record) (c annotatedColumns, err error) {
	get := func(name string, dst any) {
		if err != nil {
			return
		}
		idx := rec.Schema().FieldIndices(name)
		if len(idx) == 0 {
			err = fmt.Errorf("record has no column %q", name)
			return
		}
		col := rec.Column(idx[0])
		ok := false
		switch d := dst.(type) {
		case **array.String:
			*d, ok = col.(*array.String)
		case **array.Int64:
			*d, ok = col.(*array.Int64)
		case **array.Timestamp:
			*d, ok = col.(*array.Timestamp)
		case **array.Int8:
			*d, ok = col.(*array.Int8)
		case **array.Int16:
			*d, ok = col.(*array.Int16)
		case **array.Uint32:
			*d, ok = col.(*array.Uint32)
		case **array.List:
			*d, ok = col.(*array.List)
		case **array.Float64:
			*d, ok = col.(*array.Float64)
		}
		if !ok {
			err = fmt.Errorf("column %q has type %s", name, col.DataType())
		}
	}
	get("video_key", &c.videoKey)
	get("source", &c.source)
	get("aid", &c.aid)
	get("cid", &c.cid)
	get("dmid", &c.dmid)
	get("progress_ms", &c.progress)
	get("sent_at", &c.sentAt)
	get("mode", &c.mode)
	get("fontsize", &c.fontsize)
	get("color", &c.color)
	get("pool", &c.pool)
	get("weight", &c.weight)
	get("user_hash", &c.userHash)
	get("text", &c.text)
	get("tokens", &c.tokens)
	get("valence", &c.valence)
	get("label", &c.label)
	get("emotion", &c.emotion)
	for i, e := range nlp.Emotions() {
		get(e.String(), &c.scores[i])
	}
	if err == nil {
		var ok bool
		if c.words, ok = c.tokens.ListValues().(*array.String); !ok {
			err = fmt.Errorf("column %q has type %s, want list<utf8>", "tokens", c.tokens.DataType())
		}
	}
	return c, err
}

// Write appends the rows of one record in nlp.AnnotatedSchema. It does not
// retain the record.
func (d *DanmakuWriter) Write(rec arrow.Record) error {
	c, err := columnsOf(rec)
	if err != nil {
		return fmt.Errorf("danmaku.parquet: %w", err)
	}
	n := int(rec.NumRows())
	if n == 0 {
		return nil
	}
	d.rows = d.rows[:0]
	// Backing stores for the pointer and list fields of this batch: one
	// allocation each instead of one per row.
	ints := make([]int64, 0, 2*n)
	times := make([]time.Time, 0, n)
	weights := make([]int8, 0, n)
	hashes := make([]string, 0, n)
	start, _ := c.tokens.ValueOffsets(0)
	_, end := c.tokens.ValueOffsets(n - 1)
	words := make([]string, 0, end-start)
	for j := int(start); j < int(end); j++ {
		words = append(words, c.words.Value(j))
	}
	for i := 0; i < n; i++ {
		r := danmakuRow{
			VideoKey:   c.videoKey.Value(i),
			Source:     c.source.Value(i),
			Dmid:       c.dmid.Value(i),
			ProgressMs: c.progress.Value(i),
			Mode:       c.mode.Value(i),
			Fontsize:   c.fontsize.Value(i),
			Color:      c.color.Value(i),
			Pool:       c.pool.Value(i),
			Text:       c.text.Value(i),
			Valence:    c.valence.Value(i),
			Label:      c.label.Value(i),
			Emotion:    c.emotion.Value(i),
			Joy:        c.scores[nlp.Joy-1].Value(i),
			Like:       c.scores[nlp.Like-1].Value(i),
			Sorrow:     c.scores[nlp.Sorrow-1].Value(i),
			Anger:      c.scores[nlp.Anger-1].Value(i),
			Fear:       c.scores[nlp.Fear-1].Value(i),
			Disgust:    c.scores[nlp.Disgust-1].Value(i),
			Surprise:   c.scores[nlp.Surprise-1].Value(i),
		}
		if c.aid.IsValid(i) {
			ints = append(ints, c.aid.Value(i))
			r.Aid = &ints[len(ints)-1]
		}
		if c.cid.IsValid(i) {
			ints = append(ints, c.cid.Value(i))
			r.Cid = &ints[len(ints)-1]
		}
		if c.sentAt.IsValid(i) {
			times = append(times, time.UnixMilli(int64(c.sentAt.Value(i))).UTC())
			r.SentAt = &times[len(times)-1]
		}
		if c.weight.IsValid(i) {
			weights = append(weights, c.weight.Value(i))
			r.Weight = &weights[len(weights)-1]
		}
		if c.userHash.IsValid(i) {
			hashes = append(hashes, c.userHash.Value(i))
			r.UserHash = &hashes[len(hashes)-1]
		}
		s, e := c.tokens.ValueOffsets(i)
		r.Tokens = words[s-start : e-start : e-start]
		d.rows = append(d.rows, r)
	}
	if _, err := d.w.Write(d.rows); err != nil {
		return fmt.Errorf("danmaku.parquet: %w", err)
	}
	d.n += int64(n)
	return nil
}

// Rows returns the number of rows written so far.
func (d *DanmakuWriter) Rows() int64 { return d.n }

// Close finishes the file and moves it into place.
func (d *DanmakuWriter) Close() error {
	if err := d.w.Close(); err != nil {
		d.file.Abort()
		return fmt.Errorf("danmaku.parquet: %w", err)
	}
	return d.file.Commit()
}

// Abort discards the partial file.
func (d *DanmakuWriter) Abort() { d.file.Abort() }
