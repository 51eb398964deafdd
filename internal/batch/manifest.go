package batch

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The manifest is the batch's record of what in the output folder is its
// own: DIR/.workoutc-batch/manifest, a text file written once per commit
// (fsynced, then renamed into place; the rename is the commit). Only files
// it lists are ever replaced or removed by a later run.
//
//	workoutc batch manifest 1
//	run <id>                        the run that committed it
//	a <folder> <key>                an athlete folder and the hash of its inputs
//	f <folder>/<file> <size> <hash> a file in it: size and SHA-256 (first 16 bytes)
//	f index.csv <size> <hash>       the index, after the athletes
//	end
//
// The journal, DIR/.workoutc-batch/journal, exists only while a run
// commits: the renames of the commit in order, so that the next run can
// undo them (the commit did not reach the manifest's rename) or finish
// the clean-up (it did).
//
//	workoutc batch journal 1
//	run <id>
//	m <from> <to>                   a rename, paths relative to DIR
//	d <folder>                      a folder to remove once empty, after the commit
//	end
const (
	manifestMagic = "workoutc batch manifest 1"
	journalMagic  = "workoutc batch journal 1"
	stateDir      = ".workoutc-batch"
	stagePrefix   = stateDir + "/stage"
	oldPrefix     = stateDir + "/old"
	manifestPath  = stateDir + "/manifest"
	journalPath   = stateDir + "/journal"
	lockPath      = stateDir + "/lock"
	maxManifest   = 1 << 30
)

// digest is a truncated SHA-256.
type digest [16]byte

func hashOf(b []byte) digest {
	s := sha256.Sum256(b)
	return digest(s[:16])
}

func (d digest) String() string { return hex.EncodeToString(d[:]) }

func parseDigest(s string) (digest, bool) {
	var d digest
	if len(s) != 32 {
		return d, false
	}
	_, err := hex.Decode(d[:], []byte(s))
	return d, err == nil
}

// fileRec is one file of a manifest, its name relative to its folder.
type fileRec struct {
	name string
	size int64
	hash digest
}

// oldAthlete is an athlete folder of the previous manifest: its key and
// where its file lines are in the manifest (read again when needed).
type oldAthlete struct {
	key    digest
	off, n int64    // the athlete's f lines: offset and length in bytes
	seen   bool     // the new roster has the folder (set by the collector)
	legacy []string // an index of workoutc before the manifest: its files (sizes and hashes unknown)
}

// manifest is what a previous run committed.
type manifest struct {
	run      string
	index    *fileRec // index.csv, nil when not listed
	athletes map[string]*oldAthlete
	order    []string // folders in manifest order
	text     string   // the manifest (parsed athletes read their lines from it)
	bodyAt   int      // where text's lines after the run line begin: the same batch gives the same
}

// fields splits a manifest line at its spaces into f, without allocating;
// a line of more than len(f) fields gives len(f)+1 so that no shape matches.
func fields(line string, f *[4]string) int {
	n := 0
	for {
		if n == len(f) {
			return n + 1
		}
		field, rest, more := strings.Cut(line, " ")
		f[n] = field
		n++
		if !more {
			return n
		}
		line = rest
	}
}

var errDamaged = errors.New("damaged")

// parseManifest reads a manifest. Every path in it must be index.csv or
// <folder>/<file> of the athlete line before it, with safe names.
func parseManifest(data []byte) (*manifest, error) {
	text := string(data)
	m := &manifest{athletes: map[string]*oldAthlete{}, text: text}
	var fa [4]string
	var cur *oldAthlete
	var curName string
	lineNo := 0
	ended := false
	for off := 0; off < len(data); {
		end := bytes.IndexByte(data[off:], '\n')
		if end < 0 {
			return nil, fmt.Errorf("line %d: %w (no end of line)", lineNo+1, errDamaged)
		}
		line := text[off : off+end]
		off += end + 1
		lineNo++
		if ended {
			return nil, fmt.Errorf("line %d: %w (text after end)", lineNo, errDamaged)
		}
		f := []string{""} // a line of too many fields matches no shape
		if n := fields(line, &fa); n <= len(fa) {
			f = fa[:n]
		}
		bad := func(why string) error { return fmt.Errorf("line %d: %w (%s)", lineNo, errDamaged, why) }
		switch {
		case lineNo == 1:
			if line != manifestMagic {
				return nil, bad("not a manifest")
			}
			continue
		case f[0] == "run" && len(f) == 2 && lineNo == 2:
			m.run, m.bodyAt = f[1], off
			continue
		case lineNo == 2:
			return nil, bad("no run line")
		}
		switch {
		case f[0] == "end" && len(f) == 1:
			ended = true
		case f[0] == "a" && len(f) == 3:
			key, ok := parseDigest(f[2])
			if !ok || !safeName(f[1]) {
				return nil, bad("bad athlete line")
			}
			if _, dup := m.athletes[f[1]]; dup {
				return nil, bad("folder listed twice")
			}
			cur, curName = &oldAthlete{key: key, off: int64(off)}, f[1]
			m.athletes[curName] = cur
			m.order = append(m.order, curName)
		case f[0] == "f" && len(f) == 4:
			size, err := strconv.ParseInt(f[2], 10, 64)
			sum, ok := parseDigest(f[3])
			if err != nil || size < 0 || !ok {
				return nil, bad("bad file line")
			}
			if f[1] == IndexName {
				if m.index != nil {
					return nil, bad("index listed twice")
				}
				m.index = &fileRec{name: IndexName, size: size, hash: sum}
				continue
			}
			// <folder>/<file> of the athlete line before (its folder
			// name was checked there).
			rest, ok := strings.CutPrefix(f[1], curName)
			if cur == nil || !ok || len(rest) < 2 || rest[0] != '/' || !safeName(rest[1:]) {
				return nil, bad(fmt.Sprintf("%q is not a file of the folder before it", f[1]))
			}
			cur.n = int64(off) - cur.off
		default:
			return nil, bad("unknown line")
		}
	}
	if !ended {
		return nil, fmt.Errorf("%w (no end line)", errDamaged)
	}
	return m, nil
}

