package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/bilixml"
	"github.com/danmakuscope/danmakuscope/fetch/synth"
)

func TestWritesReadableVideosWithTruth(t *testing.T) {
	dir := t.TempDir()
	if err := run(dir, 2, 500, 3, 11, 8); err != nil {
		t.Fatal(err)
	}
	for i, cid := range []int64{10000011, 10000012} {
		base := filepath.Join(dir, "synth-"+strconv.FormatInt(cid, 10))
		st, err := bilixml.File{Path: base + ".xml"}.Open(context.Background(), fetch.Options{})
		if err != nil {
			t.Fatal(err)
		}
		rows := 0
		if err := fetch.ForEach(st, func(rec arrow.Record) error {
			rows += int(rec.NumRows())
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		st.Close()
		if st.Video().Key != "bilibili:cid:"+strconv.FormatInt(cid, 10) || rows < 400 || rows > 600 || st.Stats().Kept != rows {
			t.Errorf("%s: key %s, %d rows, stats %+v", base, st.Video().Key, rows, st.Stats())
		}
		raw, err := os.ReadFile(base + ".truth.json")
		if err != nil {
			t.Fatal(err)
		}
		var got synth.Config
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Fatal(err)
		}
		if want := synth.Default(uint64(11+i), 3*60_000, 500); !reflect.DeepEqual(got, want) {
			t.Errorf("truth %+v, want %+v", got, want)
		}
	}
	// Same flags, same bytes.
	again := t.TempDir()
	if err := run(again, 1, 500, 3, 11, 8); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "synth-10000011.xml"))
	b, _ := os.ReadFile(filepath.Join(again, "synth-10000011.xml"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("two runs with the same flags wrote different files")
	}
}
