package nlp

import (
	"errors"
	"reflect"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/danmakuscope/danmakuscope/fetch"
)

func TestAnnotatedSchema(t *testing.T) {
	if got, want := AnnotatedSchema.NumFields(), fetch.NumColumns+11; got != want {
		t.Fatalf("%d fields, want %d", got, want)
	}
	for i, f := range fetch.Schema.Fields() {
		if !AnnotatedSchema.Field(i).Equal(f) {
			t.Errorf("field %d = %v, want %v", i, AnnotatedSchema.Field(i), f)
		}
	}
	want := []struct {
		col  int
		name string
		typ  arrow.DataType
	}{
		{ColTokens, "tokens", arrow.ListOf(arrow.BinaryTypes.String)},
		{ColValence, "valence", arrow.PrimitiveTypes.Float64},
		{ColLabel, "label", arrow.BinaryTypes.String},
		{ColEmotion, "emotion", arrow.BinaryTypes.String},
		{ColJoy, "joy", arrow.PrimitiveTypes.Float64},
		{ColLike, "like", arrow.PrimitiveTypes.Float64},
		{ColSorrow, "sorrow", arrow.PrimitiveTypes.Float64},
		{ColAnger, "anger", arrow.PrimitiveTypes.Float64},
		{ColFear, "fear", arrow.PrimitiveTypes.Float64},
		{ColDisgust, "disgust", arrow.PrimitiveTypes.Float64},
		{ColSurprise, "surprise", arrow.PrimitiveTypes.Float64},
	}
	for _, w := range want {
		f := AnnotatedSchema.Field(w.col)
		if f.Name != w.name || !arrow.TypeEqual(f.Type, w.typ) {
			t.Errorf("column %d = %s %s, want %s %s", w.col, f.Name, f.Type, w.name, w.typ)
		}
	}
	// The score columns are named after the emotions, in order.
	for i, e := range Emotions() {
		if got := AnnotatedSchema.Field(ColJoy + i).Name; got != e.String() {
			t.Errorf("score column %d is %s, want %s", ColJoy+i, got, e)
		}
	}
}

func TestAnnotate(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)

	rows := []fetch.Danmaku{
		{VideoKey: "file:a", Source: "file-xml", Aid: 1, HasAid: true, Dmid: 11, ProgressMs: 1000, Mode: 1, Fontsize: 25, Color: 0xffffff, UserHash: "abc", Text: "太好看了！！"},
		{VideoKey: "file:a", Source: "file-xml", Dmid: 12, ProgressMs: 500, Mode: 1, Fontsize: 25, Text: "垃圾"},
		{VideoKey: "file:a", Source: "file-xml", Dmid: 13, ProgressMs: 2000, Mode: 5, Fontsize: 25, HasWeight: true, Weight: 3, Text: "第1集"},
		{VideoKey: "file:a", Source: "file-xml", Dmid: 14, ProgressMs: 2500, Mode: 1, Fontsize: 25, Text: ""},
		{VideoKey: "file:a", Source: "file-xml", Dmid: 15, ProgressMs: 2600, Mode: 1, Fontsize: 25, Text: "哈哈哈哈哈[doge]"},
	}
	bb := fetch.NewBatchBuilder(mem, 16)
	defer bb.Release()
	for i := range rows {
		bb.Append(&rows[i])
	}
	rec := bb.NewRecord()
	defer rec.Release()

	m := loadTestModel(t)
	a := m.NewAnalyzer()
	a.SetAllocator(mem)
	out, err := a.Annotate(rec)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Release()

	if !out.Schema().Equal(AnnotatedSchema) {
		t.Fatalf("schema = %v", out.Schema())
	}
	if out.NumRows() != int64(len(rows)) {
		t.Fatalf("%d rows, want %d", out.NumRows(), len(rows))
	}
	for c := 0; c < fetch.NumColumns; c++ {
		if !array.Equal(out.Column(c), rec.Column(c)) {
			t.Errorf("column %d (%s) changed", c, AnnotatedSchema.Field(c).Name)
		}
	}
	if !out.Column(fetch.ColAid).IsNull(1) || out.Column(fetch.ColAid).IsNull(0) {
		t.Errorf("aid nulls not kept")
	}
	if !out.Column(fetch.ColUserHash).IsNull(1) || !out.Column(fetch.ColWeight).IsNull(0) || out.Column(fetch.ColWeight).IsNull(2) {
		t.Errorf("user_hash / weight nulls not kept")
	}
	dmid := out.Column(fetch.ColDmid).(*array.Int64)
	tokens := out.Column(ColTokens).(*array.List)
	values := tokens.ListValues().(*array.String)
	val := out.Column(ColValence).(*array.Float64)
	lab := out.Column(ColLabel).(*array.String)
	emo := out.Column(ColEmotion).(*array.String)
	check := m.NewAnalyzer()
	for i, d := range rows {
		if dmid.Value(i) != d.Dmid {
			t.Errorf("row %d: dmid %d, want %d (row order)", i, dmid.Value(i), d.Dmid)
		}
		want := check.Analyze(d.Text)
		start, end := tokens.ValueOffsets(i)
		var got []string
		for j := start; j < end; j++ {
			got = append(got, values.Value(int(j)))
		}
		if !reflect.DeepEqual(got, want.Tokens) || tokens.IsNull(i) {
			t.Errorf("row %d: tokens %q, want %q", i, got, want.Tokens)
		}
		if val.Value(i) != want.Valence || lab.Value(i) != string(want.Label) {
			t.Errorf("row %d: %v %s, want %v %s", i, val.Value(i), lab.Value(i), want.Valence, want.Label)
		}
		if emo.Value(i) != want.Emotion.String() {
			t.Errorf("row %d: emotion %s, want %s", i, emo.Value(i), want.Emotion)
		}
		for j := range want.Emotions {
			if got := out.Column(ColJoy + j).(*array.Float64).Value(i); got != want.Emotions[j] {
				t.Errorf("row %d: %s score %v, want %v", i, AnnotatedSchema.Field(ColJoy+j).Name, got, want.Emotions[j])
			}
		}
	}
	wantLabels := []Label{Pos, Neg, Neu, Neu, Pos}
	wantEmotions := []Emotion{Like, Disgust, NoEmotion, NoEmotion, Joy}
	for i, w := range wantLabels {
		if lab.Value(i) != string(w) {
			t.Errorf("row %d (%q): label %s, want %s", i, rows[i].Text, lab.Value(i), w)
		}
		if emo.Value(i) != wantEmotions[i].String() {
			t.Errorf("row %d (%q): emotion %s, want %s", i, rows[i].Text, emo.Value(i), wantEmotions[i])
		}
	}
	if start, end := tokens.ValueOffsets(3); start != end {
		t.Errorf("empty text has %d tokens", end-start)
	}
}

