package input

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := mkfifo(fifo); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	cases := []struct {
		path string
		kind error
		want string
	}{
		{fifo, ErrNotRegular, "a named pipe (FIFO), not a file; a plan is a regular file"},
		{"/dev/zero", ErrNotRegular, "a device, not a file; a plan is a regular file"},
		{dir, ErrNotRegular, "a folder, not a file; a plan is a regular file"},
		{filepath.Join(dir, "missing"), nil, ""},
	}
	for _, c := range cases {
		// A FIFO with no writer would block a plain open for ever: a hang
		// here fails the test by its timeout.
		_, err := ReadFile(c.path, 1<<20, "plan")
		if err == nil {
			t.Fatalf("%s: read", c.path)
		}
		if c.kind != nil && !errors.Is(err, c.kind) {
			t.Errorf("%s: %v is not %v", c.path, err, c.kind)
		}
		want := c.path + ": " + c.want
		if c.want == "" {
			want = "open " + c.path + ": no such file or directory"
		}
		if err.Error() != want {
			t.Errorf("got  %q\nwant %q", err, want)
		}
	}
}

func TestTooLarge(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(p, make([]byte, 3<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFile(p, 1<<20, "workout definition")
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("got %v", err)
	}
	if want := p + ": file is 3145728 bytes (3 MB); a workout definition is at most 1048576 bytes (1 MB)"; err.Error() != want {
		t.Errorf("got  %q\nwant %q", err, want)
	}
	_, err = Read(strings.NewReader(strings.Repeat("x", 2000)), "<stdin>", 1000, "workout definition")
	if want := "<stdin>: more than 1000 bytes; a workout definition is at most 1000 bytes"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
	b, err := ReadFile(p, 4<<20, "x")
	if err != nil || len(b) != 3<<20 {
		t.Errorf("a file under the cap: %d bytes, %v", len(b), err)
	}
}

func TestNameEscaped(t *testing.T) {
	_, err := ReadFile("/nonexistent/a\nb\x1b[2J", 10, "plan")
	if err == nil || strings.ContainsAny(err.Error(), "\n\x1b") {
		t.Errorf("raw control in %q", err)
	}
}