// files returns the file lines of an athlete of m.
func (m *manifest) files(a *oldAthlete) []fileRec {
	if a.legacy != nil {
		out := make([]fileRec, len(a.legacy))
		for i, n := range a.legacy {
			out[i] = fileRec{name: n, size: -1}
		}
		return out
	}
	// The lines were checked by parseManifest: each is "f folder/name size sum".
	lines := m.text[a.off : a.off+a.n]
	out := make([]fileRec, 0, strings.Count(lines, "\n"))
	var f [4]string
	for line := range strings.Lines(lines) {
		if fields(strings.TrimSuffix(line, "\n"), &f) != 4 {
			continue
		}
		_, name, _ := strings.Cut(f[1], "/")
		size, _ := strconv.ParseInt(f[2], 10, 64)
		sum, _ := parseDigest(f[3])
		out = append(out, fileRec{name: name, size: size, hash: sum})
	}
	return out
}

// manifestWriter writes the lines of a manifest after its run line.
type manifestWriter struct {
	w *bufio.Writer
}

func newManifestWriter(w io.Writer) *manifestWriter {
	return &manifestWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

func (mw *manifestWriter) line(s string) { mw.w.WriteString(s) }

func (mw *manifestWriter) athlete(folder string, key digest) {
	mw.line("a " + folder + " " + key.String() + "\n")
}

func (mw *manifestWriter) file(p string, size int64, hash digest) {
	mw.line("f " + p + " " + strconv.FormatInt(size, 10) + " " + hash.String() + "\n")
}

func (mw *manifestWriter) end() error {
	mw.line("end\n")
	return mw.w.Flush()
}

// op is one step of a commit: a rename from → to, or (dir) a folder to
// remove once empty.
type op struct {
	from, to string
	dir      bool
}

func (o op) line() string {
	if o.dir {
		return "d " + o.from + "\n"
	}
	return "m " + o.from + " " + o.to + "\n"
}

// journal is a parsed journal.
type journal struct {
	run string
	ops []op
}

// parseJournal reads a journal; every path must be one the batch writes:
// in its state folder's stage or old folders, index.csv, an athlete folder
// or a file in one.
func parseJournal(data []byte) (*journal, error) {
	lines := strings.Split(string(data), "\n")
	if len(lines) < 4 || lines[0] != journalMagic || !strings.HasPrefix(lines[1], "run ") || lines[len(lines)-1] != "" || lines[len(lines)-2] != "end" {
		return nil, fmt.Errorf("%w journal", errDamaged)
	}
	j := &journal{run: strings.TrimPrefix(lines[1], "run ")}
	for i, line := range lines[2 : len(lines)-2] {
		f := strings.Split(line, " ")
		switch {
		case f[0] == "m" && len(f) == 3 && ownPath(f[1]) && ownPath(f[2]):
			j.ops = append(j.ops, op{from: f[1], to: f[2]})
		case f[0] == "d" && len(f) == 2 && safeName(f[1]):
			j.ops = append(j.ops, op{from: f[1], dir: true})
		default:
			return nil, fmt.Errorf("journal line %d: %w (%q)", i+3, errDamaged, line)
		}
	}
	return j, nil
}

// ownPath reports whether p is a path a commit renames: index.csv, the
// manifest, <folder> or <folder>/<file>, or one of those under the stage
// or old folder.
func ownPath(p string) bool {
	for _, pre := range []string{stagePrefix + "/", oldPrefix + "/"} {
		if rest, ok := strings.CutPrefix(p, pre); ok {
			return rest == "manifest" || rest == "journal" || outPath(rest)
		}
	}
	return p == manifestPath || outPath(p)
}

// outPath: index.csv, <folder>, <folder>/<file>; a file may be hidden
// (a temporary file of an older workoutc, moved away by a commit).
func outPath(p string) bool {
	if p == IndexName || safeName(p) || legacyTemp(p) {
		return true
	}
	folder, file, ok := strings.Cut(p, "/")
	return ok && safeName(folder) && (safeName(file) || legacyTemp(file))
}

// legacyTemp reports whether name is a temporary file that workoutc
// before the manifest left behind when killed: ".<name>.tmp-<digits>".
func legacyTemp(name string) bool {
	rest, ok := strings.CutPrefix(name, ".")
	if !ok {
		return false
	}
	i := strings.LastIndex(rest, ".tmp-")
	if i <= 0 || !safeName(rest[:i]) {
		return false
	}
	digits := rest[i+5:]
	if digits == "" || len(digits) > 20 {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
