package lexicons

import (
	"bytes"
	"io/fs"
	"testing"
)

func TestFilesEmbedded(t *testing.T) {
	names := Files()
	if len(names) != 8 {
		t.Fatalf("Files() = %v, want 8 names", names)
	}
	seen := map[string]bool{}
	for _, name := range names {
		if seen[name] {
			t.Errorf("%s listed twice", name)
		}
		seen[name] = true
		data, err := fs.ReadFile(FS, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(bytes.TrimSpace(data)) == 0 {
			t.Errorf("%s is empty", name)
		}
		if !bytes.HasSuffix(data, []byte("\n")) {
			t.Errorf("%s does not end with a newline", name)
		}
	}
	entries, err := fs.ReadDir(FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(names) {
		t.Errorf("FS holds %d files, Files() lists %d", len(entries), len(names))
	}
}
