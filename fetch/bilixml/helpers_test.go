package bilixml

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// result is everything a stream produced.
type result struct {
	video fetch.Video
	rows  []fetch.Danmaku
	skips []fetch.Skip
	stats fetch.ReadStats
	err   error // from NewStream or Next
}

// texts returns the text column.
func (r result) texts() []string {
	var out []string
	for _, d := range r.rows {
		out = append(out, d.Text)
	}
	return out
}

// read decodes src completely with a checked allocator and checks the
// invariants every stream must keep.
func read(t testing.TB, src io.Reader, name string, cfg Config, opt fetch.Options) result {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	opt.Allocator = mem
	var res result
	opt.OnSkip = func(s fetch.Skip) { res.skips = append(res.skips, s) }
	s, err := NewStream(context.Background(), src, name, cfg, opt)
	if err != nil {
		res.err = err
		return res
	}
	defer s.Close()
	res.video = s.Video()
	batch := opt.BatchSize
	if batch <= 0 {
		batch = fetch.DefaultBatchSize
	}
	for {
		rec, err := s.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				res.err = err
			}
			break
		}
		if n := int(rec.NumRows()); n == 0 || n > batch {
			t.Errorf("batch of %d rows, want 1..%d", n, batch)
		}
		res.rows = append(res.rows, rowsOf(rec)...)
		rec.Release()
	}
	res.stats = s.Stats()
	checkInvariant(t, res.stats)
	if res.err == nil && res.stats.Kept != len(res.rows) {
		t.Errorf("Kept = %d, but %d rows emitted", res.stats.Kept, len(res.rows))
	}
	return res
}

// readString is read for an in-memory document.
func readString(t testing.TB, doc string, opt fetch.Options) result {
	t.Helper()
	return read(t, strings.NewReader(doc), "test.xml", Config{}, opt)
}

// checkInvariant checks Items == Kept + sum(Skipped).
func checkInvariant(t testing.TB, st fetch.ReadStats) {
	t.Helper()
	sum := 0
	for _, n := range st.Skipped {
		sum += n
	}
	if st.Items != st.Kept+sum {
		t.Errorf("Items = %d, want Kept %d + skipped %d", st.Items, st.Kept, sum)
	}
}

// rowsOf converts a record back to danmaku values.
func rowsOf(rec arrow.Record) []fetch.Danmaku {
	col := func(i int) arrow.Array { return rec.Column(i) }
	out := make([]fetch.Danmaku, rec.NumRows())
	for r := range out {
		d := &out[r]
		d.VideoKey = col(fetch.ColVideoKey).(*array.String).Value(r)
		d.Source = col(fetch.ColSource).(*array.String).Value(r)
		if a := col(fetch.ColAid).(*array.Int64); a.IsValid(r) {
			d.Aid, d.HasAid = a.Value(r), true
		}
		if a := col(fetch.ColCid).(*array.Int64); a.IsValid(r) {
			d.Cid, d.HasCid = a.Value(r), true
		}
		d.Dmid = col(fetch.ColDmid).(*array.Int64).Value(r)
		d.ProgressMs = col(fetch.ColProgressMs).(*array.Int64).Value(r)
		if a := col(fetch.ColSentAt).(*array.Timestamp); a.IsValid(r) {
			d.SentAtMs, d.HasSentAt = int64(a.Value(r)), true
		}
		d.Mode = col(fetch.ColMode).(*array.Int8).Value(r)
		d.Fontsize = col(fetch.ColFontsize).(*array.Int16).Value(r)
		d.Color = col(fetch.ColColor).(*array.Uint32).Value(r)
		d.Pool = col(fetch.ColPool).(*array.Int8).Value(r)
		if a := col(fetch.ColWeight).(*array.Int8); a.IsValid(r) {
			d.Weight, d.HasWeight = a.Value(r), true
		}
		if a := col(fetch.ColUserHash).(*array.String); a.IsValid(r) {
			d.UserHash = a.Value(r)
		}
		d.Text = col(fetch.ColText).(*array.String).Value(r)
	}
	return out
}

// header is the start of a document used by the inline tests: line 1 is the
// declaration, line 2 the root and header, so the first <d> is on line 3.
const header = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
	`<i><chatserver>chat.bilibili.com</chatserver><chatid>62131</chatid><mission>0</mission><maxlimit>3000</maxlimit><state>0</state><real_name>0</real_name><source>k-v</source>` + "\n"

// doc builds a document from header and lines, one per line, with no
// newline after the last.
func doc(lines ...string) string { return header + strings.Join(lines, "\n") }

// dline returns a well-formed <d> line with dmid id and text.
func dline(id, text string) string {
	return `<d p="1.00000,1,25,16777215,1709900000,0,3f2a9c1b,` + id + `,10">` + text + `</d>`
}

// skipKey is a skip reduced to what the tables compare.
type skipKey struct {
	line   int
	reason string
}

func skipKeys(skips []fetch.Skip) []skipKey {
	var out []skipKey
	for _, s := range skips {
		out = append(out, skipKey{s.Line, s.Reason})
	}
	return out
}
