package preview_test

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

var pngFlag = flag.Bool("png", false, "render the seed SVG previews to testdata/preview/*.png with rsvg-convert (Debian: librsvg2-bin)")

// pngNames are the previews rendered for reviewers and the README.
var pngNames = []string{"hill-repeats", "strength-circuit", "nested-repeats"}

// TestRenderPNG, under -png, renders the SVG previews of the seed workouts
// and the nested repeat to testdata/preview/<name>.png, at 1.5× for sharp
// text. The PNGs are committed so that a reviewer can look at them; they
// are not compared, as rasterisers differ in their last bits.
//
//	go test ./workouts/preview -run TestRenderPNG -png
func TestRenderPNG(t *testing.T) {
	if !*pngFlag {
		t.Skip("renders PNGs only with -png")
	}
	rsvg, err := exec.LookPath("rsvg-convert")
	if err != nil {
		t.Fatal("-png needs rsvg-convert: apt-get install -y librsvg2-bin")
	}
	dir := filepath.Join(testdata, "preview")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range pngNames {
		svg := svgOf(load(t, name))
		var out, stderr bytes.Buffer
		cmd := exec.Command(rsvg, "--zoom", "1.5", "--format", "png")
		cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(svg), &out, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s: rsvg-convert: %v\n%s", name, err, stderr.String())
		}
		if !bytes.HasPrefix(out.Bytes(), []byte("\x89PNG\r\n\x1a\n")) {
			t.Fatalf("%s: rsvg-convert wrote no PNG", name)
		}
		path := filepath.Join(dir, name+".png")
		if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", path, out.Len())
	}
}
