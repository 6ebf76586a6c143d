// Package stats aggregates annotated danmaku into per-video statistics:
// time buckets over video time (count, density, mean valence with its 95%
// confidence interval, label shares) and keyword statistics (count, document
// frequency, TF-IDF, rank).
//
// An [Accumulator] consumes record batches in nlp.AnnotatedSchema one at a
// time and keeps only aggregates: per-second cells and per-term counts, never
// the rows themselves. Cells are mergeable (count, mean and sum of squared
// deviations combine exactly), so a bucket width chosen after the last batch,
// or a merge of partial aggregates computed elsewhere, gives the same result.
package stats
