package bilixml_test

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/bilixml"
)

func ExampleNewStream() {
	const doc = `<?xml version="1.0" encoding="UTF-8"?>
<i><chatserver>chat.bilibili.com</chatserver><chatid>62131</chatid>
<d p="490.19100,1,25,16777215,1584268892,0,a16fe0dd,29950852386521095">前方高能</d>
<d p="181.37900,1,25,16777215,1665842893,0,78695de5">少了字段</d>
<d p="181.37900,1,25,16777215,1665842893,0,78695de5,1163933565554070784,11">哈哈 &amp; 2333</d>
</i>`
	opt := fetch.Options{OnSkip: func(s fetch.Skip) { fmt.Println("skip:", s) }}
	s, err := bilixml.NewStream(context.Background(), strings.NewReader(doc), "62131.xml", bilixml.Config{Source: "bilibili-xml"}, opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	fmt.Println(s.Video().Key)
	for {
		rec, err := s.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		dmid := rec.Column(fetch.ColDmid).(*array.Int64)
		ms := rec.Column(fetch.ColProgressMs).(*array.Int64)
		text := rec.Column(fetch.ColText).(*array.String)
		for i := range int(rec.NumRows()) {
			fmt.Println(dmid.Value(i), ms.Value(i), text.Value(i))
		}
		rec.Release()
	}
	st := s.Stats()
	fmt.Println(st.Format, st.Items, st.Kept, st.Skipped)
	// Output:
	// bilibili:cid:62131
	// skip: 62131.xml:4: p attribute has 7 fields, want 8 or 9: "181.37900,1,25,16777215,1665842893,0,78695de5" (bad_p_fields)
	// 29950852386521095 490191 前方高能
	// 1163933565554070784 181379 哈哈 & 2333
	// xml 3 2 map[bad_p_fields:1]
}
