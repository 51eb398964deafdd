package batch

// The file-system layer on Windows: the same operations as fs.go, through
// an os.Root opened on DIR with names relative to it, and LockFileEx for
// the lock. Compiled and vetted here (GOOS=windows), never run: the
// project has no Windows machine. What differs from Unix:
//
//   - Windows has no *at calls on folder handles and no O_NOFOLLOW: a
//     name is checked with Lstat through the root (a symlink or junction
//     is refused as "in the way") before it is read, and files are
//     created with O_EXCL, which does not write through a link. os.Root
//     itself refuses names and links that lead out of DIR. Between the
//     Lstat and an open, another program could put a link in place; the
//     root still keeps it inside DIR.
//   - Folders cannot be fsynced (FlushFileBuffers needs a file opened for
//     writing): the index, manifest and journal are, and NTFS journals
//     the renames of the commit itself.
//   - The lock is LockFileEx on one byte far past the end of the lock
//     file (so that the holder's line stays readable); Windows drops it
//     when the handle is closed, however the process ends.

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/windows"
)

// outDir is the open output folder.
type outDir struct {
	path      string   // as given, for messages
	root      *os.Root // DIR
	made      []string // folders openOut created (outermost first)
	stateMade bool
	lockf     *os.File
}

// native turns a slash path relative to DIR into the system's.
func native(p string) string { return filepath.FromSlash(p) }

func lstatIn(root *os.Root, name string) (fileInfo, error) {
	st, err := root.Lstat(native(name))
	if errors.Is(err, fs.ErrNotExist) {
		return fileInfo{}, nil
	}
	if err != nil {
		return fileInfo{}, err
	}
	return fileInfo{exists: true, regular: st.Mode().IsRegular(), dir: st.IsDir(),
		size: st.Size(), mtime: st.ModTime().UnixNano()}, nil
}

// openOut opens DIR, creating it (and missing folders above it) when
// needed, and its state folder .workoutc-batch.
func openOut(dir string) (o *outDir, err error) {
	o = &outDir{path: dir}
	defer func() {
		if err != nil {
			o.release(true)
			o = nil
		}
	}()
	if o.made, err = makeMissing(dir); err != nil {
		return o, err
	}
	if o.root, err = os.OpenRoot(dir); err != nil {
		return o, err
	}
	return o, o.makeState()
}

// lockOffset is the byte LockFileEx locks: far past any lock file's end.
const lockOffset = 1 << 62

// lock takes DIR/.workoutc-batch/lock with LockFileEx: Windows drops it
// when the process ends, so a killed run never blocks the next. A second
// run is refused at once with a LockedError.
func (o *outDir) lock(start time.Time) error {
	name := filepath.Join(o.path, lockPath)
	if fi, err := lstatIn(o.root, lockPath); err != nil {
		return err
	} else if fi.exists && !fi.regular {
		return fmt.Errorf("%s is in the way: it is not a file (a folder or a link); move it away", name)
	}
	f, err := o.root.OpenFile(native(lockPath), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	ov := windows.Overlapped{Offset: uint32(lockOffset & 0xFFFFFFFF), OffsetHigh: uint32(lockOffset >> 32)}
	err = windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ov)
	if err != nil {
		b := make([]byte, 512)
		n, _ := f.ReadAt(b, 0)
		f.Close()
		if !errors.Is(err, windows.ERROR_LOCK_VIOLATION) && !errors.Is(err, windows.ERROR_IO_PENDING) {
			return fmt.Errorf("locking %s: %w", name, err)
		}
		return &LockedError{Dir: o.path, Holder: holderOf(b[:n])}
	}
	// A file open without FILE_SHARE_DELETE (as os opens files) cannot be
	// removed, so unlike on Unix the locked file is the one of the name.
	f.Truncate(0)
	f.WriteAt(holderLine(start), 0)
	o.lockf = f
	return injected("locked", o.path)
}

// release drops the lock and closes DIR. After a failed run, the state
// folder and the folders openOut made go again when this run made them
// (and they are empty).
func (o *outDir) release(failed bool) {
	if o.lockf != nil {
		o.lockf.Close() // drops the lock; an open file cannot be removed
	}
	if failed && o.stateMade && o.root != nil {
		if o.lockf != nil {
			o.root.Remove(native(lockPath)) // fails, harmlessly, when another run holds it now
		}
		o.root.Remove(stateDir)
	}
	closeRoot(o.root, o.made, failed)
}

// readIn reads the regular file name (relative to DIR), at most max bytes,
// refusing a link; nil with no error when it is not there.
func (o *outDir) readIn(name string, max int64) (data []byte, mtime int64, err error) {
	p := filepath.Join(o.path, native(name))
	fi, err := lstatIn(o.root, name)
	if err != nil || !fi.exists {
		return nil, 0, err
	}
	if !fi.regular {
		return nil, 0, &fs.PathError{Op: "open", Path: p, Err: errors.New("not a regular file (a folder or a link)")}
	}
	if fi.size > max {
		return nil, 0, fmt.Errorf("%s is %d bytes, more than a batch writes (%d)", p, fi.size, max)
	}
	f, err := o.root.Open(native(name))
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, max+1))
	if int64(len(data)) > max {
		return nil, 0, fmt.Errorf("%s: more than %d bytes", p, max)
	}
	return data, fi.mtime, err
}

// readState reads a file of the state folder (the manifest, the journal),
// at most max bytes; nil with no error when it is not there. mtime is its
// modification time.
func (o *outDir) readState(name string, max int64) ([]byte, int64, error) {
	return o.readIn(stateDir+"/"+name, max)
}

