package files

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.xml", "a.xml.gz", "sub/c.so", "notes.md", ".hidden.xml", ".git/x.xml", "sub/d.XML"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	explicit := filepath.Join(dir, "notes.md")
	srcs, err := Expand([]string{dir, explicit})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range srcs {
		rel, _ := filepath.Rel(dir, s.Name())
		got = append(got, filepath.ToSlash(rel))
	}
	// Lexical walk order; hidden entries and non-danmaku names skipped in
	// directories; an explicitly named file is taken whatever its name.
	want := []string{"a.xml.gz", "b.xml", "sub/c.so", "sub/d.XML", "notes.md"}
	if !slices.Equal(got, want) {
		t.Errorf("Expand = %v, want %v", got, want)
	}
}

func TestExpandErrors(t *testing.T) {
	empty := t.TempDir()
	os.WriteFile(filepath.Join(empty, "readme.txt"), nil, 0o644)
	tests := []struct {
		path, want string
	}{
		{filepath.Join(empty, "missing.xml"), "missing.xml"},
		{empty, "no danmaku files"},
	}
	for _, tt := range tests {
		_, err := Expand([]string{tt.path})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Expand(%s): error %v, want one containing %q", tt.path, err, tt.want)
		}
	}
}
