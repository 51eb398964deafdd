//go:build unix || windows

package batch

// The parts of the file-system layer that Unix (fs.go) and Windows
// (fs_windows.go) share.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// fault, when set (by tests), is called before every write of a file,
// folder creation and rename, with what and where; an error it returns is
// the operation's.
var fault func(op, name string) error

// onSignals, when set (by the batchfault test build), is called by
// HandlingSignals.
var onSignals func()

// HandlingSignals is called by the command once SIGINT and SIGTERM stop
// the run (before it reads its inputs); the tests that signal the real
// binary wait for it. It does nothing in a normal build.
func HandlingSignals() {
	if onSignals != nil {
		onSignals()
	}
}

func injected(op, name string) error {
	if fault != nil {
		return fault(op, name)
	}
	return nil
}

// fileInfo is what the batch needs to know of a name in a folder.
type fileInfo struct {
	exists, regular, dir bool
	size, mtime          int64 // mtime in nanoseconds
}

// LockedError is the refusal of a batch into a folder that another batch
// is writing.
type LockedError struct {
	// Dir is the output folder; Holder names the other run: its process,
	// host and start time, as it wrote them into the lock file.
	Dir, Holder string
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("%s is being written by another batch (%s); wait for it to finish, or write to another folder", e.Dir, e.Holder)
}

func printable(r rune) rune {
	if r < 0x20 && r != '\n' || r == 0x7f {
		return '?'
	}
	return r
}

// faulty wraps a stream of the stage so that tests can make its writes
// fail.
type faulty struct {
	f    *os.File
	name string
}

func (w faulty) Write(p []byte) (int, error) {
	if err := injected("write", w.name); err != nil {
		return 0, err
	}
	return w.f.Write(p)
}

// closeRoot closes DIR's root and, after a failed run, removes again the
// folders openOut made (made, outermost first), each only when empty.
func closeRoot(root *os.Root, made []string, failed bool) {
	if root != nil {
		root.Close()
	}
	if failed {
		for i := len(made) - 1; i >= 0; i-- {
			os.Remove(made[i])
		}
	}
}

// syncClose syncs and closes a stream of the stage.
func syncClose(f *os.File) error {
	if err := injected("sync", f.Name()); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// rename is one step of a commit, paths relative to DIR.
func (o *outDir) rename(from, to string) error {
	if err := injected("rename", to); err != nil {
		return err
	}
	return o.root.Rename(native(from), native(to))
}

// undoRename moves to back to from when undoing a commit.
func (o *outDir) undoRename(to, from string) error {
	return o.root.Rename(native(to), native(from))
}

// applied reports whether the rename from → to has happened: to is there
// and from is not.
func (o *outDir) applied(from, to string) bool {
	_, errTo := o.root.Lstat(native(to))
	_, errFrom := o.root.Lstat(native(from))
	return errTo == nil && errors.Is(errFrom, fs.ErrNotExist)
}

// removeEmpty removes folder p of DIR when it is empty.
func (o *outDir) removeEmpty(p string) {
	if fi, err := o.statOut(p); err == nil && fi.dir {
		o.root.Remove(native(p)) // fails, harmlessly, when not empty
	}
}

// makeMissing creates dir and the folders above it that are missing,
// and returns those it made, outermost first (for release to remove
// again after a failed run). A failure leaves the ones made so far in
// the list it returns.
func makeMissing(dir string) ([]string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	var missing, made []string
	for p := abs; ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		missing = append(missing, p)
		if filepath.Dir(p) == p {
			break
		}
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := injected("mkdir", missing[i]); err != nil {
			return made, err
		}
		if err := os.Mkdir(missing[i], 0o755); err != nil {
			return made, err
		}
		made = append(made, missing[i])
	}
	return made, nil
}

// makeState makes DIR's state folder .workoutc-batch when it is missing,
// and refuses something else in its place.
func (o *outDir) makeState() error {
	fi, err := o.statOut(stateDir)
	if err != nil {
		return err
	}
	switch {
	case !fi.exists:
		if err := o.root.Mkdir(stateDir, 0o755); err != nil {
			return err
		}
		o.stateMade = true
	case !fi.dir:
		return fmt.Errorf("%s is in the way: it is not a folder (a file or a link); move it away", filepath.Join(o.path, stateDir))
	}
	return nil
}

// athleteExists reports whether DIR/<slug> exists; an error when
// something else (a file, a link) is in its place.
func (o *outDir) athleteExists(slug string) (bool, error) {
	fi, err := o.statOut(slug)
	if err != nil || !fi.exists {
		return false, err
	}
	if !fi.dir {
		return false, fmt.Errorf("%s is in the way: it is not a folder (a file or a link); move it away", filepath.Join(o.path, slug))
	}
	return true, nil
}

// holderLine is what a run writes into the lock file it holds.
func holderLine(start time.Time) []byte {
	host, _ := os.Hostname()
	return []byte(fmt.Sprintf("pid %d on %s, started %s\n", os.Getpid(), strings.Map(printable, host), start.UTC().Format(time.RFC3339)))
}

// holderOf is the other run a lock file names, from what it holds.
func holderOf(b []byte) string {
	holder := strings.TrimSpace(strings.Map(printable, string(b)))
	if holder == "" {
		holder = "a run that is just starting"
	}
	return holder
}
