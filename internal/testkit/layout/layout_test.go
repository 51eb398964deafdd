// Package layout holds the test of the repository's layout (docs/layout.md):
// which way imports go.
package layout

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/workoutc/workoutc/"

// machinery is what only the commands use: the library and the formats
// never import it.
var machinery = []string{"internal/batch", "internal/calendar", "internal/device", "internal/connectapi", "internal/progress", "internal/input", "cmd/"}

// TestImportsGoDown: the library (workouts/) and the formats (encode/)
// import no machinery, and outside internal/testkit only _test.go files
// import a test helper, as docs/layout.md draws it.
func TestImportsGoDown(t *testing.T) {
	root := "../../.."
	files := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "testdata" || rel == "crosscheck" || strings.HasPrefix(d.Name(), ".") && rel != "." || d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		files++
		library := strings.HasPrefix(rel, "workouts/") || strings.HasPrefix(rel, "encode/")
		helper := strings.HasPrefix(rel, "internal/testkit/")
		for _, im := range f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			own, ok := strings.CutPrefix(path, module)
			if !ok {
				continue
			}
			if strings.HasPrefix(own, "internal/testkit/") && !helper {
				t.Errorf("%s imports the test helper %s: only tests and other helpers may", rel, own)
			}
			if library {
				for _, m := range machinery {
					if own == strings.TrimSuffix(m, "/") || strings.HasPrefix(own, m) {
						t.Errorf("%s (library or format) imports %s, machinery behind a command", rel, own)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Fatalf("read %d Go files under %s; the walk missed the repository", files, root)
	}
}
