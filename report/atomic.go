package report

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// atomicFile is a file being written under a temporary name in its final
// directory. Commit renames it into place; Abort removes it. A crash in
// between leaves the old file (if any) untouched.
type atomicFile struct {
	path string
	f    *os.File
	*bufio.Writer
}

// createAtomic starts writing path, creating parent directories as needed.
func createAtomic(path string) (*atomicFile, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create directory for %s: %w", path, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return &atomicFile{path: path, f: f, Writer: bufio.NewWriterSize(f, 256<<10)}, nil
}

// Commit flushes, syncs and renames the file into place.
func (a *atomicFile) Commit() error {
	err := a.Flush()
	if err == nil {
		err = a.f.Sync()
	}
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(a.f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(a.f.Name(), a.path)
	}
	if err != nil {
		os.Remove(a.f.Name())
		return fmt.Errorf("write %s: %w", a.path, err)
	}
	return nil
}

// Abort discards the temporary file. It is safe after Commit (a no-op then).
func (a *atomicFile) Abort() {
	a.f.Close()
	os.Remove(a.f.Name())
}

// WriteFileAtomic writes a file through write into a temporary file in the
// same directory, then renames it over path, so that a crash leaves either
// the old file or the new one, never a torn one. Parent directories are
// created as needed.
func WriteFileAtomic(path string, write func(w io.Writer) error) error {
	a, err := createAtomic(path)
	if err != nil {
		return err
	}
	if err := write(a); err != nil {
		a.Abort()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return a.Commit()
}
