package report

import (
	"fmt"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/parquet-go/parquet-go"

	"github.com/danmakuscope/danmakuscope/nlp"
)

// danmakuRow is one row of danmaku.parquet: the canonical columns plus the
// nlp annotations.
type danmakuRow struct {
	canonicalRow
	Tokens   []string `parquet:"tokens,list"`
	Valence  float64  `parquet:"valence"`
	Label    string   `parquet:"label,dict"`
	Emotion  string   `parquet:"emotion,dict"`
	Joy      float64  `parquet:"joy"`
	Like     float64  `parquet:"like"`
	Sorrow   float64  `parquet:"sorrow"`
	Anger    float64  `parquet:"anger"`
	Fear     float64  `parquet:"fear"`
	Disgust  float64  `parquet:"disgust"`
	Surprise float64  `parquet:"surprise"`
}

var danmakuSchema = parquet.NewSchema("danmaku", parquet.SchemaOf(new(danmakuRow)))

// DanmakuWriter streams annotated record batches into danmaku.parquet. The
// file appears under its name only when Close succeeds.
type DanmakuWriter struct {
	*rowWriter[danmakuRow]
}

// NewDanmakuWriter starts writing path.
func NewDanmakuWriter(path string, meta Meta) (*DanmakuWriter, error) {
	w, err := newRowWriter[danmakuRow]("danmaku.parquet", path, danmakuSchema, meta)
	if err != nil {
		return nil, err
	}
	return &DanmakuWriter{w}, nil
}

// annotatedColumns are the arrays of one record in nlp.AnnotatedSchema.
type annotatedColumns struct {
	canonicalColumns
	label, emotion *array.String
	scores         [nlp.NumEmotions]*array.Float64
	tokens         *array.List
	words          *array.String
	valence        *array.Float64
}

func columnsOf(rec arrow.Record) (c annotatedColumns, err error) {
	g := newColumnGetter(rec)
	g.canonical(&c.canonicalColumns)
	g.get("tokens", &c.tokens)
	g.get("valence", &c.valence)
	g.get("label", &c.label)
	g.get("emotion", &c.emotion)
	for i, e := range nlp.Emotions() {
		g.get(e.String(), &c.scores[i])
	}
	if g.err != nil {
		return c, g.err
	}
	var ok bool
	if c.words, ok = c.tokens.ListValues().(*array.String); !ok {
		return c, fmt.Errorf("column %q has type %s, want list<utf8>", "tokens", c.tokens.DataType())
	}
	return c, nil
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
	a := newRowArena(n)
	start, _ := c.tokens.ValueOffsets(0)
	_, end := c.tokens.ValueOffsets(n - 1)
	words := make([]string, 0, end-start)
	for j := int(start); j < int(end); j++ {
		words = append(words, c.words.Value(j))
	}
	for i := 0; i < n; i++ {
		s, e := c.tokens.ValueOffsets(i)
		d.rows = append(d.rows, danmakuRow{
			canonicalRow: c.row(i, &a),
			Tokens:       words[s-start : e-start : e-start],
			Valence:      c.valence.Value(i),
			Label:        c.label.Value(i),
			Emotion:      c.emotion.Value(i),
			Joy:          c.scores[nlp.Joy-1].Value(i),
			Like:         c.scores[nlp.Like-1].Value(i),
			Sorrow:       c.scores[nlp.Sorrow-1].Value(i),
			Anger:        c.scores[nlp.Anger-1].Value(i),
			Fear:         c.scores[nlp.Fear-1].Value(i),
			Disgust:      c.scores[nlp.Disgust-1].Value(i),
			Surprise:     c.scores[nlp.Surprise-1].Value(i),
		})
	}
	return d.flush()
}
