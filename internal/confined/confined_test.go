package confined

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// setup makes root/in (a folder) and outside (a folder beside root), and
// returns them.
func setup(t *testing.T) (root, outside string) {
	t.Helper()
	dir := t.TempDir()
	root, outside = filepath.Join(dir, "root"), filepath.Join(dir, "outside")
	for _, d := range []string{filepath.Join(root, "in"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return root, outside
}

func empty(t *testing.T, dir string) {
	t.Helper()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("written outside the root: %v", entries)
	}
}

func TestLinksRefused(t *testing.T) {
	root, outside := setup(t)
	if err := os.Symlink(outside, filepath.Join(root, "link")); err != nil {
		t.Skip(err)
	}
	os.Symlink(filepath.Join(outside, "target.fit"), filepath.Join(root, "in", "file.fit"))
	os.Symlink("../in", filepath.Join(root, "in", "up")) // a link inside the root
	d, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, name := range []string{"link/x.fit", "link/sub/x.fit", "in/file.fit", "in/up/x.fit"} {
		if err := d.WriteFile(name, []byte("x"), Options{}); !errors.Is(err, ErrSymlink) {
			t.Errorf("WriteFile(%s) = %v, want ErrSymlink", name, err)
		}
	}
	for _, name := range []string{"link/sub", "in/up/sub"} {
		if _, err := d.MkdirAll(name, 0o755); !errors.Is(err, ErrSymlink) {
			t.Errorf("MkdirAll(%s) = %v, want ErrSymlink", name, err)
		}
	}
	for _, name := range []string{"../outside/x.fit", "/etc/x", "in/../../outside/x.fit"} {
		if err := d.WriteFile(name, []byte("x"), Options{}); err == nil {
			t.Errorf("WriteFile(%s) wrote", name)
		}
		if _, err := d.MkdirAll(name, 0o755); err == nil {
			t.Errorf("MkdirAll(%s) made it", name)
		}
	}
	if err := d.Remove("link/x"); err == nil {
		t.Error("Remove through a link")
	}
	if _, _, err := d.Check("in/file.fit"); !errors.Is(err, ErrSymlink) {
		t.Errorf("Check through a link: %v", err)
	}
	empty(t, outside)
}

// TestFailedWriteKeepsOld: when any file of a set cannot be written, no
// file is replaced: the old bytes stay, and no temporary file is left.
func TestFailedWriteKeepsOld(t *testing.T) {
	root, _ := setup(t)
	old := []byte("old bytes")
	os.WriteFile(filepath.Join(root, "in", "a.fit"), old, 0o644)
	d, _ := Open(root)
	defer d.Close()
	failWrite = func(name string) error {
		if name == "in/b.fit" {
			return syscall.ENOSPC
		}
		return nil
	}
	defer func() { failWrite = nil }()
	err := d.WriteFiles([]File{{"in/a.fit", []byte("new")}, {"in/b.fit", []byte("b")}}, Options{})
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("got %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(root, "in", "a.fit")); !bytes.Equal(got, old) {
		t.Errorf("a.fit is %q after a failed set, want the old %q", got, old)
	}
	if entries, _ := os.ReadDir(filepath.Join(root, "in")); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	failWrite = nil
	if err := d.WriteFiles([]File{{"in/a.fit", []byte("new")}, {"in/b.fit", []byte("b")}}, Options{NoSync: true}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(root, "in", "a.fit")); string(got) != "new" {
		t.Errorf("a.fit = %q", got)
	}
	st, _ := os.Stat(filepath.Join(root, "in", "b.fit"))
	if st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", st.Mode())
	}
}

func TestMkdirAll(t *testing.T) {
	root, _ := setup(t)
	d, _ := Open(root)
	defer d.Close()
	made, err := d.MkdirAll("in/a/b", 0o755)
	if err != nil || len(made) != 2 || made[0] != "in/a" || made[1] != "in/a/b" {
		t.Fatalf("MkdirAll = %v, %v", made, err)
	}
	for i := len(made) - 1; i >= 0; i-- {
		if err := d.Remove(made[i]); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(root, "in", "f"), nil, 0o644)
	if _, err := d.MkdirAll("in/f/x", 0o755); err == nil {
		t.Error("MkdirAll through a file")
	}
	if err := d.WriteFile("in", []byte("x"), Options{}); !errors.Is(err, ErrNotFile) {
		t.Errorf("WriteFile over a folder: %v", err)
	}
}
