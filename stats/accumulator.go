package stats

import (
	"fmt"
	"strings"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/danmakuscope/danmakuscope/nlp"
)

// Options configure the statistics of one video. The zero value is usable.
type Options struct {
	// BucketMs is the bucket width in milliseconds; 0 chooses a readable
	// width from the video's length (see ChooseBucket).
	BucketMs int64 `json:"bucket_ms"`
}

// TermInfo tells the keyword statistics which tokens are keywords and what
// their inverse document frequency is. *nlp.Model implements it.
type TermInfo interface {
	IsKeyword(term string) bool
	IDF(term string) float64
}

// Accumulator aggregates one video's annotated record batches. It keeps
// per-second (or per-bucket, when the width is fixed) cells and per-term
// counts, never rows. It is not safe for concurrent use.
type Accumulator struct {
	opt    Options
	terms  TermInfo
	cellMs int64
	cells  map[int64]*moments
	total  moments

	n           int64
	maxProgress int64
	negative    int64

	kw       map[string]*termCount
	kwTokens int64
	rowTerms []string      // scratch for one row's distinct terms
	rowEmo   []nlp.Emotion // scratch for one record's emotions
}

type termCount struct {
	count, docs int64
}

// NewAccumulator returns an empty accumulator.
func NewAccumulator(opt Options, terms TermInfo) *Accumulator {
	cell := int64(1000)
	if opt.BucketMs > 0 {
		cell = opt.BucketMs
	}
	return &Accumulator{
		opt:    opt,
		terms:  terms,
		cellMs: cell,
		cells:  make(map[int64]*moments),
		kw:     make(map[string]*termCount),
	}
}

// Count returns the number of danmaku added.
func (a *Accumulator) Count() int64 { return a.n }

// NegativeProgress returns how many danmaku had a negative progress; they
// are counted in the first bucket.
func (a *Accumulator) NegativeProgress() int64 { return a.negative }

// Add aggregates one record batch. The record must have the columns
// progress_ms (int64), valence (float64), label (utf8), emotion (utf8: an
// nlp.Emotion name) and tokens (list<utf8>), as nlp.AnnotatedSchema does;
// other columns are ignored. Add does not retain the record; on an error
// (a missing column, an unknown emotion) nothing of the record is added.
func (a *Accumulator) Add(rec arrow.Record) error {
	progress, err := column[*array.Int64](rec, "progress_ms")
	if err != nil {
		return err
	}
	valence, err := column[*array.Float64](rec, "valence")
	if err != nil {
		return err
	}
	labels, err := column[*array.String](rec, "label")
	if err != nil {
		return err
	}
	emotions, err := column[*array.String](rec, "emotion")
	if err != nil {
		return err
	}
	// Check the emotions first so that a bad record adds nothing.
	a.rowEmo = a.rowEmo[:0]
	for i := 0; i < int(rec.NumRows()); i++ {
		e, ok := nlp.ParseEmotion(emotions.Value(i))
		if !ok {
			return fmt.Errorf("stats: row %d: unknown emotion %q", i, emotions.Value(i))
		}
		a.rowEmo = append(a.rowEmo, e)
	}
	tokens, err := column[*array.List](rec, "tokens")
	if err != nil {
		return err
	}
	words, ok := tokens.ListValues().(*array.String)
	if !ok {
		return fmt.Errorf("stats: column tokens holds %s, want list<utf8>", tokens.DataType())
	}
	for i := 0; i < int(rec.NumRows()); i++ {
		p := progress.Value(i)
		if p < 0 {
			a.negative++
			p = 0
		}
		if p > a.maxProgress {
			a.maxProgress = p
		}
		a.n++
		k := p / a.cellMs
		c := a.cells[k]
		if c == nil {
			c = new(moments)
			a.cells[k] = c
		}
		v := valence.Value(i)
		l := labels.Value(i)
		c.add(v, l, a.rowEmo[i])
		a.total.add(v, l, a.rowEmo[i])

		start, end := tokens.ValueOffsets(i)
		a.addTerms(words, int(start), int(end))
	}
	return nil
}

// addTerms counts the keyword tokens of one danmaku: every occurrence for
// Count, each distinct term once for DocFreq.
func (a *Accumulator) addTerms(words *array.String, start, end int) {
	a.rowTerms = a.rowTerms[:0]
	for j := start; j < end; j++ {
		w := words.Value(j)
		if !a.terms.IsKeyword(w) {
			continue
		}
		a.kwTokens++
		tc := a.kw[w]
		if tc == nil {
			// Arrow strings alias the record's buffers: copy before keeping.
			w = strings.Clone(w)
			tc = new(termCount)
			a.kw[w] = tc
		}
		tc.count++
		seen := false
		for _, t := range a.rowTerms {
			if t == w {
				seen = true
				break
			}
		}
		if !seen {
			a.rowTerms = append(a.rowTerms, w)
			tc.docs++
		}
	}
}

// column returns the named column of rec as array type T.
func column[T arrow.Array](rec arrow.Record, name string) (T, error) {
	var zero T
	idx := rec.Schema().FieldIndices(name)
	if len(idx) == 0 {
		return zero, fmt.Errorf("stats: record has no column %q", name)
	}
	col, ok := rec.Column(idx[0]).(T)
	if !ok {
		return zero, fmt.Errorf("stats: column %q holds %s, want %T", name, rec.Column(idx[0]).DataType(), zero)
	}
	return col, nil
}
