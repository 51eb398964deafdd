package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/internal/testkit/fitsdk"
	"github.com/workoutc/workoutc/internal/testkit/hostile"
)

// TestHostileBuild feeds build the inputs of the core issue's hostile list
// through the whole command: each gets a located error (or a one-line
// refusal) and exit 1, no panic, no stack trace, and
// nothing written; a 100,000-character name is cut with a warning and the
// file still passes Garmin's SDK.
func TestHostileBuild(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"bomb", hostile.AliasBomb(), `^in\.yaml:5:\d+: YAML aliases \(\*a\) are not supported`},
		{"deep", hostile.DeepRepeats(300), `^in\.yaml:\d+:\d+: nested more than 64 levels deep`},
		{"count", "name: x\nsteps:\n  - repeat: 4294967296\n    steps:\n      - run: 1 min\n", `^in\.yaml:3:13: repeat count 4294967296 is out of range \(use 1 to 99\)$`},
		{"nul", "name: x\x00y\nsteps:\n  - run: 1 min\n", `^in\.yaml:1:8: NUL byte in input`},
		{"garbage", string(hostile.Garbage(8192)), `^in\.yaml:\d+:\d+: `},
		{"empty", "", `^in\.yaml: empty workout definition`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "in.yaml")
			if err := os.WriteFile(in, []byte(c.src), 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			wd, _ := os.Getwd()
			if err := os.Chdir(dir); err != nil {
				t.Fatal(err)
			}
			code := run([]string{"workoutc", "build", "-o", "out", "in.yaml"}, strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
			os.Chdir(wd)
			if code != exitInput {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitInput, stderr.String())
			}
			first, _, _ := strings.Cut(stderr.String(), "\n")
			if !regexp.MustCompile(c.want).MatchString(first) {
				t.Errorf("first line %q does not match %q", first, c.want)
			}
			if strings.Contains(stderr.String(), "goroutine") || strings.Contains(stderr.String(), "panic") {
				t.Errorf("stack trace:\n%s", stderr.String())
			}
			if _, err := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(err) {
				t.Errorf("output written despite the error")
			}
		})
	}

	t.Run("long name", func(t *testing.T) {
		dir := t.TempDir()
		in := filepath.Join(dir, "long.yaml")
		src := "name: " + strings.Repeat("n", 100000) + "\nsteps:\n  - run: 1 min\n    notes: " + strings.Repeat("é", 50000) + "\n"
		if err := os.WriteFile(in, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		code := run([]string{"workoutc", "build", "-o", "-", in}, strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		if !regexp.MustCompile(`long\.yaml:1:1: warning: workout name is 100000 bytes; a FIT string holds at most 254, cut to 254`).MatchString(stderr.String()) {
			t.Errorf("no located warning for the cut name:\n%.500s", stderr.String())
		}
		if !strings.Contains(stderr.String(), "long.yaml:3:5: warning: notes is 100000 bytes") {
			t.Errorf("no located warning for the cut notes:\n%.500s", stderr.String())
		}
		out := filepath.Join(dir, "long.fit")
		if err := os.WriteFile(out, stdout.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		fitsdk.Require(t, out)
	})
}

// TestUnwritableOutput: an output folder that cannot be made is an I/O
// failure (exit 3) that leaves no file behind.
func TestUnwritableOutput(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "out")
	if err := os.WriteFile(blocker, []byte("a file, not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"workoutc", "build", "-o", filepath.Join(blocker, "sub"), "../../testdata/nested-repeats.yaml"}, strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
	if code != exitIO {
		t.Errorf("exit %d, want %d: %s", code, exitIO, stderr.String())
	}
	if !strings.HasPrefix(stderr.String(), "workoutc: ") || strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("want one line 'workoutc: ...', got %q", stderr.String())
	}
}
