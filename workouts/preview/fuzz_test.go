package preview_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/workoutc/workoutc/workouts"
)

// FuzzPreview: any definition that parses gives a text preview and a
// well-formed SVG, without a panic. Seeded from the golden definitions.
func FuzzPreview(f *testing.F) {
	for _, name := range goldenNames {
		data, err := os.ReadFile(filepath.Join(testdata, name+".yaml"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("name: \"<&]]>\\x01\\u2028\"\nsteps:\n  - run: lap\n    name: \"\\x7f\\uFFFE\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		w, diags := workouts.Parse("fuzz.yaml", data)
		if diags.HasErrors() {
			return
		}
		r, _ := workouts.Resolve(w, workouts.ResolveOptions{})
		textOf(r)
		svg := svgOf(r)
		d := xml.NewDecoder(bytes.NewReader(svg))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("SVG not well-formed: %v\n%s", err, svg)
			}
		}
	})
}
