// Package nlp turns danmaku text into tokens and a sentiment score.
//
// The steps, in order, are:
//
//   - [Normalize]: width folding, case folding, whitespace, and collapsing
//     repeated characters and memes (哈哈哈哈哈 → 哈哈哈, 2333333 → 233,
//     前方高能前方高能 → 前方高能), recording how much was collapsed.
//   - segmentation: bracketed emotes ([doge]), emoji and Latin/digit runs
//     are split out first; the rest is cut by one gse segmenter that knows
//     our danmaku dictionary and every lexicon term.
//   - scoring: a lexicon scorer with negation, degree adverbs, adversative
//     clauses and intensifiers, squashed into a valence in [-1, 1] and a
//     [Label].
//
// A [Model] holds the heavy, read-only resources and is loaded once per
// process with [Load]; each goroutine makes its own [Analyzer], which caches
// results by normalised text. [Analyzer.Annotate] adds tokens, valence and
// label columns to record batches in the canonical danmaku schema.
package nlp
