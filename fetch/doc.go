// Package fetch turns danmaku sources (files today, HTTP APIs later) into
// Arrow record batches in one canonical schema.
//
// Every source maps its rows into [Schema] and streams them as records of at
// most [Options.BatchSize] rows through a [Stream]; no source holds all rows of
// a video in memory. Damaged input is skipped item by item and reported through
// [Options.OnSkip] and [Stream.Stats], or, with [Options.Strict], returned as an
// error. Sub-packages implement one source each.
package fetch
