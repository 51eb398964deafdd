package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/internal/testkit/fitsdk"
	"github.com/workoutc/workoutc/internal/testkit/shared"
	"github.com/workoutc/workoutc/workouts"
)

// runCLI runs workoutc in process and returns its exit code and output.
func runCLI(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"workoutc"}, args...), strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
	return code, stdout.String(), stderr.String()
}

// TestGoldenInspect compares "workoutc inspect" of every testdata/*.fit with
// testdata/<name>.inspect.txt, and "inspect --json" of the two seed
// workouts with testdata/<name>.inspect.json (-update rewrites them).
func TestGoldenInspect(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/*.fit")
	if len(paths) < 2 {
		t.Fatalf("found %d FIT files in testdata", len(paths))
	}
	for _, p := range paths {
		base := strings.TrimSuffix(p, ".fit")
		code, out, errOut := runCLI("inspect", p)
		if code != 0 || errOut != "" {
			t.Fatalf("inspect %s: exit %d\n%s", p, code, errOut)
		}
		compareGolden(t, base+".inspect.txt", []byte(out))
	}
	for _, name := range []string{"hill-repeats", "strength-circuit"} {
		p := "../../testdata/" + name + ".fit"
		code, out, errOut := runCLI("inspect", "--json", p)
		if code != 0 || errOut != "" {
			t.Fatalf("inspect --json %s: exit %d\n%s", p, code, errOut)
		}
		var got []workouts.InspectedWorkout
		if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) != 1 {
			t.Fatalf("inspect --json %s: not one workout in a JSON array (%v)", p, err)
		}
		out = strings.ReplaceAll(out, "../../testdata/", "testdata/")
		compareGolden(t, "../../testdata/"+name+".inspect.json", []byte(out))
	}
}

// TestImportThenBuild: for each golden FIT file, "import" then "build"
// gives the same bytes (the CLI promise of the issue).
func TestImportThenBuild(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/*.fit")
	dir := t.TempDir()
	for _, p := range paths {
		code, y, errOut := runCLI("import", p)
		if code != 0 || errOut != "" {
			t.Fatalf("import %s: exit %d\n%s", p, code, errOut)
		}
		def := filepath.Join(dir, filepath.Base(p)+".yaml")
		if err := os.WriteFile(def, []byte(y), 0o644); err != nil {
			t.Fatal(err)
		}
		code, got, errOut := runCLI("build", "-o", "-", def)
		if code != 0 {
			t.Fatalf("build of the import of %s: exit %d\n%s\n%s", p, code, errOut, y)
		}
		want, _ := os.ReadFile(p)
		if got != string(want) {
			t.Errorf("%s: import then build gives other bytes; imported:\n%s", p, y)
		}
	}
}

// corpus returns the files of ../shared/corpus/<sub> that match glob; a
// missing corpus is a loud skip, or a failure under CI=true.
func corpus(t *testing.T, sub, glob string) []string {
	t.Helper()
	dir := shared.Path(t, "corpus", sub)
	paths, _ := filepath.Glob(filepath.Join(dir, glob))
	if len(paths) == 0 {
		shared.Missing(t, "no "+glob+" files in "+dir)
	}
	return paths
}

// TestInspectImportCorpus runs the commands over the real files: every
// workout is inspected (exit 0) and imported into a definition that builds
// into a file Garmin's SDK accepts; the activity is refused (exit 1, one
// line, nothing on stdout).
func TestInspectImportCorpus(t *testing.T) {
	dir := t.TempDir()
	var built []string
	fits, tcxs := corpus(t, "fit", "*.fit"), corpus(t, "tcx", "*.tcx")
	for _, p := range fits {
		base := filepath.Base(p)
		if strings.HasPrefix(base, "not-a-workout") {
			for _, cmd := range []string{"inspect", "import"} {
				code, out, errOut := runCLI(cmd, p)
				if code != 1 || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "not a workout file: file_id type is activity (4)") {
					t.Errorf("%s %s: exit %d, stdout %q, stderr %q; want exit 1 and one line", cmd, base, code, out, errOut)
				}
			}
			continue
		}
		code, out, errOut := runCLI("inspect", p)
		if code != 0 || !strings.Contains(out, "\n1. ") {
			t.Errorf("inspect %s: exit %d\n%s\n%s", base, code, out, errOut)
		}
		if strings.HasPrefix(base, "garmin-connect") {
			for _, want := range []string{"steps: 43 (10 of them repeats)", "1. exercise Warm-up [warm_up]: until lap, intensity warmup", "notes: Rétraction scapulaire\n", "Inspirer en descendant\n"} {
				if !strings.Contains(out, want) {
					t.Errorf("inspect %s lacks %q", base, want)
				}
			}
		}
		code, y, errOut := runCLI("import", p)
		if code != 0 {
			t.Fatalf("import %s: exit %d\n%s", base, code, errOut)
		}
		for _, line := range strings.Split(strings.TrimSpace(errOut), "\n") {
			if line != "" && !strings.HasPrefix(line, p+": warning: ") {
				t.Errorf("import %s: stderr line %q is not a warning", base, line)
			}
		}
		if strings.Contains(errOut, "warning") && !strings.Contains(y, "# import: ") {
			t.Errorf("import %s: warnings on stderr but no # import: comment in the definition", base)
		}
		def := filepath.Join(dir, base+".yaml")
		os.WriteFile(def, []byte(y), 0o644)
		code, fit, errOut := runCLI("build", "-o", "-", def)
		if code != 0 {
			t.Fatalf("build of the import of %s: exit %d\n%s\n%s", base, code, errOut, y)
		}
		out2 := filepath.Join(dir, base)
		os.WriteFile(out2, []byte(fit), 0o644)
		built = append(built, out2)
	}
	fitsdk.Require(t, built...)

	// The TCX fixtures of another converter: all read, shown and imported;
	// the one that breaks the XSD is read with a warning that says so.
	if len(tcxs) < 4 {
		t.Fatalf("found %d TCX fixtures in the corpus, want 4", len(tcxs))
	}
	for _, p := range tcxs {
		base := filepath.Base(p)
		code, out, errOut := runCLI("inspect", p)
		if code != 0 || !strings.Contains(out, "\n1. ") {
			t.Errorf("inspect %s: exit %d\n%s\n%s", base, code, out, errOut)
		}
		if strings.Contains(base, "RepeatBlocks") && !strings.Contains(errOut, "the TCX schema allows 15 (read anyway)") {
			t.Errorf("inspect %s does not say the file breaks the schema:\n%s", base, errOut)
		}
		code, y, errOut := runCLI("import", p)
		if code != 0 {
			t.Fatalf("import %s: exit %d\n%s", base, code, errOut)
		}
		def := filepath.Join(dir, base+".yaml")
		os.WriteFile(def, []byte(y), 0o644)
		if code, _, errOut := runCLI("build", "-o", "-", def); code != 0 {
			t.Errorf("build of the import of %s: exit %d\n%s\n%s", base, code, errOut, y)
		}
	}
}

// TestInspectRefusesBinary: a truncated or corrupted FIT file and Garmin's
// non-workout SDK samples exit 1 with one line naming the file, and
// nothing on stdout.
func TestInspectRefusesBinary(t *testing.T) {
	data, err := os.ReadFile("../../testdata/hill-repeats.fit")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	trunc := filepath.Join(dir, "truncated.fit")
	os.WriteFile(trunc, data[:len(data)/2], 0o644)
	bad := bytes.Clone(data)
	bad[len(bad)-1] ^= 0xFF
	corrupt := filepath.Join(dir, "corrupt.fit")
	os.WriteFile(corrupt, bad, 0o644)
	cases := map[string]string{trunc: "not a valid FIT file: the file is truncated", corrupt: "not a valid FIT file: checksum mismatch"}
	if out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/muktihari/fit").Output(); err == nil {
		sdk := filepath.Join(strings.TrimSpace(string(out)), "testdata", "from_official_sdk")
		cases[filepath.Join(sdk, "Activity.fit")] = "not a workout file: file_id type is activity (4)"
		cases[filepath.Join(sdk, "Settings.fit")] = "not a workout file: file_id type is settings (2)"
	}
	for path, want := range cases {
		for _, cmd := range []string{"inspect", "import"} {
			code, out, errOut := runCLI(cmd, path)
			if code != 1 || out != "" || errOut != path+": "+want+strings.TrimPrefix(errOut, path+": "+want) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("%s %s: exit %d, stdout %q, stderr %q; want exit 1, %q", cmd, filepath.Base(path), code, out, errOut, want)
			}
		}
	}
	// inspect goes on with the other files and still fails.
	code, out, errOut := runCLI("inspect", trunc, "../../testdata/hill-repeats.fit")
	if code != 1 || !strings.Contains(out, "Hill Repeats") || !strings.Contains(errOut, "truncated") {
		t.Errorf("inspect bad+good: exit %d\n%s\n%s", code, out, errOut)
	}
}
