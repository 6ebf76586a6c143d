// Package duckdbcheck verifies that the Parquet files danmakuscope writes read
// correctly in DuckDB, the reader most notebook users reach for: column names,
// types and row counts of every output file of a sample run, and the union of
// a whole run with read_parquet globs. It also keeps README.md honest: every
// SQL query in it runs on the sample run (the answers to the three questions
// it answers are checked against the engine's own numbers), and its tables
// document every column of every file, in order, with the types DuckDB
// reads, and every field of summary.json.
//
// It is a separate module because DuckDB's Go driver needs cgo, and the main
// module builds with CGO_ENABLED=0. Run it with
//
//	cd report/duckdbcheck && go test ./...
//
// .ci/run does.
package duckdbcheck
