package archive

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"

	"github.com/danmakuscope/danmakuscope/fetch"
)

func TestDir(t *testing.T) {
	d := Dir{Path: t.TempDir() + "/a/b"}
	if _, err := d.Read("x"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Read of a missing reply: %v", err)
	}
	if err := d.Write("seg-0001.pb", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if b, err := d.Read("seg-0001.pb"); err != nil || string(b) != "one" || !d.Has("seg-0001.pb") {
		t.Errorf("Read = %q, %v", b, err)
	}
	entries, _ := os.ReadDir(d.Path)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	for _, bad := range []string{"", "..", "a/b", `a\b`} {
		if err := d.Write(bad, nil); err == nil {
			t.Errorf("Write(%q) accepted", bad)
		}
	}
	if _, ok := d.Completed(); ok {
		t.Error("complete before MarkComplete")
	}
	if err := d.MarkComplete(Complete{Source: "s", Replies: []string{"seg-0001.pb"}}); err != nil {
		t.Fatal(err)
	}
	if c, ok := d.Completed(); !ok || c.Replies[0] != "seg-0001.pb" {
		t.Errorf("Completed = %+v, %v", c, ok)
	}
	d.Remove("seg-0001.pb")
	if _, ok := d.Completed(); ok {
		t.Error("complete although a listed reply is gone")
	}
}

func TestGet(t *testing.T) {
	d := Dir{Path: t.TempDir()}
	calls := 0
	download := func(context.Context) ([]byte, error) { calls++; return []byte("1,2,3"), nil }
	count := func(b []byte) (int, error) {
		if !strings.Contains(string(b), ",") {
			return 0, fmt.Errorf("garbled")
		}
		return strings.Count(string(b), ",") + 1, nil
	}
	for i, wantReused := range []bool{false, true} {
		b, n, reused, err := d.Get(context.Background(), "p", download, count)
		if err != nil || string(b) != "1,2,3" || n != 3 || reused != wantReused || calls != 1 {
			t.Errorf("call %d: %q %d %v %v (%d downloads)", i, b, n, reused, err, calls)
		}
	}
	// A garbled archived reply is fetched again.
	d.Write("p", []byte("garbled"))
	if _, _, reused, err := d.Get(context.Background(), "p", download, count); err != nil || reused || calls != 2 {
		t.Errorf("garbled reply: reused %v, %v, %d downloads", reused, err, calls)
	}
	failing := func(context.Context) ([]byte, error) { return nil, errors.New("down") }
	if _, _, _, err := d.Get(context.Background(), "q", failing, count); err == nil || d.Has("q") {
		t.Errorf("failed download: %v, archived %v", err, d.Has("q"))
	}
}

// decodeCSV decodes "id,id,…"; "x" is a bad item, "!" a bad reply.
func decodeCSV(body []byte, emit func(*fetch.Danmaku), skip func(string, string)) error {
	if string(body) == "!" {
		return errors.New("not understood")
	}
	for i, f := range strings.Split(string(body), ",") {
		var id int64
		if _, err := fmt.Sscan(f, &id); err != nil {
			skip(ReasonBadItem, fmt.Sprintf("item %d: %q", i+1, f))
			continue
		}
		emit(&fetch.Danmaku{Dmid: id, Text: f})
	}
	return nil
}

func TestStream(t *testing.T) {
	d := Dir{Path: t.TempDir()}
	d.Write("p1", []byte("1,2,3,x,4"))
	d.Write("p2", []byte("!"))
	d.Write("p3", []byte("4,5,6,7,8,9,10"))
	parts := []Part{{Dir: d, Name: "p1", Label: "page 1", Decode: decodeCSV}, {Dir: d, Name: "p2", Label: "page 2", Decode: decodeCSV},
		{Dir: d, Name: "p3", Label: "page 3", Decode: decodeCSV}}
	video := fetch.Video{Key: "k", Source: "src", Cid: 7}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	var skips []string
	st := NewStream(context.Background(), "spec", video, "fmt", parts, fetch.Options{BatchSize: 4, Allocator: mem,
		OnSkip: func(s fetch.Skip) { skips = append(skips, s.String()) }})
	var ids []int64
	if err := fetch.ForEach(st, func(rec arrow.Record) error {
		if rec.NumRows() > 4 {
			t.Errorf("batch of %d", rec.NumRows())
		}
		for i := range int(rec.NumRows()) {
			ids = append(ids, rec.Column(fetch.ColDmid).(*array.Int64).Value(i))
			if rec.Column(fetch.ColVideoKey).(*array.String).Value(i) != "k" || rec.Column(fetch.ColCid).(*array.Int64).Value(i) != 7 {
				t.Error("video columns not filled in")
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if fmt.Sprint(ids) != "[1 2 3 4 5 6 7 8 9 10]" {
		t.Errorf("ids %v", ids)
	}
	s := st.Stats()
	if s.Kept != 10 || s.Items != 13 || s.Skipped[ReasonBadItem] != 1 || s.Skipped[ReasonBadReply] != 1 || s.Skipped[ReasonDuplicate] != 1 {
		t.Errorf("stats %+v", s)
	}
	want := []string{`spec page 1: item 4: "x" (bad_item)`, "spec page 2: reply not understood (kept in the archive as p2): not understood (bad_reply)",
		"spec page 3: dmid 4 already read (duplicate_dmid)"}
	if fmt.Sprint(skips) != fmt.Sprint(want) {
		t.Errorf("skips %q\nwant %q", skips, want)
	}
	// Strict: the first damage ends the stream with an error naming it.
	st = NewStream(context.Background(), "spec", video, "fmt", parts, fetch.Options{Strict: true})
	defer st.Close()
	var err error
	for err == nil {
		var rec interface{ Release() }
		r, e := st.Next()
		rec, err = r, e
		if r != nil {
			rec.Release()
		}
	}
	if !errors.Is(err, fetch.ErrDamaged) || !strings.Contains(err.Error(), "spec page 1") {
		t.Errorf("strict: %v", err)
	}
}

func TestProvenance(t *testing.T) {
	d := Dir{Path: t.TempDir()}
	for _, name := range []string{"p1.json", "p2.json"} {
		if err := d.Write(name, []byte(name)); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := d.Provenance("polyv:vid=v1", ""); err == nil || !strings.Contains(err.Error(), "polyv:vid=v1") || !strings.Contains(err.Error(), "not complete") {
		t.Errorf("incomplete archive: err = %v, want one naming the spec and saying it is not complete", err)
	}
	if err := d.MarkComplete(Complete{Params: "v2", Replies: []string{"p1.json", "p2.json"}}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.Provenance("polyv:vid=v1", "v1"); err == nil {
		t.Error("an archive completed for other parameters counted as complete")
	}
	size, sha, err := d.Provenance("polyv:vid=v1", "v2")
	// sha256("p1.jsonp2.json"): the replies hashed one after the other.
	if err != nil || size != 14 || sha != "ccb184a47272d443fafe5b8dab095f7b2d15596650cbd6b1b60a1045ef1edc95" {
		t.Errorf("Provenance = %d, %s, %v", size, sha, err)
	}
}

func TestReused(t *testing.T) {
	d := Dir{Path: t.TempDir()}
	count := func(name string, body []byte) int { return len(body) }
	if _, ok := d.Reused("", count); ok {
		t.Error("an empty archive counted as reusable")
	}
	for _, name := range []string{"p1", "p2"} {
		if err := d.Write(name, []byte(name+"xx")); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.MarkComplete(Complete{Params: "a", Replies: []string{"p1", "p2"}, Notes: []string{"stopped"}}); err != nil {
		t.Fatal(err)
	}
	if _, ok := d.Reused("b", count); ok {
		t.Error("an archive completed for other parameters counted as reusable")
	}
	st, ok := d.Reused("a", count)
	if !ok || st.Replies != 2 || st.Reused != 2 || st.Items != 8 || len(st.Notes) != 1 {
		t.Errorf("Reused = %+v, %v; want 2 replies reused, 8 items, the note", st, ok)
	}
}
