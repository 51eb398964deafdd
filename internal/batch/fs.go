//go:build unix

package batch

// Every file-system operation of the batch is in this file and
// fs_common.go (fs_windows.go on Windows), so that it can be read (and
// replaced by a shared confined layer) in one place. The rules it keeps:
//
//   - Everything happens inside the output folder DIR, through an os.Root
//     opened on it (which refuses paths and symlinks that lead out) and, on
//     the hot path, *at system calls on folder descriptors opened through
//     that root, with single names checked by safeName and O_NOFOLLOW: no
//     symlink inside DIR is followed, and nothing outside it is created,
//     replaced or removed. DIR itself, and folders above it that are
//     missing, are created (and removed again when the run fails).
//   - A file is created in a fresh staging folder with O_CREAT|O_EXCL, in
//     three system calls (openat, write, close); a commit moves staged
//     files and folders into place with renames.
//   - fsync where a kill or a crash would otherwise lose the bookkeeping:
//     the staged index, manifest and journal; the state folder after the
//     journal's rename (its name durable before the first rename of a
//     commit); DIR before the manifest's rename (the commit point); the
//     state folder after it. Six a run. The workout files themselves are
//     not synced (see the package doc).

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

// native turns a slash path relative to DIR into the system's: itself.
func native(p string) string { return p }

// outDir is the open output folder.
type outDir struct {
	path      string   // as given, for messages
	root      *os.Root // DIR
	dir       *os.File // DIR, for *at calls
	state     *os.File // DIR/.workoutc-batch
	stage     *os.File // DIR/.workoutc-batch/stage, while staging
	old       *os.File // DIR/.workoutc-batch/old, while staging
	made      []string // folders openOut created (outermost first)
	stateMade bool
	lockf     *os.File
}

func fstatat(fd int, name string) (fileInfo, error) {
	var st unix.Stat_t
	err := unix.Fstatat(fd, name, &st, unix.AT_SYMLINK_NOFOLLOW)
	if errors.Is(err, unix.ENOENT) {
		return fileInfo{}, nil
	}
	if err != nil {
		return fileInfo{}, err
	}
	mode := st.Mode & unix.S_IFMT
	return fileInfo{exists: true, regular: mode == unix.S_IFREG, dir: mode == unix.S_IFDIR,
		size: st.Size, mtime: st.Mtim.Nano()}, nil
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
	if o.dir, err = o.root.Open("."); err != nil {
		return o, err
	}
	if err := o.makeState(); err != nil {
		return o, err
	}
	o.state, err = openDirAt(o.dir, stateDir)
	return o, err
}

// openDirAt opens the folder name in d, refusing a symlink.
func openDirAt(d *os.File, name string) (*os.File, error) {
	fd, err := unix.Openat(int(d.Fd()), name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return os.NewFile(uintptr(fd), name), nil
}

// lock takes DIR/.workoutc-batch/lock with flock: the kernel drops it when
// the process ends, however it ends, so a killed run never blocks the
// next. A second run is refused at once with a LockedError.
func (o *outDir) lock(start time.Time) error {
	for try := 0; ; try++ {
		fd, err := unix.Openat(int(o.state.Fd()), "lock", unix.O_RDWR|unix.O_CREAT|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o644)
		if err != nil {
			return &fs.PathError{Op: "open", Path: filepath.Join(o.path, lockPath), Err: err}
		}
		f := os.NewFile(uintptr(fd), filepath.Join(o.path, lockPath))
		if err := unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB); err != nil {
			b := make([]byte, 512)
			n, _ := f.ReadAt(b, 0)
			f.Close()
			if !errors.Is(err, unix.EWOULDBLOCK) {
				return fmt.Errorf("locking %s: %w", f.Name(), err)
			}
			return &LockedError{Dir: o.path, Holder: holderOf(b[:n])}
		}
		// The file may have been removed (by a run that failed in a
		// folder it had made) between the open and the lock: then this
		// lock guards nothing; take it again.
		var a, b unix.Stat_t
		if unix.Fstat(fd, &a) != nil || unix.Fstatat(int(o.state.Fd()), "lock", &b, unix.AT_SYMLINK_NOFOLLOW) != nil || a.Ino != b.Ino || a.Dev != b.Dev {
			f.Close()
			if try >= 3 {
				return fmt.Errorf("cannot lock %s: it keeps changing", f.Name())
			}
			continue
		}
		f.Truncate(0)
		f.WriteAt(holderLine(start), 0)
		o.lockf = f
		return injected("locked", o.path)
	}
}

