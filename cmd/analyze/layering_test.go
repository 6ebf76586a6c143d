package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestLayering enforces the one-way data flow fetch → nlp → stats → report:
// no package imports a later stage, and only cmd/ imports everything.
func TestLayering(t *testing.T) {
	const module = "github.com/danmakuscope/danmakuscope/"
	stage := map[string]int{"fetch": 0, "lexicons": 0, "nlp": 1, "stats": 2, "report": 3}
	root := filepath.Join("..", "..")
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		top := strings.Split(filepath.ToSlash(rel), "/")[0]
		from, ok := stage[top]
		if !ok {
			return nil // cmd/ wires everything
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if !strings.HasPrefix(p, module) {
				continue
			}
			target := strings.Split(strings.TrimPrefix(p, module), "/")[0]
			if to, ok := stage[target]; !ok || to > from {
				t.Errorf("%s imports %s: data flows fetch → nlp → stats → report only", rel, p)
			}
		}
		checked++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 20 {
		t.Errorf("checked only %d files; is the walk rooted right?", checked)
	}
}

// TestTopLevel keeps the repository's top level as DESIGN.md fixes it.
func TestTopLevel(t *testing.T) {
	out, err := exec.Command("git", "-C", filepath.Join("..", ".."), "ls-files").Output()
	if err != nil {
		t.Skipf("git ls-files: %v (not a git checkout?)", err)
	}
	want := map[string]bool{"cmd": true, "fetch": true, "nlp": true, "stats": true, "report": true, "lexicons": true,
		"testdata": true, "README.md": true, "go.mod": true, "go.sum": true}
	seen := map[string]bool{}
	for _, f := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		top := strings.Split(f, "/")[0]
		if strings.HasPrefix(top, ".") {
			continue // .ci, .gitignore
		}
		if !want[top] && !seen[top] {
			t.Errorf("%s at the top level: DESIGN.md fixes it to go.mod, go.sum, cmd/, fetch/, nlp/, stats/, report/, lexicons/, testdata/, README.md", top)
		}
		seen[top] = true
	}
	for w := range want {
		if !seen[w] {
			t.Errorf("%s missing from the top level", w)
		}
	}
}