// statOut is Lstat of a name in DIR (index.csv, an athlete folder).
func (o *outDir) statOut(name string) (fileInfo, error) { return lstatIn(o.root, name) }

// readOut reads a file of DIR (index.csv of an older workoutc), at most
// max bytes, refusing a symlink.
func (o *outDir) readOut(name string, max int64) ([]byte, error) {
	data, _, err := o.readIn(name, max)
	if err == nil && data == nil {
		return nil, &fs.PathError{Op: "open", Path: filepath.Join(o.path, name), Err: fs.ErrNotExist}
	}
	return data, err
}

// openOut opens the regular file name of DIR (index.csv) for reading,
// refusing a link; nil with no error when no such file is there.
func (o *outDir) openOut(name string) (*os.File, error) {
	if fi, err := lstatIn(o.root, name); err != nil || !fi.regular {
		return nil, err
	}
	return o.root.Open(native(name))
}

// legacyTemps lists the hidden temporary files an older workoutc left in
// folder ("" for DIR itself).
func (o *outDir) legacyTemps(folder string) ([]string, error) {
	dir := folder
	if dir == "" {
		dir = "."
	} else if fi, err := lstatIn(o.root, folder); err != nil || !fi.dir {
		return nil, err
	}
	f, err := o.root.Open(native(dir))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	names, err := f.Readdirnames(-1)
	var out []string
	for _, n := range names {
		if legacyTemp(n) {
			rel := n
			if folder != "" {
				rel = folder + "/" + n
			}
			if fi, _ := lstatIn(o.root, rel); fi.regular {
				out = append(out, n)
			}
		}
	}
	return out, err
}

// beginStage makes the staging and old folders of a run, empty.
func (o *outDir) beginStage() error {
	for _, p := range []string{stagePrefix, oldPrefix} {
		if err := injected("mkdir", p); err != nil {
			return err
		}
		if err := o.root.Mkdir(native(p), 0o755); err != nil {
			return err
		}
	}
	return nil
}

// folder is an athlete folder (of DIR or of the stage), by its name
// relative to DIR; ok false when there is none.
type folder struct {
	root *os.Root
	rel  string // relative to DIR, with slashes
	ok   bool
	path string // for messages
}

func (d folder) close() {}

// openAthlete opens DIR/<slug>; a zero folder when it does not exist, an
// error when something else (a file, a link) is in its place.
func (o *outDir) openAthlete(slug string) (folder, error) {
	p := filepath.Join(o.path, slug)
	if ok, err := o.athleteExists(slug); !ok {
		return folder{}, err
	}
	return folder{root: o.root, rel: slug, ok: true, path: p}, nil
}

func (d folder) stat(name string) (fileInfo, error) { return lstatIn(d.root, d.rel+"/"+name) }

func (d folder) read(name string, max int64) ([]byte, error) {
	o := outDir{path: filepath.Dir(d.path), root: d.root}
	data, _, err := o.readIn(d.rel+"/"+name, max)
	if err == nil && data == nil {
		return nil, &fs.PathError{Op: "open", Path: d.path + "/" + name, Err: fs.ErrNotExist}
	}
	return data, err
}

// stageAthlete makes stage/<slug>.
func (o *outDir) stageAthlete(slug string) (folder, error) {
	rel := stagePrefix + "/" + slug
	if err := injected("mkdir", rel); err != nil {
		return folder{}, err
	}
	if err := o.root.Mkdir(native(rel), 0o755); err != nil {
		return folder{}, err
	}
	return folder{root: o.root, rel: rel, ok: true, path: rel}, nil
}

// oldFolder makes old/<slug>, where a commit moves the files it replaces
// or removes until it is complete.
func (o *outDir) oldFolder(slug string) error {
	rel := oldPrefix + "/" + slug
	if err := injected("mkdir", rel); err != nil {
		return err
	}
	err := o.root.Mkdir(native(rel), 0o755)
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return nil
}

// create writes a new file name holding data into d, with O_EXCL.
func (d folder) create(name string, data []byte) error {
	if err := injected("write", d.path+"/"+name); err != nil {
		return err
	}
	f, err := d.root.OpenFile(native(d.rel+"/"+name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// createStage creates a file of the stage written as a stream (the index,
// the manifest, the journal).
func (o *outDir) createStage(name string) (*os.File, error) {
	if err := injected("write", stagePrefix+"/"+name); err != nil {
		return nil, err
	}
	return o.root.OpenFile(native(stagePrefix+"/"+name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

// syncState would fsync the state folder: Windows cannot (see the top).
func (o *outDir) syncState() error { return injected("sync", stateDir) }

// syncOut would fsync DIR: Windows cannot (see the top).
func (o *outDir) syncOut() error { return injected("sync", ".") }

// clearState removes what a run keeps in the state folder while it runs:
// the stage, the old files, the journal (last, as it tells the next run
// what the rest was).
func (o *outDir) clearState() error {
	for _, p := range []string{stagePrefix, oldPrefix} {
		if err := o.root.RemoveAll(native(p)); err != nil {
			return err
		}
	}
	err := o.root.Remove(native(journalPath))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// hasState reports whether a run left a stage or old folder.
func (o *outDir) hasState() bool {
	for _, p := range []string{stagePrefix, oldPrefix} {
		if fi, _ := lstatIn(o.root, p); fi.exists {
			return true
		}
	}
	return false
}
