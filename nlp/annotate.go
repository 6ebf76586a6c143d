package nlp

import (
	"fmt"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// Column indexes of [AnnotatedSchema] after the canonical columns.
const (
	ColTokens  = fetch.NumColumns + iota // tokens: list<utf8>
	ColValence                           // valence: float64 in [-1, 1]
	ColLabel                             // label: "pos", "neg" or "neu"
	ColEmotion                           // emotion: dominant emotion name or "none"
	ColJoy                               // joy … surprise: the seven emotion scores, float64 in [0, 1)
	ColLike
	ColSorrow
	ColAnger
	ColFear
	ColDisgust
	ColSurprise
	NumAnnotatedColumns // number of columns
)

// AnnotatedSchema is [fetch.Schema]'s fields followed by:
//
//   - tokens (list<utf8>): the words of the text in order, without
//     whitespace and punctuation (a kaomoji lexicon term is one token);
//   - valence (float64): sentiment in [-1, 1];
//   - label (utf8): "pos", "neg" or "neu";
//   - emotion (utf8, never null): the dominant emotion, one of "joy",
//     "like", "sorrow", "anger", "fear", "disgust", "surprise" or "none";
//   - joy, like, sorrow, anger, fear, disgust, surprise (float64, never
//     null): the emotion scores in [0, 1) (see [EmotionScores]).
//
// tokens, valence and label are null only where text is null; there the
// emotion is "none" and the scores are 0.
var AnnotatedSchema = arrow.NewSchema(append(fetch.Schema.Fields(),
	arrow.Field{Name: "tokens", Type: arrow.ListOf(arrow.BinaryTypes.String), Nullable: true},
	arrow.Field{Name: "valence", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	arrow.Field{Name: "label", Type: arrow.BinaryTypes.String, Nullable: true},
	arrow.Field{Name: "emotion", Type: arrow.BinaryTypes.String},
	arrow.Field{Name: "joy", Type: arrow.PrimitiveTypes.Float64},
	arrow.Field{Name: "like", Type: arrow.PrimitiveTypes.Float64},
	arrow.Field{Name: "sorrow", Type: arrow.PrimitiveTypes.Float64},
	arrow.Field{Name: "anger", Type: arrow.PrimitiveTypes.Float64},
	arrow.Field{Name: "fear", Type: arrow.PrimitiveTypes.Float64},
	arrow.Field{Name: "disgust", Type: arrow.PrimitiveTypes.Float64},
	arrow.Field{Name: "surprise", Type: arrow.PrimitiveTypes.Float64},
), nil)

// Annotate analyses the text column of rec, a record in [fetch.Schema], and
// returns a new record in [AnnotatedSchema]: the same columns, shared, plus
// tokens, valence, label, emotion and the emotion scores, row for row. The
// caller releases both records.
func (a *Analyzer) Annotate(rec arrow.Record) (arrow.Record, error) {
	if err := checkSchema(rec.Schema()); err != nil {
		return nil, fmt.Errorf("nlp: annotate: %w", err)
	}
	text, ok := rec.Column(fetch.ColText).(*array.String)
	if !ok {
		return nil, fmt.Errorf("nlp: annotate: text column is %T: %w", rec.Column(fetch.ColText), ErrSchema)
	}
	mem := a.mem
	if mem == nil {
		mem = memory.DefaultAllocator
	}
	rows := int(rec.NumRows())
	lb := array.NewListBuilder(mem, arrow.BinaryTypes.String)
	defer lb.Release()
	tb := lb.ValueBuilder().(*array.StringBuilder)
	vb := array.NewFloat64Builder(mem)
	defer vb.Release()
	sb := array.NewStringBuilder(mem)
	defer sb.Release()
	eb := array.NewStringBuilder(mem)
	defer eb.Release()
	var scores [NumEmotions]*array.Float64Builder
	for i := range scores {
		scores[i] = array.NewFloat64Builder(mem)
		defer scores[i].Release()
		scores[i].Reserve(rows)
	}
	lb.Reserve(rows)
	vb.Reserve(rows)
	sb.Reserve(rows)
	eb.Reserve(rows)
	for i := 0; i < rows; i++ {
		if text.IsNull(i) {
			lb.AppendNull()
			vb.AppendNull()
			sb.AppendNull()
			eb.Append(NoEmotion.String())
			for _, b := range scores {
				b.Append(0)
			}
			continue
		}
		r := a.Analyze(text.Value(i))
		lb.Append(true)
		for _, t := range r.Tokens {
			tb.Append(t)
		}
		vb.Append(r.Valence)
		sb.Append(string(r.Label))
		eb.Append(r.Emotion.String())
		for j, b := range scores {
			b.Append(r.Emotions[j])
		}
	}
	cols := make([]arrow.Array, 0, NumAnnotatedColumns)
	cols = append(cols, rec.Columns()...)
	added := []arrow.Array{lb.NewArray(), vb.NewArray(), sb.NewArray(), eb.NewArray()}
	for _, b := range scores {
		added = append(added, b.NewArray())
	}
	cols = append(cols, added...)
	out := array.NewRecord(AnnotatedSchema, cols, rec.NumRows())
	for _, c := range added {
		c.Release()
	}
	return out, nil
}

// checkSchema checks that s has fetch.Schema's fields, in order.
func checkSchema(s *arrow.Schema) error {
	if s.NumFields() != fetch.NumColumns {
		return fmt.Errorf("%d columns, want %d: %w", s.NumFields(), fetch.NumColumns, ErrSchema)
	}
	for i, want := range fetch.Schema.Fields() {
		got := s.Field(i)
		if got.Name != want.Name || !arrow.TypeEqual(got.Type, want.Type) {
			return fmt.Errorf("column %d is %s %s, want %s %s: %w", i, got.Name, got.Type, want.Name, want.Type, ErrSchema)
		}
	}
	return nil
}