// A null text (possible in a hand-built record) gives null tokens, valence
// and label; the other rows are unaffected.
func TestAnnotateNullText(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	b := array.NewRecordBuilder(mem, fetch.Schema)
	defer b.Release()
	for i, f := range b.Fields() {
		for row := 0; row < 2; row++ {
			if i == fetch.ColText {
				if row == 0 {
					f.AppendNull()
				} else {
					f.(*array.StringBuilder).Append("好看")
				}
				continue
			}
			f.AppendEmptyValue()
		}
	}
	rec := b.NewRecord()
	defer rec.Release()
	a := loadTestModel(t).NewAnalyzer()
	a.SetAllocator(mem)
	out, err := a.Annotate(rec)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Release()
	for _, c := range []int{ColTokens, ColValence, ColLabel} {
		if !out.Column(c).IsNull(0) || out.Column(c).IsNull(1) {
			t.Errorf("column %d: nulls = %v %v, want true false", c, out.Column(c).IsNull(0), out.Column(c).IsNull(1))
		}
	}
	if got := out.Column(ColLabel).(*array.String).Value(1); got != string(Pos) {
		t.Errorf("label of 好看 = %s", got)
	}
	for c := ColEmotion; c < NumAnnotatedColumns; c++ {
		if out.Column(c).IsNull(0) {
			t.Errorf("column %s is null for a null text, want none/0", AnnotatedSchema.Field(c).Name)
		}
	}
	if got := out.Column(ColEmotion).(*array.String).Value(0); got != "none" {
		t.Errorf("emotion of a null text = %q, want none", got)
	}
}

func TestAnnotateWrongSchema(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	schema := arrow.NewSchema([]arrow.Field{{Name: "text", Type: arrow.BinaryTypes.String}}, nil)
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	b.Field(0).(*array.StringBuilder).Append("好看")
	rec := b.NewRecord()
	defer rec.Release()
	out, err := loadTestModel(t).NewAnalyzer().Annotate(rec)
	if err == nil {
		out.Release()
		t.Fatal("no error")
	}
	if !errors.Is(err, ErrSchema) {
		t.Errorf("error %v is not ErrSchema", err)
	}
}
