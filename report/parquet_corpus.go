package report

import (
	"github.com/danmakuscope/danmakuscope/stats"
	"github.com/parquet-go/parquet-go"
)

// Run-level files: written at the root of a report tree, beside the video
// directories, from the merged per-video partial aggregates.
const (
	VideosFile          = "videos.parquet"
	CorpusKeywordsFile  = "keywords.parquet"
	KeynessFile         = "keyness.parquet"
	ComparisonChartFile = "charts/videos.png"
)

// videoRow is one row of videos.parquet.
type videoRow struct {
	VideoKey      string   `parquet:"video_key"`
	Source        string   `parquet:"source,dict"`
	Danmaku       int64    `parquet:"danmaku"`
	Excluded      int64    `parquet:"excluded"`
	DurationMs    int64    `parquet:"duration_ms"`
	BucketMs      int64    `parquet:"bucket_ms"`
	PerMin        float64  `parquet:"danmaku_per_min"`
	PeakPerMin    float64  `parquet:"peak_per_min"`
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
	Highlights    int32    `parquet:"highlights"`
	TermBursts    int32    `parquet:"term_bursts"`
	FloodUsers    int32    `parquet:"flood_users"`
	TopKeywords   []string `parquet:"top_keywords,list"`
}

// corpusKeywordRow is one row of the run's keywords.parquet.
type corpusKeywordRow struct {
	Term    string   `parquet:"term"`
	Kind    string   `parquet:"kind,dict"`
	Count   int64    `parquet:"count"`
	DocFreq int64    `parquet:"doc_freq"`
	Videos  int64    `parquet:"videos"`
	TFIDF   float64  `parquet:"tfidf"`
	Keyness *float64 `parquet:"keyness,optional"`
	Rank    int32    `parquet:"rank"`
}

// keynessRow is one row of keyness.parquet.
type keynessRow struct {
	VideoKey      string  `parquet:"video_key,dict"`
	Term          string  `parquet:"term"`
	Kind          string  `parquet:"kind,dict"`
	Rank          int32   `parquet:"rank"`
	Count         int64   `parquet:"count"`
	OtherCount    int64   `parquet:"other_count"`
	LogLikelihood float64 `parquet:"log_likelihood"`
	LogRatio      float64 `parquet:"log_ratio"`
}

var (
	videosSchema         = parquet.NewSchema("videos", parquet.SchemaOf(new(videoRow)))
	corpusKeywordsSchema = parquet.NewSchema("corpus_keywords", parquet.SchemaOf(new(corpusKeywordRow)))
	keynessSchema        = parquet.NewSchema("keyness", parquet.SchemaOf(new(keynessRow)))
)

// WriteVideos writes videos.parquet: one row per video, by video key.
func WriteVideos(path string, vs []stats.VideoFacts, meta Meta) error {
	rows := make([]videoRow, len(vs))
	for i, v := range vs {
		s := v.Sentiment
		r := videoRow{
			VideoKey: v.VideoKey, Source: v.Source, Danmaku: v.Danmaku, Excluded: v.Excluded,
			DurationMs: v.DurationMs, BucketMs: v.BucketMs, PerMin: v.MeanPerMin, PeakPerMin: v.PeakPerMin,
			ValenceMean: nullable(s.ValenceMean), ValenceCILow: nullable(s.ValenceCILow), ValenceCIHigh: nullable(s.ValenceCIHigh),
			PosShare: nullable(s.PosShare), NegShare: nullable(s.NegShare), NeuShare: nullable(s.NeuShare),
			Highlights: int32(v.Highlights), TermBursts: int32(v.TermBursts), FloodUsers: int32(v.FloodUsers),
			TopKeywords: nonNil(v.TopKeywords),
		}
		if v.Emotions.Known {
			e := v.Emotions.Shares
			r.JoyShare, r.LikeShare, r.SorrowShare, r.AngerShare = nullable(e[0]), nullable(e[1]), nullable(e[2]), nullable(e[3])
			r.FearShare, r.DisgustShare, r.SurpriseShare, r.NoneShare = nullable(e[4]), nullable(e[5]), nullable(e[6]), nullable(e[7])
		}
		rows[i] = r
	}
	return writeTable(path, videosSchema, rows, meta)
}

// WriteCorpusKeywords writes the run's keywords.parquet: one row per term
// over all videos, in rank order.
func WriteCorpusKeywords(path string, kws []stats.CorpusKeyword, meta Meta) error {
	rows := make([]corpusKeywordRow, len(kws))
	for i, k := range kws {
		rows[i] = corpusKeywordRow{Term: k.Term, Kind: k.Kind, Count: k.Count, DocFreq: k.DocFreq, Videos: k.Videos,
			TFIDF: k.TFIDF, Keyness: nullable(k.Keyness), Rank: int32(k.Rank)}
	}
	return writeTable(path, corpusKeywordsSchema, rows, meta)
}

// WriteKeyness writes keyness.parquet: each video's frequent terms with
// their keyness against the other videos of the run, by video then rank.
func WriteKeyness(path string, ks []stats.VideoKeyness, meta Meta) error {
	rows := make([]keynessRow, len(ks))
	for i, k := range ks {
		rows[i] = keynessRow{VideoKey: k.VideoKey, Term: k.Term, Kind: k.Kind, Rank: int32(k.Rank), Count: k.Count,
			OtherCount: k.OtherCount, LogLikelihood: k.LogLikelihood, LogRatio: k.LogRatio}
	}
	return writeTable(path, keynessSchema, rows, meta)
}
