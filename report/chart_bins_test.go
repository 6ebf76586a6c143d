package report

import (
	"testing"

	"github.com/danmakuscope/danmakuscope/stats"
)

func TestBinFactor(t *testing.T) {
	tests := []struct {
		name     string
		n        int
		total    int64
		bucketMs int64
		want     int
	}{
		{"one bucket", 1, 100, 5000, 1},
		{"dense 12 min in 5 s: 15 s bins", 144, 3000, 5000, 3},
		{"sparse 12 min in 5 s: 1 min bins, 12 of them", 144, 320, 5000, 12},
		{"few buckets, plenty of danmaku: kept", 40, 4000, 10_000, 1},
		{"sparse 33 min in 10 s: 3 min bins", 203, 274, 10_000, 18},
		{"7 h in 2 min: 10 min bins", 211, 5151, 120_000, 5},
		{"odd bucket width: any factor", 100, 100_000, 7000, 2},
		{"no danmaku: one bin", 144, 0, 5000, 144},
		{"very sparse: 4 bins of 12", 144, 50, 5000, 36},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := binFactor(tt.n, tt.total, tt.bucketMs); got != tt.want {
				t.Errorf("binFactor(%d, %d, %d) = %d, want %d", tt.n, tt.total, tt.bucketMs, got, tt.want)
			}
		})
	}
}

func TestTimeBinsCoverTheBuckets(t *testing.T) {
	c := stats.Curves{BucketMs: 5000}
	for i := 0; i < 145; i++ {
		c.Buckets = append(c.Buckets, stats.Bucket{Index: i, StartMs: int64(i) * 5000, EndMs: int64(i+1) * 5000, Summary: stats.Summary{Count: 20}})
	}
	bins := timeBins(c) // 2900 danmaku: 15 s bins, the last holding one bucket
	if len(bins) != 49 {
		t.Fatalf("%d bins, want 49", len(bins))
	}
	var sum int64
	for i, b := range bins {
		sum += b.Count
		if i > 0 && (b.First != bins[i-1].Last+1 || b.StartMs != bins[i-1].EndMs) {
			t.Errorf("bin %d does not follow bin %d: %+v after %+v", i, i-1, b, bins[i-1])
		}
	}
	if last := bins[48]; sum != 2900 || last.First != 144 || last.Last != 144 || last.EndMs != 725_000 {
		t.Errorf("bins hold %d danmaku, last %+v; want 2900 and bucket 144 alone", sum, last)
	}
	for _, tt := range []struct{ bucket, want int }{{0, 0}, {2, 0}, {3, 1}, {144, 48}, {145, -1}, {-1, -1}} {
		if got := binOf(bins, tt.bucket); got != tt.want {
			t.Errorf("binOf(%d) = %d, want %d", tt.bucket, got, tt.want)
		}
	}
	if timeBins(stats.Curves{}) != nil || binOf(nil, 0) != -1 {
		t.Error("no buckets should give no bins")
	}
}
