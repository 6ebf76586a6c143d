package report

import (
	"io"
	"math"

	"github.com/danmakuscope/danmakuscope/nlp"
	"github.com/danmakuscope/danmakuscope/stats"
	"github.com/parquet-go/parquet-go"
)

// curveRow is one row of curves.parquet.
type curveRow struct {
	VideoKey      string   `parquet:"video_key,dict"`
	Bucket        int32    `parquet:"bucket"`
	StartMs       int64    `parquet:"start_ms"`
	EndMs         int64    `parquet:"end_ms"`
	Count         int64    `parquet:"count"`
	DensityPerMin float64  `parquet:"density_per_min"`
	ValenceMean   *float64 `parquet:"valence_mean,optional"`
	ValenceCILow  *float64 `parquet:"valence_ci_low,optional"`
	ValenceCIHigh *float64 `parquet:"valence_ci_high,optional"`
	PosShare      *float64 `parquet:"pos_share,optional"`
	NegShare      *float64 `parquet:"neg_share,optional"`
	NeuShare      *float64 `parquet:"neu_share,optional"`
	JoyShare      *float64 `parquet:"joy_share,optional"`
	LikeShare     *float64 `parquet:"like_share,optional"`
	SorrowShare   *float64 `parquet:"sorrow_share,optional"`
	AngerShare    *float64 `parquet:"anger_share,optional"`
	FearShare     *float64 `parquet:"fear_share,optional"`
	DisgustShare  *float64 `parquet:"disgust_share,optional"`
	SurpriseShare *float64 `parquet:"surprise_share,optional"`
	NoneShare     *float64 `parquet:"none_share,optional"`
	// After flood control, and smoothed (see stats.Bucket).
	WeightedCount float64  `parquet:"weighted_count"`
	DensitySmooth float64  `parquet:"density_smooth_per_min"`
	ValenceSmooth *float64 `parquet:"valence_smooth,optional"`
}

// keywordRow is one row of keywords.parquet.
type keywordRow struct {
	VideoKey string   `parquet:"video_key,dict"`
	Term     string   `parquet:"term"`
	Count    int64    `parquet:"count"`
	DocFreq  int64    `parquet:"doc_freq"`
	TFIDF    float64  `parquet:"tfidf"`
	Rank     int32    `parquet:"rank"`
	Kind     string   `parquet:"kind,dict"`
	Keyness  *float64 `parquet:"keyness,optional"`
}

var (
	curvesSchema   = parquet.NewSchema("curves", parquet.SchemaOf(new(curveRow)))
	keywordsSchema = parquet.NewSchema("keywords", parquet.SchemaOf(new(keywordRow)))
)

// nullable maps NaN (undefined) to a Parquet null.
func nullable(f float64) *float64 {
	if math.IsNaN(f) {
		return nil
	}
	return &f
}

// WriteCurves writes curves.parquet: one row per time bucket.
func WriteCurves(path string, c stats.Curves, meta Meta) error {
	rows := make([]curveRow, len(c.Buckets))
	for i, b := range c.Buckets {
		rows[i] = curveRow{
			VideoKey:      meta.VideoKey,
			Bucket:        int32(b.Index),
			StartMs:       b.StartMs,
			EndMs:         b.EndMs,
			Count:         b.Count,
			DensityPerMin: b.DensityPerMin,
			ValenceMean:   nullable(b.ValenceMean),
			ValenceCILow:  nullable(b.ValenceCILow),
			ValenceCIHigh: nullable(b.ValenceCIHigh),
			PosShare:      nullable(b.PosShare),
			NegShare:      nullable(b.NegShare),
			NeuShare:      nullable(b.NeuShare),
			JoyShare:      nullable(b.EmotionShares[nlp.Joy]),
			LikeShare:     nullable(b.EmotionShares[nlp.Like]),
			SorrowShare:   nullable(b.EmotionShares[nlp.Sorrow]),
			AngerShare:    nullable(b.EmotionShares[nlp.Anger]),
			FearShare:     nullable(b.EmotionShares[nlp.Fear]),
			DisgustShare:  nullable(b.EmotionShares[nlp.Disgust]),
			SurpriseShare: nullable(b.EmotionShares[nlp.Surprise]),
			NoneShare:     nullable(b.EmotionShares[nlp.NoEmotion]),
			WeightedCount: b.Weighted,
			DensitySmooth: b.DensitySmooth,
			ValenceSmooth: nullable(b.ValenceSmooth),
		}
	}
	return writeTable(path, curvesSchema, rows, meta)
}

// WriteKeywords writes keywords.parquet: one row per term, in rank order.
func WriteKeywords(path string, kws []stats.Keyword, meta Meta) error {
	rows := make([]keywordRow, len(kws))
	for i, k := range kws {
		rows[i] = keywordRow{
			VideoKey: meta.VideoKey,
			Term:     k.Term,
			Count:    k.Count,
			DocFreq:  k.DocFreq,
			TFIDF:    k.TFIDF,
			Rank:     int32(k.Rank),
			Kind:     k.Kind,
			Keyness:  nullable(k.Keyness),
		}
	}
	return writeTable(path, keywordsSchema, rows, meta)
}

// writeTable writes rows as one Parquet file, atomically.
func writeTable[T any](path string, schema *parquet.Schema, rows []T, meta Meta) error {
	return WriteFileAtomic(path, func(w io.Writer) error {
		pw := parquet.NewGenericWriter[T](w, meta.writerOptions(schema)...)
		if _, err := pw.Write(rows); err != nil {
			return err
		}
		return pw.Close()
	})
}