// release closes DIR and drops the lock. After a failed run, the state
// folder and the folders openOut made go again when this run made them
// (and they are empty).
func (o *outDir) release(failed bool) {
	for _, f := range []*os.File{o.stage, o.old} {
		if f != nil {
			f.Close()
		}
	}
	if failed && o.stateMade && o.root != nil {
		if o.lockf != nil {
			o.root.Remove(lockPath) // while still holding the lock
		}
		o.root.Remove(stateDir)
	}
	if o.lockf != nil {
		o.lockf.Close() // drops the lock
	}
	for _, f := range []*os.File{o.state, o.dir} {
		if f != nil {
			f.Close()
		}
	}
	closeRoot(o.root, o.made, failed)
}

// readState reads a file of the state folder (the manifest, the journal),
// at most max bytes; nil with no error when it is not there. mtime is its
// modification time.
func (o *outDir) readState(name string, max int64) (data []byte, mtime int64, err error) {
	fd, err := unix.Openat(int(o.state.Fd()), name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if errors.Is(err, unix.ENOENT) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, &fs.PathError{Op: "open", Path: filepath.Join(o.path, stateDir, name), Err: err}
	}
	f := os.NewFile(uintptr(fd), filepath.Join(o.path, stateDir, name))
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	if st.Size() > max {
		return nil, 0, fmt.Errorf("%s is %d bytes, more than a batch writes (%d)", f.Name(), st.Size(), max)
	}
	// Read at the size it has (ReadAll would grow its buffer a dozen
	// times for a manifest of a thousand athletes).
	data = make([]byte, 0, st.Size()+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, err
		}
		if len(data) == cap(data) {
			if int64(len(data)) > max {
				return nil, 0, fmt.Errorf("%s: more than %d bytes", f.Name(), max)
			}
			data = append(data, 0)[:len(data)] // it grew while read
		}
	}
	return data, st.ModTime().UnixNano(), nil
}

// statOut is fstatat of a name in DIR (index.csv, an athlete folder).
func (o *outDir) statOut(name string) (fileInfo, error) { return fstatat(int(o.dir.Fd()), name) }

// readOut reads a file of DIR (index.csv of an older workoutc), at most
// max bytes, refusing a symlink.
func (o *outDir) readOut(name string, max int64) ([]byte, error) {
	return readAt(int(o.dir.Fd()), name, max)
}

// openOut opens the regular file name of DIR (index.csv) for reading,
// refusing a link; nil with no error when no such file is there.
func (o *outDir) openOut(name string) (*os.File, error) {
	fd, err := unix.Openat(int(o.dir.Fd()), name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if errors.Is(err, unix.ENOENT) || errors.Is(err, unix.ELOOP) {
		return nil, nil
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: filepath.Join(o.path, name), Err: err}
	}
	f := os.NewFile(uintptr(fd), filepath.Join(o.path, name))
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, err
	}
	return f, nil
}

func readAt(dirfd int, name string, max int64) ([]byte, error) {
	fd, err := unix.Openat(dirfd, name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer unix.Close(fd)
	var out []byte
	buf := make([]byte, 8192)
	for {
		n, err := unix.Read(fd, buf)
		if n > 0 {
			out = append(out, buf[:n]...)
		}
		if int64(len(out)) > max {
			return nil, fmt.Errorf("%s: more than %d bytes", name, max)
		}
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return out, nil
		}
	}
}

// legacyTemps lists the hidden temporary files an older workoutc left in
// folder ("" for DIR itself).
func (o *outDir) legacyTemps(folder string) ([]string, error) {
	d := o.dir
	if folder != "" {
		var err error
		if d, err = openDirAt(o.dir, folder); err != nil {
			return nil, err
		}
		defer d.Close()
	}
	f, err := openDirAt(d, ".")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	names, err := f.Readdirnames(-1)
	var out []string
	for _, n := range names {
		if legacyTemp(n) {
			if fi, _ := fstatat(int(d.Fd()), n); fi.regular {
				out = append(out, n)
			}
		}
	}
	return out, err
}

// beginStage makes the staging and old folders of a run, empty.
func (o *outDir) beginStage() (err error) {
	for _, p := range []string{stagePrefix, oldPrefix} {
		if err := injected("mkdir", p); err != nil {
			return err
		}
		if err := o.root.Mkdir(p, 0o755); err != nil {
			return err
		}
	}
	if o.stage, err = openDirAt(o.state, "stage"); err != nil {
		return err
	}
	o.old, err = openDirAt(o.state, "old")
	return err
}

