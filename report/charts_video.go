package report

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/danmakuscope/danmakuscope/stats"
)

// The charts of one video, as slash paths relative to its directory.
const (
	DensityChartFile     = "charts/density.png"
	SentimentChartFile   = "charts/sentiment.png"
	EmotionChartFile     = "charts/emotions.png"
	KeywordsChartFile    = "charts/keywords.png"
	KeywordTimeChartFile = "charts/keywords_time.png"
	SendTimeChartFile    = "charts/sendtime.png"
)

// VideoCharts is what a video's charts are drawn from.
type VideoCharts struct {
	// Title names the video in every chart's title; it may be Chinese.
	Title     string
	Curves    stats.Curves
	Keywords  []stats.Keyword
	Reactions stats.Reactions
	// TopKeywords is the number of keywords drawn (≤ 0: 20).
	TopKeywords int
}

// videoChart is one chart of a video: its file, how to draw it, and its
// place on the page.
type videoChart struct {
	file string
	draw func(path string) error
	page PageChart
}

// WriteVideoCharts draws every chart of a video into dir (at the paths
// above) and returns them in the order of the video's page, with their
// captions. The send-time chart is drawn only when the danmaku carry send
// times; one left by an earlier run is removed otherwise.
func WriteVideoCharts(dir string, v VideoCharts, opt ChartOptions) ([]PageChart, error) {
	at := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	r := v.Reactions
	charts := []videoChart{
		{DensityChartFile, func(p string) error { return DensityChart(p, v.Title, v.Curves, r.Highlights, opt) }, PageChart{
			Alt:     "danmaku per minute over video time, highlights marked",
			Caption: "Danmaku density: danmaku per minute of video time, the average (dashed), the density after flood control (black) and the highlights (shaded, numbered by rank). When a rush of danmaku dwarfs the rest, the axis is a square-root scale (the title says so)."}},
		{SentimentChartFile, func(p string) error { return SentimentChart(p, v.Title, v.Curves, opt) }, PageChart{
			Alt:     "mean valence over video time with its 95% confidence interval",
			Caption: fmt.Sprintf("Sentiment: mean valence per time bin (−1 negative … 1 positive) with its 95%% confidence interval; bins of fewer than %d danmaku are left out. The axis shows only the range the data needs.", MinSentimentCount)}},
		{EmotionChartFile, func(p string) error { return EmotionChart(p, v.Title, v.Curves, opt) }, PageChart{
			Alt: "share of each emotion among the danmaku over video time",
			Caption: fmt.Sprintf("Emotions: the share of each time bin's danmaku whose dominant emotion is 乐 joy, 好 like, 惊 surprise, 哀 sorrow, 惧 fear, 恶 disgust or 怒 anger, stacked; "+
				"danmaku with no emotion (none) are not drawn, so the stacks do not reach 100%%. Bins of fewer than %d danmaku are grey.", minEmotionBinCount)}},
		{KeywordsChartFile, func(p string) error { return KeywordsChart(p, v.Title, v.Keywords, v.TopKeywords, opt) }, PageChart{
			Alt:     "top keywords by TF-IDF with their counts",
			Caption: "Keywords: the terms that characterise this video, ranked by TF-IDF; the bars show how often each was used."}},
		{KeywordTimeChartFile, func(p string) error { return KeywordTimeChart(p, v.Title, v.Curves, r.BucketTerms, opt) }, PageChart{
			Alt: "the most frequent keywords over video time, as a heatmap",
			Caption: "Keywords over time: how often each of the most frequent terms was used in each time bin (from keywords_by_bucket.parquet, which keeps each bucket's top terms: " +
				"a blank cell means the term was not among them); outlined cells are bursts (term_bursts.parquet)."}},
	}
	if r.HasSendTime {
		charts = append(charts, videoChart{SendTimeChartFile, func(p string) error { return SendTimeChart(p, v.Title, r.SendTime, opt) }, PageChart{
			Alt:     "danmaku sent per hour of day and weekday",
			Caption: "Send times: how many danmaku were sent in each hour of each weekday, over all the weeks covered, in " + r.SendTime.Zone + " (--timezone)."}})
	} else if err := os.Remove(at(SendTimeChartFile)); err != nil && !os.IsNotExist(err) {
		return nil, fmt.Errorf("remove stale %s: %w", at(SendTimeChartFile), err)
	}
	page := make([]PageChart, 0, len(charts))
	for _, c := range charts {
		path := at(c.file)
		if err := c.draw(path); err != nil {
			return nil, err
		}
		c.page.Path = path
		page = append(page, c.page)
	}
	return page, nil
}
