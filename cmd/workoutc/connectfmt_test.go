package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/internal/testkit/shared"
)

// TestGoldenConnect builds every golden definition of testdata as Connect
// JSON and compares it with testdata/<name>.json. A definition Connect
// cannot hold (percent targets) must fail with exit 1, nothing written,
// and the located errors of testdata/<name>.json.err, and must not have a
// .json golden.
func TestGoldenConnect(t *testing.T) {
	built := 0
	for _, g := range goldens(t) {
		args := append([]string{"workoutc", "build", "-o", "-", "--format", "connect"}, g.Args...)
		args = append(args, g.YAML)
		var stdout, stderr bytes.Buffer
		code := run(args, strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
		errGolden := g.Base + ".json.err"
		if code != 0 {
			if code != exitInput || stdout.Len() > 0 {
				t.Errorf("%s: exit %d with %d bytes on stdout; want exit %d and nothing written\n%s", g.YAML, code, stdout.Len(), exitInput, stderr.String())
				continue
			}
			compareGolden(t, errGolden, stderr.Bytes())
			if _, err := os.Stat(g.Base + ".json"); err == nil {
				t.Errorf("%s.json exists, but Connect cannot hold %s (remove it)", g.Base, g.YAML)
			}
			continue
		}
		if _, err := os.Stat(errGolden); err == nil && !*update {
			t.Errorf("%s builds as Connect JSON now, but %s says it should fail (remove it after a deliberate change)", g.YAML, errGolden)
		} else if err == nil {
			os.Remove(errGolden)
		}
		compareGolden(t, g.Base+".json", stdout.Bytes())
		built++
	}
	if built < 3 {
		t.Fatalf("only %d golden definitions build as Connect JSON; the seed workouts and the Connect sampler at least must", built)
	}
}

// TestConnectRoundTrip: every golden's Connect JSON imported gives the
// same definition as its FIT file imported (the header line, which names
// the file and format, aside), and that definition built as Connect JSON
// again gives the golden's bytes.
func TestConnectRoundTrip(t *testing.T) {
	var paths []string
	for _, g := range goldens(t) {
		if _, err := os.Stat(g.Base + ".json"); err == nil {
			paths = append(paths, g.Base+".json")
		}
	}
	if len(paths) < 3 {
		t.Fatalf("found %d Connect goldens in testdata", len(paths))
	}
	dir := t.TempDir()
	for _, p := range paths {
		base := strings.TrimSuffix(p, ".json")
		code, fromJSON, errOut := runCLI("import", p)
		if code != 0 || errOut != "" {
			t.Errorf("import %s: exit %d\n%s", p, code, errOut)
			continue
		}
		code, fromFIT, errOut := runCLI("import", base+".fit")
		if code != 0 {
			t.Fatalf("import %s.fit: exit %d\n%s", base, code, errOut)
		}
		_, j, _ := strings.Cut(fromJSON, "\n")
		_, f, _ := strings.Cut(fromFIT, "\n")
		if j != f {
			t.Errorf("%s imports as\n%s\nbut its FIT file as\n%s", p, j, f)
		}
		def := filepath.Join(dir, filepath.Base(base)+".yaml")
		if err := os.WriteFile(def, []byte(fromJSON), 0o644); err != nil {
			t.Fatal(err)
		}
		code, got, errOut := runCLI("build", "-o", "-", "--format", "connect", def)
		if code != 0 {
			t.Errorf("build of the import of %s: exit %d\n%s", p, code, errOut)
			continue
		}
		want, _ := os.ReadFile(p)
		if got != string(want) {
			t.Errorf("%s: import then build gives other bytes:\n%s", p, got)
		}
	}
}

// TestInspectConnectCorpus: every recorded Connect request and reply of
// ../shared/corpus/connect inspects (exit 0, a step tree) and imports into
// a definition that builds as FIT; the list of summaries and the calendar
// are refused with one line.
func TestInspectConnectCorpus(t *testing.T) {
	dir := shared.Path(t, "corpus", "connect")
	var files []string
	for _, pat := range []string{"kaiord/*.gcn", "go-garmin/workout-*.response.json", "python-garminconnect/*.json", "garmin_mcp/*.json"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		files = append(files, m...)
	}
	if len(files) != 15 {
		t.Fatalf("found %d recorded workouts in %s, want 15", len(files), dir)
	}
	tmp := t.TempDir()
	for _, p := range files {
		code, out, errOut := runCLI("inspect", p)
		if code != 0 || !strings.Contains(out, "\n1. ") {
			t.Errorf("inspect %s: exit %d\n%s\n%s", p, code, out, errOut)
		}
		code, y, errOut := runCLI("import", p)
		if code != 0 {
			t.Errorf("import %s: exit %d\n%s", p, code, errOut)
			continue
		}
		def := filepath.Join(tmp, filepath.Base(p)+".yaml")
		os.WriteFile(def, []byte(y), 0o644)
		if code, _, errOut := runCLI("build", "-o", "-", def); code != 0 {
			t.Errorf("build of the import of %s: exit %d\n%s\n%s", p, code, errOut, y)
		}
	}
	for _, f := range []string{"workouts-list.response.json", "calendar-week-2026-01-28.response.json"} {
		p := filepath.Join(dir, "go-garmin", f)
		code, out, errOut := runCLI("inspect", p)
		if code != 1 || out != "" || strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, p+":1:1: a ") {
			t.Errorf("inspect %s: exit %d, stdout %q, stderr %q; want exit 1 and one line", f, code, out, errOut)
		}
	}
}