// folder is an open athlete folder (of DIR or of the stage): a bare
// descriptor (an os.File would cost a system call more), ok false when
// there is none.
type folder struct {
	fd   int
	ok   bool
	path string // for messages
}

func (d folder) close() {
	if d.ok {
		unix.Close(d.fd)
	}
}

func openFolderAt(d *os.File, name, p string) (folder, error) {
	fd, err := unix.Openat(int(d.Fd()), name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return folder{}, &fs.PathError{Op: "open", Path: p, Err: err}
	}
	return folder{fd: fd, ok: true, path: p}, nil
}

// openAthlete opens DIR/<slug>; a zero folder when it does not exist, an
// error when something else (a file, a link) is in its place.
func (o *outDir) openAthlete(slug string) (folder, error) {
	p := filepath.Join(o.path, slug)
	if ok, err := o.athleteExists(slug); !ok {
		return folder{}, err
	}
	return openFolderAt(o.dir, slug, p)
}

func (d folder) stat(name string) (fileInfo, error) { return fstatat(d.fd, name) }

func (d folder) read(name string, max int64) ([]byte, error) {
	return readAt(d.fd, name, max)
}

// stageAthlete makes and opens stage/<slug>.
func (o *outDir) stageAthlete(slug string) (folder, error) {
	if err := injected("mkdir", stagePrefix+"/"+slug); err != nil {
		return folder{}, err
	}
	if err := unix.Mkdirat(int(o.stage.Fd()), slug, 0o755); err != nil {
		return folder{}, &fs.PathError{Op: "mkdir", Path: stagePrefix + "/" + slug, Err: err}
	}
	return openFolderAt(o.stage, slug, stagePrefix+"/"+slug)
}

// oldFolder makes old/<slug>, where a commit moves the files it replaces
// or removes until it is complete.
func (o *outDir) oldFolder(slug string) error {
	if err := injected("mkdir", oldPrefix+"/"+slug); err != nil {
		return err
	}
	err := unix.Mkdirat(int(o.old.Fd()), slug, 0o755)
	if err != nil && !errors.Is(err, unix.EEXIST) {
		return &fs.PathError{Op: "mkdir", Path: oldPrefix + "/" + slug, Err: err}
	}
	return nil
}

// create writes a new file name holding data into d: openat with
// O_CREAT|O_EXCL, write, close.
func (d folder) create(name string, data []byte) error {
	if err := injected("write", d.path+"/"+name); err != nil {
		return err
	}
	fd, err := unix.Openat(d.fd, name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o644)
	if err != nil {
		return &fs.PathError{Op: "create", Path: d.path + "/" + name, Err: err}
	}
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return &fs.PathError{Op: "write", Path: d.path + "/" + name, Err: err}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: d.path + "/" + name, Err: err}
	}
	return nil
}

// createStage creates a file of the stage written as a stream (the index,
// the manifest, the journal).
func (o *outDir) createStage(name string) (*os.File, error) {
	if err := injected("write", stagePrefix+"/"+name); err != nil {
		return nil, err
	}
	fd, err := unix.Openat(int(o.stage.Fd()), name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o644)
	if err != nil {
		return nil, &fs.PathError{Op: "create", Path: stagePrefix + "/" + name, Err: err}
	}
	return os.NewFile(uintptr(fd), filepath.Join(o.path, stagePrefix, name)), nil
}

// syncState fsyncs the state folder (names in it: journal, manifest).
func (o *outDir) syncState() error {
	if err := injected("sync", stateDir); err != nil {
		return err
	}
	return o.state.Sync()
}

// syncOut fsyncs DIR (the athlete folders and index.csv renamed into it).
func (o *outDir) syncOut() error {
	if err := injected("sync", "."); err != nil {
		return err
	}
	return o.dir.Sync()
}

// clearState removes what a run keeps in the state folder while it runs:
// the stage, the old files, the journal (last, as it tells the next run
// what the rest was).
func (o *outDir) clearState() error {
	for _, f := range []**os.File{&o.stage, &o.old} {
		if *f != nil {
			(*f).Close()
			*f = nil
		}
	}
	for _, p := range []string{stagePrefix, oldPrefix} {
		if err := o.root.RemoveAll(p); err != nil {
			return err
		}
	}
	err := o.root.Remove(journalPath)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// hasState reports whether a run left a stage or old folder.
func (o *outDir) hasState() bool {
	for _, n := range []string{"stage", "old"} {
		if fi, _ := fstatat(int(o.state.Fd()), n); fi.exists {
			return true
		}
	}
	return false
}
