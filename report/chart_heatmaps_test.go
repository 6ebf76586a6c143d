package report

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"gonum.org/v1/plot/vg"

	"github.com/danmakuscope/danmakuscope/stats"
)

func TestTermRows(t *testing.T) {
	bins := []timeBin{{First: 0, Last: 1}, {First: 2, Last: 3}}
	bt := []stats.BucketTerm{
		{Bucket: 0, Term: "哈哈哈", Count: 5}, {Bucket: 1, Term: "哈哈哈", Count: 4, Bursting: true},
		{Bucket: 0, Term: "泪目", Count: 2}, {Bucket: 3, Term: "泪目", Count: 7},
		{Bucket: 2, Term: "awsl", Count: 9},
		{Bucket: 9, Term: "前方高能", Count: 9}, // outside the bins: counts to the total only
		{Bucket: 1, Term: "负", Count: -4},
	}
	rows := termRows(bins, bt)
	var terms []string
	for _, r := range rows {
		terms = append(terms, r.Term)
	}
	// By total, ties by term: 哈哈哈 9, 泪目 9, awsl 9, 前方高能 9 → awsl, 前方高能, 哈哈哈, 泪目 (byte order).
	if want := []string{"awsl", "前方高能", "哈哈哈", "泪目", "负"}; !slices.Equal(terms, want) {
		t.Fatalf("rows %q, want %q", terms, want)
	}
	byTerm := map[string]termRow{}
	for _, r := range rows {
		byTerm[r.Term] = r
	}
	for _, tt := range []struct {
		term     string
		counts   []int64
		bursting []bool
	}{
		{"哈哈哈", []int64{9, 0}, []bool{true, false}},
		{"泪目", []int64{2, 7}, []bool{false, false}},
		{"awsl", []int64{0, 9}, []bool{false, false}},
		{"前方高能", []int64{0, 0}, []bool{false, false}},
		{"负", []int64{0, 0}, []bool{false, false}},
	} {
		r := byTerm[tt.term]
		if !slices.Equal(r.Counts, tt.counts) || !slices.Equal(r.Bursting, tt.bursting) {
			t.Errorf("%s: counts %v bursting %v, want %v %v", tt.term, r.Counts, r.Bursting, tt.counts, tt.bursting)
		}
	}
	var many []stats.BucketTerm
	for i := 0; i < 40; i++ {
		many = append(many, stats.BucketTerm{Bucket: 0, Term: fmt.Sprintf("t%02d", i), Count: int64(100 - i)})
	}
	if rows := termRows(bins, many); len(rows) != maxHeatmapTerms || rows[0].Term != "t00" || rows[maxHeatmapTerms-1].Term != "t14" {
		t.Errorf("40 terms: %d rows from %s to %s, want the %d most frequent", len(rows), rows[0].Term, rows[len(rows)-1].Term, maxHeatmapTerms)
	}
}

// Bursting cells are outlined in the accent colour, and only they.
func TestKeywordTimeChartOutlinesBursts(t *testing.T) {
	c := emotionCurves(120, 20, nil)
	var bt []stats.BucketTerm
	for _, b := range c.Buckets {
		bt = append(bt, stats.BucketTerm{Bucket: b.Index, StartMs: b.StartMs, EndMs: b.EndMs, Term: "哈哈哈", Count: 6},
			stats.BucketTerm{Bucket: b.Index, StartMs: b.StartMs, EndMs: b.EndMs, Term: "泪目", Count: 2, Bursting: b.Index >= 40 && b.Index < 52})
	}
	calm := make([]stats.BucketTerm, len(bt))
	for i, x := range bt {
		x.Bursting = false
		calm[i] = x
	}
	accent := palette().accent
	for _, tt := range []struct {
		name     string
		bt       []stats.BucketTerm
		outlined bool
	}{{"a burst", bt, true}, {"no burst", calm, false}} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "k.png")
			if err := KeywordTimeChart(path, "视频", c, tt.bt, ChartOptions{}); err != nil {
				t.Fatal(err)
			}
			n := pixelsOf(decodePNG(t, path), accent)
			if tt.outlined && n < 400 || !tt.outlined && n > 0 {
				t.Errorf("%d accent pixels; outlined %v", n, tt.outlined)
			}
		})
	}
}

func TestWeekGrid(t *testing.T) {
	week := []stats.SendHour{
		{Weekday: 1, Hour: 0, Summary: stats.Summary{Count: 3}},
		{Weekday: 7, Hour: 23, Summary: stats.Summary{Count: 5}},
		{Weekday: 7, Hour: 23, Summary: stats.Summary{Count: 2}},
		{Weekday: 0, Hour: 5, Summary: stats.Summary{Count: 100}},  // no such weekday
		{Weekday: 3, Hour: 24, Summary: stats.Summary{Count: 100}}, // no such hour
		{Weekday: 2, Hour: 1, Summary: stats.Summary{Count: -1}},
	}
	grid, total, top := weekGrid(week)
	if grid[0][0] != 3 || grid[6][23] != 7 || grid[1][1] != 0 || total != 10 || top != 7 {
		t.Errorf("Mon 0h %d, Sun 23h %d, Tue 1h %d, total %d, top %d; want 3, 7, 0, 10, 7",
			grid[0][0], grid[6][23], grid[1][1], total, top)
	}
}

// One busy hour of the week is the one dark cell.
func TestSendTimeChartShadesTheBusyHour(t *testing.T) {
	st := stats.SendTime{Zone: "UTC", Days: []stats.SendDay{{Date: "2024-03-01"}}}
	for d := 1; d <= 7; d++ {
		for h := 0; h < 24; h++ {
			n := int64(1)
			if d == 5 && h == 20 {
				n = 500
			}
			st.Week = append(st.Week, stats.SendHour{Weekday: d, Hour: h, Summary: stats.Summary{Count: n}})
		}
	}
	path := filepath.Join(t.TempDir(), "s.png")
	if err := SendTimeChart(path, "视频", st, ChartOptions{}); err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, path)
	ramp := palette().ramp
	dark, light := pixelsOf(img, ramp[len(ramp)-1]), pixelsOf(img, ramp[0])
	// One cell is about 45×60 pixels; the legend swatch adds a few hundred.
	if dark < 1500 || dark > 4000 || light < 100*1500 {
		t.Errorf("%d dark pixels (want one cell), %d light (want 167 cells)", dark, light)
	}
}

func TestLegendWraps(t *testing.T) {
	l := newLegend(ChartOptions{Font: latinFont(t)})
	for i := 0; i < 12; i++ {
		l.add(fmt.Sprintf("entry number %d", i), fillThumb{palette().primary})
	}
	l.add("a note without a thumbnail", nil)
	for _, width := range []vg.Length{vg.Points(2000), vg.Points(800), vg.Points(300), vg.Points(10)} {
		rows := l.layout(width)
		n := 0
		for _, r := range rows {
			n += len(r)
			if len(r) > 1 && l.rowWidth(r) > width {
				t.Errorf("width %v: a row of %d entries is %v wide", width, len(r), l.rowWidth(r))
			}
		}
		if n != len(l.entries) {
			t.Errorf("width %v: %d entries laid out, want %d", width, n, len(l.entries))
		}
		if width == vg.Points(2000) && len(rows) != 1 || width == vg.Points(10) && len(rows) != len(l.entries) {
			t.Errorf("width %v: %d rows", width, len(rows))
		}
	}
	if w := l.entryWidth(chartLegendEntry{label: "x"}); w != l.style.Width("x") {
		t.Errorf("a plain-text entry is %v wide, want just its text", w)
	}
}
