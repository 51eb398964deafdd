// Package confined is the one file-system layer for every write and
// removal the tool makes in a folder it does not own outright (a watch's
// drive, an output folder): every name is resolved inside one root folder
// with os.Root, so that no ".." or absolute name and no symbolic link can
// lead outside it, and no symbolic link inside it is followed either (a
// link is refused, not written through). Every file is replaced by a
// complete temporary file renamed over it, so that a failed write leaves
// the old file as it was.
package confined

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// ErrSymlink is returned for a name that is, or passes through, a
// symbolic link inside the root.
var ErrSymlink = errors.New("a symbolic link")

// ErrNotFile is returned for a file to replace that is not a regular
// file (a folder, a FIFO, a device).
var ErrNotFile = errors.New("not a regular file")

// Dir is a folder that every name is resolved in.
type Dir struct {
	root *os.Root
	path string
}

// Open opens the folder dir as a root. dir itself may be reached through
// links (it is the user's choice); nothing under it is.
func Open(dir string) (*Dir, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &Dir{root: r, path: dir}, nil
}

// Close releases the root.
func (d *Dir) Close() error { return d.root.Close() }

// clean checks that name (forward or OS slashes) is a relative name inside
// the root and returns it with forward slashes.
func clean(name string) (string, error) {
	n := filepath.ToSlash(name)
	c := path.Clean(n)
	if n == "" || path.IsAbs(n) || filepath.IsAbs(name) || filepath.VolumeName(name) != "" || c == ".." || strings.HasPrefix(c, "../") {
		return "", fmt.Errorf("%s: not a name inside the folder", name)
	}
	return c, nil
}

// Check reports an error when any existing part of name is a symbolic
// link (ErrSymlink), and returns the deepest existing part's information
// (nil when not even the first part exists) and how many parts exist.
func (d *Dir) Check(name string) (fs.FileInfo, int, error) {
	c, err := clean(name)
	if err != nil {
		return nil, 0, err
	}
	if c == "." {
		st, err := d.root.Lstat(".")
		return st, 0, err
	}
	parts := strings.Split(c, "/")
	var last fs.FileInfo
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		st, err := d.root.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return last, i, nil
		}
		if err != nil {
			return nil, i, err
		}
		if st.Mode()&fs.ModeSymlink != 0 {
			return nil, i, &fs.PathError{Op: "open", Path: d.join(p), Err: ErrSymlink}
		}
		if i < len(parts)-1 && !st.IsDir() {
			return nil, i, &fs.PathError{Op: "open", Path: d.join(p), Err: errors.New("not a folder")}
		}
		last = st
	}
	return last, len(parts), nil
}

// MkdirAll creates the folder name and its missing parents, refusing to
// pass through a link, and returns the folders it created, parents first,
// for an undo.
func (d *Dir) MkdirAll(name string, perm fs.FileMode) ([]string, error) {
	c, err := clean(name)
	if err != nil {
		return nil, err
	}
	if c == "." {
		return nil, nil
	}
	if _, _, err := d.Check(c); err != nil {
		return nil, err
	}
	parts := strings.Split(c, "/")
	var made []string
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		err := d.root.Mkdir(p, perm)
		switch {
		case err == nil:
			made = append(made, p)
		case errors.Is(err, fs.ErrExist):
			st, lerr := d.root.Lstat(p)
			if lerr != nil {
				return made, lerr
			}
			if st.Mode()&fs.ModeSymlink != 0 {
				return made, &fs.PathError{Op: "mkdir", Path: d.join(p), Err: ErrSymlink}
			}
			if !st.IsDir() {
				return made, &fs.PathError{Op: "mkdir", Path: d.join(p), Err: errors.New("not a folder")}
			}
		default:
			return made, err
		}
	}
	return made, nil
}

// Remove removes the file or empty folder name; a link on the way is
// refused (a link itself as the last part is removed, not followed).
func (d *Dir) Remove(name string) error {
	c, err := clean(name)
	if err != nil {
		return err
	}
	if dir := path.Dir(c); dir != "." {
		if _, _, err := d.Check(dir); err != nil {
			return err
		}
	}
	return d.root.Remove(c)
}

func (d *Dir) join(name string) string { return filepath.Join(d.path, filepath.FromSlash(name)) }

// File is one file to write: its name inside the root and its bytes.
type File struct {
	Name string
	Data []byte
}

// Options tune WriteFiles.
type Options struct {
	// NoSync skips the fsync of each file: readers still see the old file
	// or the new one, never a part, but a crash right after may lose the
	// new one.
	NoSync bool
	// Mode is the new files' mode; 0 means 0644.
	Mode fs.FileMode
}

// WriteFile writes data to name, replacing what is there only once the new
// bytes are all written: see WriteFiles.
func (d *Dir) WriteFile(name string, data []byte, opts Options) error {
	return d.WriteFiles([]File{{Name: name, Data: data}}, opts)
}

// WriteFiles writes every file in two steps: first each file's bytes go to
// a temporary file next to it (synced unless NoSync), and only when all of
// them are complete are they renamed over their names. A file that is a
// link, or not a regular file, is refused before anything is written; when
// any temporary file cannot be written, all are removed and every old file
// is as it was. A rename that fails after others succeeded (the device was
// pulled) leaves the files already renamed in place and removes the rest.
func (d *Dir) WriteFiles(files []File, opts Options) error {
	mode := opts.Mode
	if mode == 0 {
		mode = 0o644
	}
	for _, f := range files {
		st, n, err := d.Check(f.Name)
		if err != nil {
			return err
		}
		c, _ := clean(f.Name)
		if n == len(strings.Split(c, "/")) && !st.Mode().IsRegular() {
			return &fs.PathError{Op: "write", Path: d.join(c), Err: ErrNotFile}
		}
		if n < len(strings.Split(c, "/"))-1 {
			return &fs.PathError{Op: "write", Path: d.join(path.Dir(c)), Err: fs.ErrNotExist}
		}
	}
	temps := make([]string, 0, len(files))
	renamed := 0
	defer func() { // the temporary files not renamed
		for _, t := range temps[renamed:] {
			d.root.Remove(t)
		}
	}()
	for _, f := range files {
		t, err := d.writeTemp(f, mode, !opts.NoSync)
		if t != "" {
			temps = append(temps, t)
		}
		if err != nil {
			return err
		}
	}
	for ; renamed < len(files); renamed++ {
		if err := d.root.Rename(temps[renamed], files[renamed].Name); err != nil {
			return err
		}
	}
	return nil
}

// failWrite, when set by a test, fails the write of a file by name.
var failWrite func(name string) error

// writeTemp writes f's bytes to a new temporary file beside f.Name and
// returns its name.
func (d *Dir) writeTemp(f File, mode fs.FileMode, sync bool) (string, error) {
	c, _ := clean(f.Name)
	dir, base := path.Split(c)
	var rnd [6]byte
	var name string
	var fh *os.File
	var err error
	for try := 0; try < 10; try++ {
		rand.Read(rnd[:])
		name = dir + "." + base + ".tmp-" + hex.EncodeToString(rnd[:])
		fh, err = d.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return "", err
	}
	if failWrite != nil {
		err = failWrite(c)
	}
	if err == nil {
		_, err = fh.Write(f.Data)
	}
	if err == nil {
		err = fh.Chmod(mode)
	}
	if err == nil && sync {
		err = fh.Sync()
	}
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	return name, err
}
