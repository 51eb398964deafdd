package encode

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/workoutc/workoutc/internal/confined"
	"github.com/workoutc/workoutc/internal/term"
)

// File is one output file: where it goes and what it holds.
type File struct {
	Path string
	Data []byte
}

// WriteFileAtomic writes data to path so that path either keeps what it had
// or holds all of data, never a part: it writes a temporary file in the same
// folder, syncs it, and renames it over path. The file gets mode 0644. A
// path that is a symbolic link, or not a regular file, is refused rather
// than written through (internal/confined).
func WriteFileAtomic(path string, data []byte) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	d, err := confined.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.WriteFile(base, data, confined.Options{})
}

// WriteFiles writes every file atomically. All data must already be encoded:
// nothing is written before every input has been checked. The files of
// one folder are written together: every new file is complete before any
// old one is replaced, so a failed write leaves the old files as they were.
// When the files of a later folder fail, the files this call already wrote
// are removed again if they did not exist before, so that a failed run
// leaves no new output.
func WriteFiles(files []File) error {
	type group struct {
		dir   string
		files []confined.File
		paths []string
	}
	var groups []*group
	byDir := map[string]*group{}
	for _, f := range files {
		dir, base := filepath.Split(f.Path)
		if dir == "" {
			dir = "."
		}
		g := byDir[filepath.Clean(dir)]
		if g == nil {
			g = &group{dir: dir}
			byDir[filepath.Clean(dir)] = g
			groups = append(groups, g)
		}
		g.files = append(g.files, confined.File{Name: base, Data: f.Data})
		g.paths = append(g.paths, f.Path)
	}
	var created []string
	for _, g := range groups {
		var fresh []string
		for _, p := range g.paths {
			if _, err := os.Lstat(p); os.IsNotExist(err) {
				fresh = append(fresh, p)
			}
		}
		err := func() error {
			d, err := confined.Open(g.dir)
			if err != nil {
				return err
			}
			defer d.Close()
			return d.WriteFiles(g.files, confined.Options{})
		}()
		if err != nil {
			for _, p := range created {
				removeConfined(p)
			}
			return &writeError{msg: fmt.Sprintf("writing %s: %s", term.Clean(g.paths[0]), term.Clean(err.Error())), err: err}
		}
		created = append(created, fresh...)
	}
	return nil
}

// writeError is a failed write: its message has the paths' control
// characters escaped; it wraps the cause for errors.Is.
type writeError struct {
	msg string
	err error
}

func (e *writeError) Error() string { return e.msg }
func (e *writeError) Unwrap() error { return e.err }

// removeConfined removes the file path through the confined layer: a link
// put in place of its folder meanwhile is not followed.
func removeConfined(path string) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if d, err := confined.Open(dir); err == nil {
		d.Remove(base)
		d.Close()
	}
}
