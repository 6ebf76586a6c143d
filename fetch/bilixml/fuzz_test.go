package bilixml

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// FuzzStream reads arbitrary input, plain and compressed: it must never
// panic, and a stream must keep Items == Kept + sum(Skipped), in both modes.
func FuzzStream(f *testing.F) {
	seeds, _ := filepath.Glob(badDir + "*.xml")
	seeds = append(seeds, samplePath)
	for _, path := range seeds {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		if len(data) > 0 {
			f.Add(compress(f, FormatDeflate, data))
		}
	}
	f.Add([]byte(fieldsDoc))
	f.Add([]byte(doc(dline("1", "a"), `<d p="1,1,25,0,0,0,h,2">b<![CDATA[x]]><!--c--></d>`, "</i>", "<i>", dline("1", "a"))))
	f.Add(compress(f, FormatGzip, []byte(doc(dline("1", "a"), "</i>"))))
	f.Add(compress(f, FormatZlib, []byte(doc(dline("1", "a"), "</i>"))))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, strict := range []bool{false, true} {
			res := read(t, bytes.NewReader(data), "fuzz.xml", Config{}, fetch.Options{Strict: strict, BatchSize: 7, Dedupe: fetch.NewIDSet()})
			for _, s := range res.skips {
				if s.Reason == "" || s.Detail == "" || s.Line < 1 {
					t.Errorf("skip %+v lacks reason, detail or line", s)
				}
			}
		}
	})
}
