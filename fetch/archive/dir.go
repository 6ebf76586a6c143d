package archive

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/danmakuscope/danmakuscope/fetch"
)

// Dir is one source's archive: a directory of replies named by the source
// (e.g. "seg-0001.pb", "page-0003.json").
type Dir struct {
	// Path is the directory; it is created on the first write.
	Path string
}

// CompleteName is the file that marks a finished fetch.
const CompleteName = "complete.json"

// Complete records that a fetch ran to its end: which replies make up the
// video, in the order they are to be read.
type Complete struct {
	// Source is the source spec, without secrets.
	Source string `json:"source"`
	// Replies are the archived replies to read, in order.
	Replies []string `json:"replies"`
	// Notes say anything a reader should know (a fallback taken, a page
	// whose shape was not understood).
	Notes []string `json:"notes,omitempty"`
	// Params describe what was asked for (e.g. a history range); an
	// archive completed for other parameters is fetched again (reusing
	// the replies it has).
	Params string `json:"params,omitempty"`
}

// Read returns the archived reply name, or an error satisfying
// errors.Is(err, fs.ErrNotExist) when it is not there.
func (d Dir) Read(name string) ([]byte, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(d.Path, name))
	if err != nil {
		return nil, fmt.Errorf("archive: %w", err)
	}
	return b, nil
}

// Has reports whether reply name is archived.
func (d Dir) Has(name string) bool {
	_, err := os.Stat(filepath.Join(d.Path, name))
	return err == nil
}

// Write stores reply name atomically: a crash leaves either no file or
// the whole reply, never part of one.
func (d Dir) Write(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	if err := os.MkdirAll(d.Path, 0o755); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	f, err := os.CreateTemp(d.Path, "."+name+".tmp-*")
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(d.Path, name))
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("archive %s: %w", name, err)
	}
	return nil
}

// Remove deletes reply name if it exists.
func (d Dir) Remove(name string) error {
	if err := checkName(name); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(d.Path, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("archive: %w", err)
	}
	return nil
}

// MarkComplete writes the completion record.
func (d Dir) MarkComplete(c Complete) error {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	return d.Write(CompleteName, append(b, '\n'))
}

// Completed returns the completion record, or ok false when the fetch has
// not run to its end (or the record is unreadable, which is treated the
// same way: the fetch resumes).
func (d Dir) Completed() (c Complete, ok bool) {
	return d.CompletedFor("")
}

// CompletedFor is Completed for a fetch with the given parameters: a record
// written for other parameters does not count.
func (d Dir) CompletedFor(params string) (c Complete, ok bool) {
	b, err := d.Read(CompleteName)
	if err != nil {
		return Complete{}, false
	}
	if json.Unmarshal(b, &c) != nil || c.Params != params {
		return Complete{}, false
	}
	for _, r := range c.Replies {
		if checkName(r) != nil || !d.Has(r) {
			return Complete{}, false
		}
	}
	return c, true
}

// checkName refuses names that would leave the directory.
func checkName(name string) error {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
		return fmt.Errorf("archive: bad reply name %q", name)
	}
	return nil
}

// CleanTemp removes the temporary files that a process killed while
// writing left behind. Call it before fetching into the archive, not while
// another process writes to it.
func (d Dir) CleanTemp() error {
	entries, err := os.ReadDir(d.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, ".") && strings.Contains(n, ".tmp-") && e.Type().IsRegular() {
			if err := os.Remove(filepath.Join(d.Path, n)); err != nil {
				return fmt.Errorf("archive: %w", err)
			}
		}
	}
	return nil
}

// Digest returns the total size and the SHA-256 of the replies of a
// complete archive, hashed one after the other in their reading order:
// the provenance of what was read.
func (d Dir) Digest(c Complete) (size int64, sha string, err error) {
	h := sha256.New()
	for _, r := range c.Replies {
		b, err := d.Read(r)
		if err != nil {
			return 0, "", err
		}
		size += int64(len(b))
		h.Write(b)
	}
	return size, hex.EncodeToString(h.Sum(nil)), nil
}

// Provenance is the [Dir.Digest] of the archive completed for params (see
// [Dir.CompletedFor]); an error naming the source spec when it is not
// complete.
func (d Dir) Provenance(spec, params string) (size int64, sha string, err error) {
	c, ok := d.CompletedFor(params)
	if !ok {
		return 0, "", fmt.Errorf("%s: archive %s is not complete", spec, d.Path)
	}
	return d.Digest(c)
}

// Reused returns the statistics of a fetch whose archive is already
// complete for params (see [Dir.CompletedFor]), counting each reply's
// items with count; ok is false when the fetch has to run. A reply that
// cannot be read counts no items (reading it later reports the error).
func (d Dir) Reused(params string, count func(name string, body []byte) int) (st fetch.FetchStats, ok bool) {
	c, ok := d.CompletedFor(params)
	if !ok {
		return fetch.FetchStats{}, false
	}
	st = fetch.FetchStats{Replies: len(c.Replies), Reused: len(c.Replies), Notes: c.Notes}
	for _, r := range c.Replies {
		if b, err := d.Read(r); err == nil {
			st.Items += count(r, b)
		}
	}
	return st, true
}
