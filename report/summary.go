package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/stats"
)

// Summary is the content of summary.json: one video's provenance, counts,
// overall figures and parameters. Fields whose value is undefined are
// omitted. The "render" section describes the machine's fonts and is the
// only part that may differ between machines; `analyze diff` ignores it.
type Summary struct {
	SchemaVersion int    `json:"schema_version"`
	Engine        Engine `json:"engine"`
	VideoKey      string `json:"video_key"`
	Source        string `json:"source"`
	Aid           int64  `json:"aid,omitempty"`
	Cid           int64  `json:"cid,omitempty"`

	Inputs []Input `json:"inputs"`
	Counts Counts  `json:"counts"`
	// Skips lists the first MaxSkipsListed skips in input order.
	Skips []fetch.Skip `json:"skips,omitempty"`

	DurationMs int64 `json:"duration_ms"`
	BucketMs   int64 `json:"bucket_ms"`
	Buckets    int   `json:"buckets"`

	Sentiment   Sentiment      `json:"sentiment"`
	TopKeywords []KeywordBrief `json:"top_keywords"`
	Reactions   Reactions      `json:"reactions"`

	LexiconDigest string          `json:"lexicon_digest"`
	Parameters    json.RawMessage `json:"parameters"`
	Render        Render          `json:"render"`
}

// MaxSkipsListed bounds Summary.Skips; the counts are always complete.
const MaxSkipsListed = 100

// Engine names the program and version that wrote the report.
type Engine struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Input is one input file (or fetched document) of a video.
type Input struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256,omitempty"`
	Bytes  int64  `json:"bytes"`
	Format string `json:"format,omitempty"`
}

// Counts say how many danmaku were read, analysed and skipped, and why.
type Counts struct {
	// Items is every danmaku item seen in the inputs.
	Items int `json:"items"`
	// Danmaku is the number analysed: the rows of danmaku.parquet.
	Danmaku int64 `json:"danmaku"`
	// Skipped counts skipped items and damage by reason.
	Skipped map[string]int `json:"skipped"`
	// SkippedTotal is the sum of Skipped.
	SkippedTotal int `json:"skipped_total"`
	// Ignored counts non-danmaku elements (gift, sc, guard…) by name.
	Ignored map[string]int `json:"ignored"`
	// NegativeProgress counts danmaku placed before the video's start; they
	// are kept and counted in the first bucket.
	NegativeProgress int64 `json:"negative_progress"`
	// Excluded counts danmaku left out of the analysis by reason
	// ("subtitle_pool", "special_mode"): they are in danmaku.parquet but in
	// no curve, keyword or highlight.
	Excluded map[string]int64 `json:"excluded"`
	// Analysed is Danmaku minus the excluded ones.
	Analysed int64 `json:"analysed"`
}

// Reactions summarises the reaction analytics of the video.
type Reactions struct {
	// Highlights is the number of rows of highlights.parquet.
	Highlights int `json:"highlights"`
	// RitualBursts is the number of ritual bursts recognised at the start
	// and end (left out of highlights.parquet unless asked for).
	RitualBursts int `json:"ritual_bursts"`
	// TermBursts is the number of rows of term_bursts.parquet.
	TermBursts int `json:"term_bursts"`
	// Flood says what flood control did.
	Flood stats.FloodStats `json:"flood"`
	// SendTime reports whether sendtime.parquet was written (the danmaku
	// carry send times).
	SendTime bool `json:"send_time"`
	// Emotions reports whether the danmaku carried emotions.
	Emotions bool `json:"emotions"`
}

// ReactionsOf summarises reaction analytics for summary.json.
func ReactionsOf(r stats.Reactions) Reactions {
	return Reactions{Highlights: len(r.Highlights), RitualBursts: r.Rituals, TermBursts: len(r.Bursts),
		Flood: r.Flood, SendTime: r.HasSendTime, Emotions: r.Emotions.Known}
}

