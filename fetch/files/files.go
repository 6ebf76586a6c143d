// Package files turns the paths a user names (files and directories) into
// sources, one per danmaku file. The format of each file is recognised by its
// content when it is opened; directories are walked in lexical order and
// contribute the files whose names look like danmaku documents.
package files

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/bilixml"
)

// dirExtensions are the file name endings taken from directories: plain
// XML and the compressed forms a download may leave (list.so replies are
// raw deflate). A file named on the command line is read whatever its name.
var dirExtensions = []string{".xml", ".xml.gz", ".xml.zz", ".xml.deflate", ".gz", ".zz", ".zlib", ".deflate", ".so"}

// Expand returns one source per danmaku file among paths, in the order
// given; directories are walked recursively in lexical order, skipping
// hidden entries. A path that does not exist, or a directory holding no
// danmaku files, is an error naming it.
func Expand(paths []string) ([]fetch.Source, error) {
	var out []fetch.Source
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("input %s: %w", p, err)
		}
		if !st.IsDir() {
			out = append(out, bilixml.File{Path: p})
			continue
		}
		n := len(out)
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && hasDanmakuName(d.Name()) {
				out = append(out, bilixml.File{Path: path})
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("input %s: %w", p, err)
		}
		if len(out) == n {
			return nil, fmt.Errorf("input %s: no danmaku files in this directory (looked for %s)", p, strings.Join(dirExtensions, ", "))
		}
	}
	return out, nil
}

func hasDanmakuName(name string) bool {
	lower := strings.ToLower(name)
	for _, ext := range dirExtensions {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}
