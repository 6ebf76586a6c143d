// Package stats aggregates annotated danmaku into per-video statistics:
// time buckets over video time (count, density, mean valence with its 95%
// confidence interval, label shares, and the density and valence smoothed
// after flood control), keyword statistics (count, document frequency,
// TF-IDF, keyness, rank; recurring multi-word memes included), and the
// reaction analytics: highlights against a robust local baseline, per-bucket
// top terms and term bursts, and send-time trends.
//
// An [Accumulator] consumes record batches in nlp.AnnotatedSchema one at a
// time and keeps only aggregates: per-second cells, per-term counts,
// per-slice term counts and bounded Space-Saving summaries, never the rows
// themselves. Cells are mergeable (count, mean and sum of squared
// deviations combine exactly), so a bucket width chosen after the last batch,
// or a merge of partial aggregates computed elsewhere, gives the same result.
// Figures over many videos are a [Corpus]: a merge of per-video partial
// aggregates (Accumulator.Partial) that is associative and commutative.
package stats
