package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/internal/testkit/fitdump"
	"github.com/workoutc/workoutc/internal/testkit/fitsdk"
	"github.com/workoutc/workoutc/internal/testkit/golden"
	"github.com/workoutc/workoutc/internal/testkit/tcxtest"
)

// goldens lists the golden definitions of the repository's testdata.
func goldens(t testing.TB) []golden.Def { return golden.List(t, "../../testdata") }

// buildOne runs "workoutc build -o - --format FORMAT ARGS... FILE" in process
// and returns the file's bytes.
func buildOne(t testing.TB, g golden.Def, format string) []byte {
	t.Helper()
	args := append([]string{"workoutc", "build", "-o", "-", "--format", format}, g.Args...)
	args = append(args, g.YAML)
	var stdout, stderr bytes.Buffer
	if code := run(args, strings.NewReader(""), &stdout, &stderr, func(string) string { return "" }); code != 0 {
		t.Fatalf("%s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	return stdout.Bytes()
}

// compareGolden compares got with the file at path, or rewrites the file
// under -update.
func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	golden.Compare(t, path, got, *update)
}

// TestGoldenFIT builds every golden definition of testdata and compares the
// FIT file and its readable dump with testdata/<name>.fit and .fit.txt;
// Garmin's SDK must accept every file.
func TestGoldenFIT(t *testing.T) {
	var files []string
	for _, g := range goldens(t) {
		b := buildOne(t, g, "fit")
		var dump bytes.Buffer
		if err := fitdump.Dump(&dump, b); err != nil {
			t.Fatalf("%s: dump: %v", g.YAML, err)
		}
		compareGolden(t, g.Base+".fit", b)
		compareGolden(t, g.Base+".fit.txt", dump.Bytes())
		files = append(files, g.Base+".fit")
	}
	fitsdk.Require(t, files...)
}

// TestGoldenTCX builds every golden definition of testdata as TCX and
// compares the file with testdata/<name>.tcx; every file must validate
// against Garmin's TrainingCenterDatabasev2.xsd (../shared/schemas beside
// the repository: without it, or without xmllint, the test fails under
// CI=true and skips loudly elsewhere, after comparing). A definition that
// TCX cannot express (power targets) must fail with exit 1 and the located
// errors of testdata/<name>.tcx.err, and must not have a .tcx golden.
func TestGoldenTCX(t *testing.T) {
	var files []string
	for _, g := range goldens(t) {
		args := append([]string{"workoutc", "build", "-o", "-", "--format", "tcx"}, g.Args...)
		args = append(args, g.YAML)
		var stdout, stderr bytes.Buffer
		code := run(args, strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
		errGolden := g.Base + ".tcx.err"
		if code != 0 {
			if code != exitInput || stdout.Len() > 0 {
				t.Errorf("%s: exit %d with %d bytes on stdout; want exit %d and nothing written\n%s", g.YAML, code, stdout.Len(), exitInput, stderr.String())
				continue
			}
			compareGolden(t, errGolden, stderr.Bytes())
			if _, err := os.Stat(g.Base + ".tcx"); err == nil {
				t.Errorf("%s.tcx exists, but TCX cannot express %s (remove it)", g.Base, g.YAML)
			}
			continue
		}
		if _, err := os.Stat(errGolden); err == nil && !*update {
			t.Errorf("%s builds as TCX now, but %s says it should fail (remove it after a deliberate change)", g.YAML, errGolden)
		} else if err == nil {
			os.Remove(errGolden)
		}
		compareGolden(t, g.Base+".tcx", stdout.Bytes())
		files = append(files, g.Base+".tcx")
	}
	if len(files) < 2 {
		t.Fatalf("only %d golden definitions build as TCX; the two seed workouts at least must", len(files))
	}
	tcxtest.Validate(t, files...)
}
