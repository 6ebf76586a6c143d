package report

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/danmakuscope/danmakuscope/stats"
)

// Every chart of a video is drawn and listed in page order; the send-time
// chart only with send times, and a stale one is removed without.
func TestWriteVideoCharts(t *testing.T) {
	c := testCurves()
	kws := testKeywords()
	with := stats.Reactions{Highlights: testHighlights(), BucketTerms: testBucketTerms(c, kws), SendTime: testSendTime(c), HasSendTime: true}
	without := with
	without.HasSendTime, without.SendTime = false, stats.SendTime{}
	dir := t.TempDir()
	for _, tt := range []struct {
		name  string
		r     stats.Reactions
		files []string
	}{
		{"with send times", with, []string{DensityChartFile, SentimentChartFile, EmotionChartFile, KeywordsChartFile, KeywordTimeChartFile, SendTimeChartFile}},
		{"without", without, []string{DensityChartFile, SentimentChartFile, EmotionChartFile, KeywordsChartFile, KeywordTimeChartFile}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			charts, err := WriteVideoCharts(dir, VideoCharts{Title: "视频", Curves: c, Keywords: kws, Reactions: tt.r}, ChartOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, pc := range charts {
				rel, _ := filepath.Rel(dir, pc.Path)
				got = append(got, filepath.ToSlash(rel))
				if pc.Alt == "" || pc.Caption == "" {
					t.Errorf("%s has no alt text or caption", rel)
				}
			}
			if !slices.Equal(got, tt.files) {
				t.Errorf("charts %q, want %q", got, tt.files)
			}
			on, _ := filepath.Glob(filepath.Join(dir, "charts", "*.png"))
			if len(on) != len(tt.files) {
				t.Errorf("%d charts on disk, want %d: %v", len(on), len(tt.files), on)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(SendTimeChartFile))); !os.IsNotExist(err) {
		t.Errorf("the send-time chart of the first run survived a run without send times: %v", err)
	}
}