// Sentiment is the overall sentiment of the video.
type Sentiment struct {
	ValenceMean   *float64 `json:"valence_mean,omitempty"`
	ValenceCILow  *float64 `json:"valence_ci_low,omitempty"`
	ValenceCIHigh *float64 `json:"valence_ci_high,omitempty"`
	PosShare      *float64 `json:"pos_share,omitempty"`
	NegShare      *float64 `json:"neg_share,omitempty"`
	NeuShare      *float64 `json:"neu_share,omitempty"`
	// Emotions is the video's emotion mix: the share of danmaku whose
	// dominant emotion is each (sum 1); omitted when there are none.
	Emotions *EmotionMix `json:"emotions,omitempty"`
}

// SentimentOf converts a stats summary, leaving undefined values out.
func SentimentOf(s stats.Summary) Sentiment {
	out := Sentiment{
		ValenceMean:   nullable(s.ValenceMean),
		ValenceCILow:  nullable(s.ValenceCILow),
		ValenceCIHigh: nullable(s.ValenceCIHigh),
		PosShare:      nullable(s.PosShare),
		NegShare:      nullable(s.NegShare),
		NeuShare:      nullable(s.NeuShare),
	}
	if s.Count > 0 {
		out.Emotions = emotionMixOf(s)
	}
	return out
}

// KeywordBrief is a keyword as listed in summary.json.
type KeywordBrief struct {
	Term  string  `json:"term"`
	Count int64   `json:"count"`
	TFIDF float64 `json:"tfidf"`
}

// TopKeywords returns the first n keywords in brief form.
func TopKeywords(kws []stats.Keyword, n int) []KeywordBrief {
	out := make([]KeywordBrief, 0, min(n, len(kws)))
	for _, k := range kws[:min(n, len(kws))] {
		out = append(out, KeywordBrief{Term: k.Term, Count: k.Count, TFIDF: k.TFIDF})
	}
	return out
}

// Render records what the charts were drawn with.
type Render struct {
	// Font is the name of the CJK font used; empty when none was found.
	Font string `json:"font,omitempty"`
	// FontFile is the file it came from.
	FontFile string `json:"font_file,omitempty"`
	// CJK reports whether Chinese text in charts renders as glyphs.
	CJK bool `json:"cjk"`
	// Warning explains what is wrong with the charts, if anything.
	Warning string `json:"warning,omitempty"`
}

// WriteSummary writes summary.json atomically, indented, with a final newline.
func WriteSummary(path string, s *Summary) error {
	s.SchemaVersion = SchemaVersion
	s.Engine = Engine{Name: "danmakuscope", Version: EngineVersion}
	if s.Parameters == nil {
		s.Parameters = json.RawMessage("{}")
	}
	if s.Counts.Skipped == nil {
		s.Counts.Skipped = map[string]int{}
	}
	if s.Counts.Ignored == nil {
		s.Counts.Ignored = map[string]int{}
	}
	if s.Counts.Excluded == nil {
		s.Counts.Excluded = map[string]int64{}
	}
	if s.TopKeywords == nil {
		s.TopKeywords = []KeywordBrief{}
	}
	for _, k := range s.TopKeywords {
		if math.IsNaN(k.TFIDF) || math.IsInf(k.TFIDF, 0) {
			return fmt.Errorf("summary.json: keyword %q has TF-IDF %v", k.Term, k.TFIDF)
		}
	}
	return WriteFileAtomic(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	})
}

// ReadSummary reads a summary.json.
func ReadSummary(path string) (*Summary, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var s Summary
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &s, nil
}

// DescribeFile returns an Input for a file: its base name, size and SHA-256.
func DescribeFile(path string) (Input, error) {
	f, err := os.Open(path)
	if err != nil {
		return Input{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return Input{}, fmt.Errorf("read %s: %w", path, err)
	}
	return Input{Name: filepath.Base(path), SHA256: hex.EncodeToString(h.Sum(nil)), Bytes: n}, nil
}
