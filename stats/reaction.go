package stats

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/danmakuscope/danmakuscope/nlp"
)

// reactor holds the aggregates of the reaction analytics of one video:
// flood control, per-second reaction cells, per-slice terms and texts,
// n-gram memes, send-time trends and emotion totals. Like the rest of the
// Accumulator it keeps aggregates, never rows.
type reactor struct {
	opt      ReactionOptions
	flood    *floodControl
	rituals  *ritualMatcher
	seconds  map[int64]*second
	slices   *sliceTable
	memes    *memeCounter
	sent     *sendTime
	emotions bool // some batch carried an emotion column
	emoTotal [NumEmotions]int64
	excluded map[string]int64
	key      []byte // scratch: one danmaku's normalised text
}

// second is one second of video time: raw and flood-weighted danmaku, the
// weighted valence sum, the weight of ritual danmaku and of each emotion.
type second struct {
	n      int64
	w, wv  float64
	ritual float64
	emo    [NumEmotions]float64
}

// Reasons a danmaku is left out of the analysis (see ReactionOptions.KeepSpecial).
const (
	ExcludedSubtitle = "subtitle_pool" // pool 1
	ExcludedSpecial  = "special_mode"  // modes 7–9: advanced, code, BAS
)

func newReactor(opt ReactionOptions, fixedBucketMs int64) *reactor {
	opt = opt.withDefaults()
	return &reactor{
		opt:      opt,
		flood:    newFloodControl(opt.FloodThreshold, opt.FloodWindowMs),
		rituals:  newRitualMatcher(),
		seconds:  map[int64]*second{},
		slices:   newSliceTable(fixedBucketMs),
		memes:    newMemeCounter(),
		sent:     newSendTime(opt.Location),
		excluded: map[string]int64{},
	}
}

// batch holds the columns of one record batch that the Accumulator reads.
// The optional ones are nil when the record lacks them.
type batch struct {
	progress *array.Int64
	valence  *array.Float64
	labels   *array.String
	tokens   *array.List
	words    *array.String

	pool, mode *array.Int8
	user       *array.String
	sentAt     *array.Timestamp
	sentMul    int64 // sent_at × sentMul / sentDiv = Unix ms
	sentDiv    int64
	emotion    *array.String
	text       *array.String
}

// readBatch finds the columns of rec by name: progress_ms, valence, label
// and tokens are required; pool, mode, user_hash, sent_at, emotion and
// text are used when present.
func readBatch(rec arrow.Record) (*batch, error) {
	var b batch
	var err error
	if b.progress, err = column[*array.Int64](rec, "progress_ms"); err != nil {
		return nil, err
	}
	if b.valence, err = column[*array.Float64](rec, "valence"); err != nil {
		return nil, err
	}
	if b.labels, err = column[*array.String](rec, "label"); err != nil {
		return nil, err
	}
	if b.tokens, err = column[*array.List](rec, "tokens"); err != nil {
		return nil, err
	}
	var ok bool
	if b.words, ok = b.tokens.ListValues().(*array.String); !ok {
		return nil, fmt.Errorf("stats: column tokens holds %s, want list<utf8>", b.tokens.DataType())
	}
	for _, opt := range []struct {
		name string
		dst  any
	}{
		{"pool", &b.pool}, {"mode", &b.mode}, {"user_hash", &b.user},
		{"sent_at", &b.sentAt}, {"emotion", &b.emotion}, {"text", &b.text},
	} {
		if err := optionalColumn(rec, opt.name, opt.dst); err != nil {
			return nil, err
		}
	}
	if b.sentAt != nil {
		b.sentMul, b.sentDiv = 1, 1
		switch b.sentAt.DataType().(*arrow.TimestampType).Unit {
		case arrow.Second:
			b.sentMul = 1000
		case arrow.Microsecond:
			b.sentDiv = 1000
		case arrow.Nanosecond:
			b.sentDiv = 1_000_000
		}
	}
	return &b, nil
}

// optionalColumn sets *dst to the named column of rec when it exists; it
// fails when the column exists with another type.
func optionalColumn(rec arrow.Record, name string, dst any) error {
	idx := rec.Schema().FieldIndices(name)
	if len(idx) == 0 {
		return nil
	}
	col := rec.Column(idx[0])
	var ok bool
	switch d := dst.(type) {
	case **array.Int8:
		*d, ok = col.(*array.Int8)
	case **array.String:
		*d, ok = col.(*array.String)
	case **array.Timestamp:
		*d, ok = col.(*array.Timestamp)
	}
	if !ok {
		return fmt.Errorf("stats: column %q holds %s, want %T", name, col.DataType(), dst)
	}
	return nil
}

// exclusion returns why row i is left out, or "" to keep it.
func (r *reactor) exclusion(b *batch, i int) string {
	if r.opt.KeepSpecial {
		return ""
	}
	if b.pool != nil && b.pool.IsValid(i) && b.pool.Value(i) == 1 {
		return ExcludedSubtitle
	}
	if b.mode != nil && b.mode.IsValid(i) && b.mode.Value(i) >= 7 && b.mode.Value(i) <= 9 {
		return ExcludedSpecial
	}
	return ""
}

// weight returns the flood weight of row i at progress p.
func (r *reactor) weight(b *batch, i int, p int64) float64 {
	if b.user == nil || b.user.IsNull(i) {
		return 1
	}
	return r.flood.weight(b.user.Value(i), p)
}

// textKey sets r.key to row i's normalised text as counted for samples and
// rituals: its words joined (with a space only between two Latin or digit
// words), so 哈哈哈！ and 哈哈哈 are one text; a danmaku of punctuation
// only (？？？) keeps its normalised form.
func (r *reactor) textKey(b *batch, i int, start, end int) {
	r.key = r.key[:0]
	for j := start; j < end; j++ {
		w := b.words.Value(j)
		if len(r.key) > 0 && isASCIIAlnum(lastRune(r.key)) && w != "" && isASCIIAlnum(rune(w[0])) {
			r.key = append(r.key, ' ')
		}
		r.key = append(r.key, w...)
	}
	if len(r.key) == 0 && b.text != nil && b.text.IsValid(i) {
		r.key = append(r.key, strings.TrimSpace(nlp.Normalize(b.text.Value(i)).Text)...)
	}
}

func lastRune(b []byte) rune {
	r, _ := utf8.DecodeLastRune(b)
	return r
}

func isASCIIAlnum(r rune) bool {
	return r < utf8.RuneSelf && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
}

// add records one kept danmaku: its second, text, emotion and send time.
func (r *reactor) add(b *batch, i int, p int64, w, v float64, label string, emo nlp.Emotion, sc *sliceCell) error {
	sec := r.seconds[p/1000]
	if sec == nil {
		sec = new(second)
		r.seconds[p/1000] = sec
	}
	sec.n++
	sec.w += w
	sec.wv += w * v
	if len(r.key) > 0 {
		sc.texts.add(r.key, w)
		if r.rituals.match(r.key) {
			sec.ritual += w
		}
	}
	if b.emotion != nil {
		r.emotions = true
		e := emotionSlot(emo)
		sec.emo[e] += w
		r.emoTotal[e]++
	}
	if b.sentAt != nil && b.sentAt.IsValid(i) {
		r.sent.add(int64(b.sentAt.Value(i))*b.sentMul/b.sentDiv, v, label)
	}
	return nil
}
