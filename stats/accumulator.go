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
	// Reactions configure which danmaku count, flood control, smoothing,
	// highlights and send-time trends.
	Reactions ReactionOptions `json:"reactions"`
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
	kwNames  []string // term by id
	kwTokens int64
	rowTerms []string      // scratch for one row's distinct terms
	rowKw    []bool        // scratch: which of one row's tokens are keywords
	rowEmo   []nlp.Emotion // scratch for one record's emotions

	react *reactor
}

type termCount struct {
	count, docs int64
	id          int32
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
		react:  newReactor(opt.Reactions, opt.BucketMs),
	}
}

// Count returns the number of danmaku added.
func (a *Accumulator) Count() int64 { return a.n }

// NegativeProgress returns how many danmaku had a negative progress; they
// are counted in the first bucket.
func (a *Accumulator) NegativeProgress() int64 { return a.negative }

// Add aggregates one record batch. The record must have the columns
// progress_ms (int64), valence (float64), label (utf8) and tokens
// (list<utf8>), as nlp.AnnotatedSchema does; emotion (utf8: an nlp.Emotion
// name; "none" when absent), pool and mode (int8, to leave out subtitle and
// special danmaku), user_hash (utf8, for flood control), sent_at (timestamp,
// for send-time trends) and text (utf8) are used when present; other
// columns are ignored. Add does not retain the record; on an error (a
// missing column, an unknown emotion) nothing of the record is added.
func (a *Accumulator) Add(rec arrow.Record) error {
	b, err := readBatch(rec)
	if err != nil {
		return err
	}
	// Check the emotions first so that a bad record adds nothing.
	a.rowEmo = a.rowEmo[:0]
	for i := 0; i < int(rec.NumRows()); i++ {
		e := nlp.NoEmotion
		if b.emotion != nil {
			var ok bool
			if e, ok = nlp.ParseEmotion(b.emotion.Value(i)); !ok {
				return fmt.Errorf("stats: row %d: unknown emotion %q", i, b.emotion.Value(i))
			}
		}
		a.rowEmo = append(a.rowEmo, e)
	}
	for i := 0; i < int(rec.NumRows()); i++ {
		if reason := a.react.exclusion(b, i); reason != "" {
			a.react.excluded[reason]++
			continue
		}
		p := b.progress.Value(i)
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
		v := b.valence.Value(i)
		l := b.labels.Value(i)
		c.add(v, l, a.rowEmo[i])
		a.total.add(v, l, a.rowEmo[i])

		w := a.react.weight(b, i, p)
		sc := a.react.slices.cell(p)
		start, end := b.tokens.ValueOffsets(i)
		a.addTerms(b.words, int(start), int(end), sc, w)
		a.react.memes.add(b.words, int(start), int(end), a.rowKw)
		a.react.textKey(b, i, int(start), int(end))
		if err := a.react.add(b, i, p, w, v, l, a.rowEmo[i], sc); err != nil {
			return err
		}
	}
	return nil
}

// addTerms counts the keyword tokens of one danmaku: every occurrence for
// Count, each distinct term once for DocFreq, and every occurrence with
// the danmaku's flood weight w in its time slice sc. It leaves in a.rowKw
// which tokens are keywords.
func (a *Accumulator) addTerms(words *array.String, start, end int, sc *sliceCell, w float64) {
	a.rowTerms = a.rowTerms[:0]
	a.rowKw = a.rowKw[:0]
	for j := start; j < end; j++ {
		t := words.Value(j)
		isKw := a.terms.IsKeyword(t)
		a.rowKw = append(a.rowKw, isKw)
		if !isKw {
			continue
		}
		a.kwTokens++
		tc := a.kw[t]
		if tc == nil {
			// Arrow strings alias the record's buffers: copy before keeping.
			t = strings.Clone(t)
			tc = &termCount{id: int32(len(a.kwNames))}
			a.kw[t] = tc
			a.kwNames = append(a.kwNames, t)
		}
		tc.count++
		cell := sc.terms[tc.id]
		cell.n++
		cell.w += w
		sc.terms[tc.id] = cell
		sc.kw += w
		seen := false
		for _, s := range a.rowTerms {
			if s == t {
				seen = true
				break
			}
		}
		if !seen {
			a.rowTerms = append(a.rowTerms, t)
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
