//go:build !unix && !windows

package batch

import (
	"errors"
	"os"
	"time"
)

// The batch's file-system layer (fs.go) needs the *at system calls and
// flock of a Unix system; elsewhere a run is refused before it writes.

var errNoUnix = errors.New("batch: writing a batch needs a Unix system (Linux, macOS, BSD) for now")

var fault func(op, name string) error

type outDir struct {
	path  string
	root  *os.Root
	state *os.File
}

type fileInfo struct {
	exists, regular, dir bool
	size, mtime          int64
}

type folder struct {
	fd   int
	ok   bool
	path string
}

// LockedError is the refusal of a batch into a folder that another batch
// is writing.
type LockedError struct {
	// Dir is the output folder; Holder names the other run.
	Dir, Holder string
}

func (e *LockedError) Error() string {
	return e.Dir + " is being written by another batch (" + e.Holder + ")"
}

func openOut(string) (*outDir, error)                            { return nil, errNoUnix }
func (o *outDir) lock(time.Time) error                           { return errNoUnix }
func (o *outDir) release(bool)                                   {}
func (o *outDir) readState(string, int64) ([]byte, int64, error) { return nil, 0, errNoUnix }
func (o *outDir) statOut(string) (fileInfo, error)               { return fileInfo{}, errNoUnix }
func (o *outDir) readOut(string, int64) ([]byte, error)          { return nil, errNoUnix }
func (o *outDir) legacyTemps(string) ([]string, error)           { return nil, errNoUnix }
func (o *outDir) beginStage() error                              { return errNoUnix }
func (o *outDir) openAthlete(string) (folder, error)             { return folder{}, errNoUnix }
func (o *outDir) stageAthlete(string) (folder, error)            { return folder{}, errNoUnix }
func (o *outDir) oldFolder(string) error                         { return errNoUnix }
func (o *outDir) createStage(string) (*os.File, error)           { return nil, errNoUnix }
func (o *outDir) rename(string, string) error                    { return errNoUnix }
func (o *outDir) applied(string, string) bool                    { return false }
func (o *outDir) syncState() error                               { return errNoUnix }
func (o *outDir) syncOut() error                                 { return errNoUnix }
func (o *outDir) removeEmpty(string)                             {}
func (o *outDir) clearState() error                              { return errNoUnix }
func (o *outDir) hasState() bool                                 { return false }
func (o *outDir) undoRename(string, string) error                { return errNoUnix }
func (d folder) close()                                          {}
func (d folder) stat(string) (fileInfo, error)                   { return fileInfo{}, errNoUnix }
func (d folder) read(string, int64) ([]byte, error)              { return nil, errNoUnix }
func (d folder) create(string, []byte) error                     { return errNoUnix }
func syncClose(f *os.File) error                                 { return f.Close() }

type faulty struct {
	f    *os.File
	name string
}

func (w faulty) Write(p []byte) (int, error) { return w.f.Write(p) }
