// Package dmpb holds the protobuf messages of Bilibili's segmented danmaku
// replies, generated from dm.proto.
//
// Regenerate (needs protoc and protoc-gen-go v1.36.12; CI does not):
//
//	apt-get install -y protobuf-compiler
//	go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.12
//	cd fetch/bilibili/dmpb && protoc --go_out=. --go_opt=paths=source_relative dm.proto
package dmpb
