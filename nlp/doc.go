// Package nlp turns danmaku text into tokens, a sentiment score and seven
// emotion scores.
//
// The steps, in order, are:
//
//   - [Normalize]: width folding, case folding, whitespace, and collapsing
//     repeated characters and memes (哈哈哈哈哈 → 哈哈哈, 2333333 → 233,
//     前方高能前方高能 → 前方高能), recording how much was collapsed.
//   - segmentation: bracketed emotes ([doge]), emoji and Latin/digit runs
//     are split out first; the rest is cut by one gse segmenter that knows
//     our danmaku dictionary and every lexicon term.
//   - scoring: a lexicon scorer with negation, degree adverbs and degree
//     complements (可爱死了), contrast and concession clauses, rhetorical and
//     other questions, irony markers and intensifiers, squashed into a
//     valence in [-1, 1] and a [Label], and the same rules applied to each
//     word's emotion give seven [EmotionScores] and a dominant [Emotion]. A
//     short exclaimed text without any lexicon word is read as a cheer
//     (liking).
//
// A [Model] holds the heavy, read-only resources and is loaded once per
// process with [Load], from the built-in lexicons and any user lexicons
// ([UserLexicon]: our TSV, HowNet/NTUSD-style term lists, BosonNLP-style
// scores, the DUTIR ontology as CSV); each goroutine makes its own
// [Analyzer], which caches results by normalised text. [Analyzer.Annotate]
// adds tokens, valence, label, emotion and emotion-score columns to record
// batches in the canonical danmaku schema. Sub-package eval measures the
// scorer on labeled text.
package nlp
