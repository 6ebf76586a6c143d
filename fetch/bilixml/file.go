package bilixml

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// File is a Bilibili danmaku XML file on disk, plain or compressed. It
// implements [fetch.Source]: its rows have source "file-xml" and video_key
// "bilibili:cid:<chatid>" when the document's <chatid> is a positive
// integer, else "file:" and the file's base name.
type File struct {
	// Path is the file's path.
	Path string
}

var _ fetch.Source = File{}

// Name returns the path.
func (f File) Name() string { return f.Path }

// Open opens the file and reads its header; see [NewStream]. The stream's
// Close closes the file.
func (f File) Open(ctx context.Context, opt fetch.Options) (fetch.Stream, error) {
	fh, err := os.Open(f.Path)
	if err != nil {
		return nil, fmt.Errorf("open danmaku file: %w", err)
	}
	cfg := Config{Source: "file-xml", FallbackKey: "file:" + filepath.Base(f.Path)}
	return newStream(ctx, fh, f.Path, cfg, opt, fh)
}
