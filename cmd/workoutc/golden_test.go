package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/encode/tcx/tcxtest"
	"github.com/workoutc/workoutc/internal/fitsdk"
)

// golden is one definition of the repository's testdata with the build
// arguments its first line gives ("# golden: --athlete athletes/sam.yaml").
type golden struct {
	yaml string   // path of the definition
	base string   // testdata/<name>, without extension
	args []string // build flags, paths relative to testdata
}

// goldens lists every testdata/*.yaml that starts with "# golden:".
func goldens(t testing.TB) []golden {
	t.Helper()
	paths, err := filepath.Glob("../../testdata/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var out []golden
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		line, _ := bufio.NewReader(f).ReadString('\n')
		f.Close()
		rest, ok := strings.CutPrefix(line, "# golden:")
		if !ok {
			continue
		}
		args := strings.Fields(rest)
		for i := range args {
			if i > 0 && args[i-1] == "--athlete" {
				args[i] = filepath.Join("../../testdata", args[i])
			}
		}
		out = append(out, golden{yaml: p, base: strings.TrimSuffix(p, ".yaml"), args: args})
	}
	if len(out) < 2 {
		t.Fatalf("found %d golden definitions in testdata; the two seed workouts at least must be there", len(out))
	}
	return out
}

// buildOne runs "workoutc build -o - --format FORMAT ARGS... FILE" in process
// and returns the file's bytes.
func buildOne(t testing.TB, g golden, format string) []byte {
	t.Helper()
	args := append([]string{"workoutc", "build", "-o", "-", "--format", format}, g.args...)
	args = append(args, g.yaml)
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
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./cmd/workoutc -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what build writes now (go test ./cmd/workoutc -update rewrites it after a deliberate change)", path)
	}
}

// TestGoldenFIT builds every golden definition of testdata and compares the
// FIT file and its readable dump with testdata/<name>.fit and .fit.txt;
// Garmin's SDK must accept every file.
func TestGoldenFIT(t *testing.T) {
	var files []string
	for _, g := range goldens(t) {
		b := buildOne(t, g, "fit")
		var dump bytes.Buffer
		if err := fitenc.Dump(&dump, b); err != nil {
			t.Fatalf("%s: dump: %v", g.yaml, err)
		}
		compareGolden(t, g.base+".fit", b)
		compareGolden(t, g.base+".fit.txt", dump.Bytes())
		files = append(files, g.base+".fit")
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
		args := append([]string{"workoutc", "build", "-o", "-", "--format", "tcx"}, g.args...)
		args = append(args, g.yaml)
		var stdout, stderr bytes.Buffer
		code := run(args, strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
		errGolden := g.base + ".tcx.err"
		if code != 0 {
			if code != exitInput || stdout.Len() > 0 {
				t.Errorf("%s: exit %d with %d bytes on stdout; want exit %d and nothing written\n%s", g.yaml, code, stdout.Len(), exitInput, stderr.String())
				continue
			}
			compareGolden(t, errGolden, stderr.Bytes())
			if _, err := os.Stat(g.base + ".tcx"); err == nil {
				t.Errorf("%s.tcx exists, but TCX cannot express %s (remove it)", g.base, g.yaml)
			}
			continue
		}
		if _, err := os.Stat(errGolden); err == nil && !*update {
			t.Errorf("%s builds as TCX now, but %s says it should fail (remove it after a deliberate change)", g.yaml, errGolden)
		} else if err == nil {
			os.Remove(errGolden)
		}
		compareGolden(t, g.base+".tcx", stdout.Bytes())
		files = append(files, g.base+".tcx")
	}
	if len(files) < 2 {
		t.Fatalf("only %d golden definitions build as TCX; the two seed workouts at least must", len(files))
	}
	tcxtest.Validate(t, files...)
}
