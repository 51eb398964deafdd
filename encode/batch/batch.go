// Package batch compiles and writes a club batch: every planned workout of
// every member of a checked roster (package workouts/club), personalised
// with the member's paces, heart-rate zones and loads, as
// DIR/<athlete-slug>/<YYYY-MM-DD>-<workout-slug>.<format>, plus an index
// at DIR/index.csv.
//
// Run streams: one goroutine reads the roster, one worker per CPU resolves,
// encodes and writes one member at a time, and one goroutine writes the
// index in roster order. At most a few members per worker are in flight,
// so memory does not grow with the roster.
//
// Every file is written to a temporary name and renamed into place; a file
// whose bytes are already there is left alone, so a re-run rewrites only
// what changed. A run removes only files it wrote: when it fails, the
// files and folders it created; when it succeeds, files that the previous
// run's index lists and the new plan no longer has.
//
// # Serial numbers
//
// A watch tells workouts apart by their FIT file_id, whose serial number
// is the part that varies, and a schedules file cites workouts by it; so
// no two FIT files of a batch share one. Each athlete has a block of
// BlockSize (16,384) serial numbers of their own: the high 18 bits of a
// serial number are the athlete's block, the low 14 bits come from the
// file's content salted with the athlete's folder, the date and the
// workout (see encode.Options.Serial). Should two of an athlete's files
// share low bits, the later in the plan takes the next free number of the
// block. An athlete's block is the one a hash of their folder name picks,
// unless an athlete whose folder name sorts before theirs took it; then
// the next free one (NewSerials). The trade-offs:
//
//   - Serial numbers are distinct across the whole batch, and the same
//     roster and plan give the same ones whatever the number of workers,
//     for four bytes per athlete and 32 KiB: no map of the files.
//   - An athlete keeps their serial numbers when others are added,
//     removed or reordered, unless a change before them in folder-name
//     order moves their block (and every serial number in it): with 1,000
//     athletes, about one athlete added or removed in 500 moves someone's
//     block; with 10,000, one in 50. A session added to the plan changes
//     another file's serial number only when their low bits meet (about
//     once in 16,384 per file of the athlete).
//   - An edited workout gets a new serial number (a new identity on the
//     watch), but with 14 bits of content where a lone build has 32 it
//     keeps the old one about once in 16,384 edits.
//   - A plan may give an athlete at most BlockSize FIT files, and a batch
//     holds at most MaxAthletes (262,142) athletes; more is an error before
//     anything is written.
package batch

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/club"
)

// IndexName is the index file in the output folder.
const IndexName = "index.csv"

// indexHeader is the first line of every index; a file named index.csv
// without it is not ours and is never replaced.
var indexHeader = []string{"athlete", "date", "workout", "file"}

// Options say how to compile and where to write.
type Options struct {
	// Dir is the output folder; it is created when missing.
	Dir string
	// Encoders are the formats to write, in order (see encode.Encoder).
	Encoders []encode.Encoder
	// Time is the creation time written into every file; the zero Time
	// means encode.DefaultTime. It is never the wall clock.
	Time time.Time
	// Workers is how many members are compiled at once; 0 means
	// runtime.GOMAXPROCS(0).
	Workers int
	// Progress, when set, is called after each member with how many of
	// total are done, from one goroutine.
	Progress func(done, total int)
	// Serials are the members' blocks of FIT serial numbers; nil means
	// NewSerials of the club. Run works them out once for all members;
	// to Compile many members of one club, do the same and pass them.
	Serials *Serials
}

// Entry is one file of a member's batch.
type Entry struct {
	// Athlete is the member's name and Slug its folder.
	Athlete, Slug string
	// Job is the planned workout: date, week, session, reps, load.
	Job club.Job
	// Format is the encoder's name ("fit", "tcx").
	Format string
	// Path is the file relative to the output folder, with slashes:
	// "sam-rivera/2027-01-05-hill-repeats.fit".
	Path string
	// Data is the file's bytes.
	Data []byte
	// Identity is the FIT file_id of a "fit" entry (what a FIT schedules
	// file cites: see fitenc.ScheduledWorkout); zero for other formats.
	Identity fitenc.FileIdentity
}

// Compile resolves and encodes every planned file of member m, in the
// order of the plan's jobs and, within a job, of opts.Encoders. It writes
// nothing. Each FIT file gets a serial number of the member's block (see
// the package doc): the block's high bits, and low bits from the file's
// content salted with the member's folder, the date and the workout;
// should two of the member's files still share one, the later takes the
// next free number of the block. Warnings of the encoders are returned;
// an error means the member cannot be compiled (a workouts.Diagnostics
// when the problems have a place).
func Compile(c *club.Club, m club.Member, opts Options) ([]Entry, workouts.Diagnostics, error) {
	sers := opts.Serials
	if sers == nil {
		var err error
		if sers, err = NewSerials(c); err != nil {
			return nil, nil, err
		}
	}
	if err := sers.check(c, opts.Encoders); err != nil {
		return nil, nil, err
	}
	if m.Index < 0 || m.Index >= len(sers.blocks) {
		return nil, nil, fmt.Errorf("batch: member %d of a roster of %d", m.Index, len(sers.blocks))
	}
	block, _ := sers.Block(m.Index)
	mask := sers.mask()
	jobs := c.Plan.Jobs()
	out := make([]Entry, 0, len(jobs)*len(opts.Encoders))
	var warns, errs workouts.Diagnostics
	src := fmt.Sprintf("%s:%d", m.Athlete.Pos.File, m.Athlete.Pos.Line)
	used := make(map[uint32]struct{}, len(jobs))
	t := opts.Time
	if t.IsZero() {
		t = encode.DefaultTime
	}
	encErr := func(j club.Job, enc encode.Encoder, err error) {
		var ds workouts.Diagnostics
		if errors.As(err, &ds) {
			errs = append(errs, ds...)
		} else {
			errs.Errorf(j.Session.Pos, "%s for %s (%s): %v", enc.Format(), m.Athlete.Name, src, err)
		}
	}
	for _, j := range jobs {
		r, diags := workouts.Resolve(j.Session.Workout, workouts.ResolveOptions{
			Athlete: m.Athlete, AthleteSource: src,
			Reps: j.Reps, RepsFlag: "the plan's reps", LoadPercent: j.LoadPercent,
		})
		if diags.HasErrors() {
			errs = append(errs, diags.Errors()...)
			continue
		}
		eo := encode.Options{Time: t, Salt: m.Slug + "/" + j.Base, Serial: block, SerialMask: mask}
		for _, enc := range opts.Encoders {
			e := Entry{Athlete: m.Athlete.Name, Slug: m.Slug, Job: j, Format: enc.Format(),
				Path: m.Slug + "/" + j.Base + "." + encode.Extension(enc)}
			b, wd, err := enc.Encode(r, eo)
			if err != nil {
				encErr(j, enc, err)
				continue
			}
			warns = append(warns, wd...)
			if e.Format == "fit" {
				serial, ok := fitSerial(b)
				if !ok || serial&^mask != block {
					errs.Errorf(j.Session.Pos, "fit: the file for %s has no serial number of %s's block", e.Path, m.Athlete.Name)
					continue
				}
				if _, taken := used[serial]; taken {
					// The next free number of the block: there is one,
					// as check saw to it that the files fit.
					for {
						serial = block | (serial+1)&mask
						if _, taken := used[serial]; !taken {
							break
						}
					}
					if b, _, err = enc.Encode(r, encode.Options{Time: t, Salt: eo.Salt, Serial: serial}); err != nil {
						encErr(j, enc, err)
						continue
					}
				}
				used[serial] = struct{}{}
				e.Identity = fitenc.FileIdentity{Type: fitenc.FileTypeWorkout,
					Manufacturer: 255, Product: 0, SerialNumber: serial, TimeCreated: t.UTC()}
			}
			e.Data = b
			out = append(out, e)
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, warns, errs
	}
	return out, warns, nil
}

// fitSerial reads file_id.serial_number from a FIT file as encode/fit
// writes it: a header, then the file_id definition and its data message.
func fitSerial(b []byte) (uint32, bool) {
	if len(b) < 12 || int(b[0]) > len(b) {
		return 0, false
	}
	i := int(b[0])
	type field struct{ num, size byte }
	var defs [16][]field
	var arch [16]byte
	var global [16]uint16
	for n := 0; n < 8 && i < len(b); n++ {
		h := b[i]
		i++
		if h&0x80 != 0 {
			return 0, false // compressed timestamp: not from encode/fit
		}
		local := h & 0x0F
		if h&0x40 != 0 { // definition
			if i+5 > len(b) {
				return 0, false
			}
			arch[local] = b[i+1]
			if arch[local] == 0 {
				global[local] = binary.LittleEndian.Uint16(b[i+2:])
			} else {
				global[local] = binary.BigEndian.Uint16(b[i+2:])
			}
			nf := int(b[i+4])
			i += 5
			defs[local] = defs[local][:0]
			for k := 0; k < nf; k++ {
				if i+3 > len(b) {
					return 0, false
				}
				defs[local] = append(defs[local], field{b[i], b[i+1]})
				i += 3
			}
			if h&0x20 != 0 {
				if i >= len(b) {
					return 0, false
				}
				i += 1 + 3*int(b[i])
			}
			continue
		}
		for _, f := range defs[local] {
			if i+int(f.size) > len(b) {
				return 0, false
			}
			if global[local] == 0 && f.num == 3 && f.size == 4 {
				if arch[local] == 0 {
					return binary.LittleEndian.Uint32(b[i:]), true
				}
				return binary.BigEndian.Uint32(b[i:]), true
			}
			i += int(f.size)
		}
		if global[local] == 0 {
			return 0, false
		}
	}
	return 0, false
}

// Summary is what a run did.
type Summary struct {
	// Athletes is the number of members.
	Athletes int
	// Files is the number of files the batch holds; Written of them were
	// new or changed, Unchanged already had the same bytes.
	Files, Written, Unchanged int
	// Removed counts files of the previous run that the plan no longer has.
	Removed int
	// Bytes is the size of all the batch's files.
	Bytes int64
	// Warnings are the encoders' warnings for the first athlete (the
	// workouts are alike for all), once per place and kind, sorted.
	Warnings workouts.Diagnostics
}

// Open opens the roster for a pass; Run reads it once more after Check.
type Open func() (io.ReadCloser, error)

// result is what a worker did for one member.
type result struct {
	index   int
	name    string
	entries []indexRow
	written int
	bytes   int64
	created []bool // per entry: the file did not exist before
	dirMade bool
	warns   workouts.Diagnostics
	err     error
}

type indexRow struct {
	date, workout, path string
}

// Run writes the batch of c into opts.Dir. It reads the roster once more
// with open (it must be the roster c was checked from). On error nothing
// it created is left: the files and folders it made are removed again.
func Run(c *club.Club, open Open, opts Options) (sum Summary, err error) {
	if len(opts.Encoders) == 0 {
		return sum, errors.New("batch: no format to write")
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if opts.Serials == nil {
		if opts.Serials, err = NewSerials(c); err != nil {
			return sum, err
		}
	}
	if err := opts.Serials.check(c, opts.Encoders); err != nil {
		return sum, err
	}
	dir := opts.Dir
	indexPath := filepath.Join(dir, IndexName)
	if err := checkIndex(indexPath); err != nil {
		return sum, err
	}
	dirMade := false
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return sum, err
		}
		dirMade = true
	} else if err != nil {
		return sum, err
	}
	total := len(c.Slugs)
	perMember := len(c.Plan.Jobs()) * len(opts.Encoders)
	created := newBits(total * perMember)
	madeDirs := newBits(total)

	idx, err := os.CreateTemp(dir, "."+IndexName+".tmp-*")
	if err != nil {
		if dirMade {
			os.Remove(dir)
		}
		return sum, err
	}
	idxHash := sha256.New()
	idxBuf := bufio.NewWriterSize(io.MultiWriter(idx, idxHash), 64<<10)
	idxCSV := csv.NewWriter(idxBuf)
	idxCSV.Write(indexHeader)

	defer func() {
		if err == nil {
			return
		}
		idx.Close()
		os.Remove(idx.Name())
		cleanup(c, opts, created, madeDirs, perMember)
		if dirMade {
			os.Remove(dir)
		}
	}()

	todo := make(chan club.Member, workers)
	done := make(chan *result, workers)
	window := make(chan struct{}, 4*workers) // members in flight
	stop := make(chan struct{})
	var stopOnce sync.Once
	halt := func() { stopOnce.Do(func() { close(stop) }) }

	// Producer: the roster's second pass.
	var readErr error
	go func() {
		defer close(todo)
		rc, err := open()
		if err != nil {
			readErr = err
			return
		}
		defer rc.Close()
		errStop := errors.New("stopped")
		err = c.Members(rc, func(m club.Member) error {
			select {
			case window <- struct{}{}:
			case <-stop:
				return errStop
			}
			select {
			case todo <- m:
				return nil
			case <-stop:
				return errStop
			}
		})
		if err != nil && err != errStop {
			readErr = err
		}
	}()

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range todo {
				done <- member(c, m, opts) // the collector reads until the end
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	// Collector: index rows in roster order.
	pending := map[int]*result{}
	next := 0
	warnSeen := map[string]bool{}
	var firstErr error
	for r := range done {
		for k, made := range r.created {
			if made {
				created.set(r.index*perMember + k)
			}
		}
		if r.dirMade {
			madeDirs.set(r.index)
		}
		if r.err != nil {
			if firstErr == nil {
				firstErr = r.err
			}
			halt() // the producer stops; workers finish what they hold
			continue
		}
		if firstErr != nil {
			continue
		}
		if r.index == 0 {
			// Warnings are about the workouts, alike for every athlete:
			// the first athlete's, once per place and kind of message
			// (the same warning with another load is not news).
			for _, w := range r.warns {
				k := w.Pos.String() + strings.Map(dropDigits, w.Msg)
				if !warnSeen[k] {
					warnSeen[k] = true
					sum.Warnings = append(sum.Warnings, w)
				}
			}
		}
		pending[r.index] = r
		for pending[next] != nil {
			p := pending[next]
			delete(pending, next)
			for _, e := range p.entries {
				idxCSV.Write([]string{p.name, e.date, e.workout, e.path})
			}
			sum.Athletes++
			sum.Files += len(p.entries)
			sum.Written += p.written
			sum.Unchanged += len(p.entries) - p.written
			sum.Bytes += p.bytes
			next++
			<-window
			if opts.Progress != nil {
				opts.Progress(next, total)
			}
		}
	}
	if firstErr != nil {
		return sum, firstErr
	}
	if readErr != nil {
		return sum, readErr
	}
	if next != total {
		return sum, fmt.Errorf("batch: wrote %d of %d athletes", next, total)
	}
	sum.Warnings.Sort()
	idxCSV.Flush()
	if err := idxBuf.Flush(); err != nil {
		return sum, err
	}
	if err := idx.Chmod(0o644); err != nil {
		return sum, err
	}
	if err := idx.Close(); err != nil {
		return sum, err
	}
	// Files of the previous run that this plan no longer has.
	removed, err := removeStale(c, opts, indexPath)
	if err != nil {
		return sum, err
	}
	sum.Removed = removed
	if same, _ := sameHash(indexPath, idxHash.Sum(nil)); same {
		os.Remove(idx.Name())
	} else if err := os.Rename(idx.Name(), indexPath); err != nil {
		return sum, err
	}
	return sum, nil
}

// member compiles and writes one member's files.
func member(c *club.Club, m club.Member, opts Options) *result {
	r := &result{index: m.Index, name: m.Athlete.Name}
	entries, warns, err := Compile(c, m, opts)
	r.warns = warns
	if err != nil {
		r.err = err
		return r
	}
	adir := filepath.Join(opts.Dir, m.Slug)
	st, err := os.Lstat(adir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.Mkdir(adir, 0o755); err != nil {
			r.err = err
			return r
		}
		r.dirMade = true
	case err != nil:
		r.err = err
		return r
	case !st.IsDir():
		r.err = fmt.Errorf("%s is in the way: it is not a folder (a file or a link); move it away", adir)
		return r
	}
	r.created = make([]bool, len(entries))
	r.entries = make([]indexRow, len(entries))
	for k, e := range entries {
		p := filepath.Join(opts.Dir, filepath.FromSlash(e.Path))
		// In a folder this run made, no file can be there yet.
		wrote, isNew, err := writeIfChanged(p, e.Data, r.dirMade)
		if err != nil {
			r.err = fmt.Errorf("writing %s: %w", p, err)
			return r
		}
		r.created[k] = isNew
		if wrote {
			r.written++
		}
		r.bytes += int64(len(e.Data))
		r.entries[k] = indexRow{e.Job.Date.Format("2006-01-02"), e.Job.Session.Workout.Name, e.Path}
	}
	return r
}

// writeIfChanged writes data to path unless path already holds exactly
// data. The write goes to a temporary file in the same folder, renamed
// over path, so that readers see the old file or the new one, never a part.
// Files are not synced one by one (that costs milliseconds a file); a
// crash right after a run may lose its last files, and a re-run writes
// them again.
func writeIfChanged(path string, data []byte, fresh bool) (wrote, isNew bool, err error) {
	f, err := os.Open(path)
	if fresh {
		f, err = nil, fs.ErrNotExist
	}
	switch {
	case err == nil:
		st, serr := f.Stat()
		if serr == nil && st.IsDir() {
			f.Close()
			return false, false, errors.New("a folder is in the way")
		}
		if serr == nil && st.Size() == int64(len(data)) {
			buf := make([]byte, len(data)+1)
			n, _ := io.ReadFull(f, buf)
			if n == len(data) && bytes.Equal(buf[:n], data) {
				f.Close()
				return false, false, nil
			}
		}
		f.Close()
	case errors.Is(err, fs.ErrNotExist):
		isNew = true
	default:
		return false, false, err
	}
	if err := encode.WriteFileAtomicNoSync(path, data); err != nil {
		return false, false, err
	}
	return true, isNew, nil
}

// cleanup removes what a failed run created: files, then member folders.
func cleanup(c *club.Club, opts Options, created, madeDirs bits, perMember int) {
	jobs := c.Plan.Jobs()
	for i, slug := range c.Slugs {
		for k := 0; k < perMember; k++ {
			if !created.get(i*perMember + k) {
				continue
			}
			j, enc := jobs[k/len(opts.Encoders)], opts.Encoders[k%len(opts.Encoders)]
			os.Remove(filepath.Join(opts.Dir, slug, j.Base+"."+encode.Extension(enc)))
		}
		if madeDirs.get(i) {
			os.Remove(filepath.Join(opts.Dir, slug)) // only when empty
		}
	}
}

// checkIndex refuses an index.csv that a batch did not write.
func checkIndex(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	line, _ := bufio.NewReader(io.LimitReader(f, 256)).ReadString('\n')
	if strings.TrimRight(line, "\r\n") != strings.Join(indexHeader, ",") {
		return fmt.Errorf("%s exists and is not the index of a batch (its first line is not %q); move it away or write to another folder", path, strings.Join(indexHeader, ","))
	}
	return nil
}

// removeStale removes the files that the previous index lists and this
// batch does not hold, and then their member folders if empty. Only paths
// of the batch's own shape (<slug>/<date>-<slug>.<format>) are touched.
func removeStale(c *club.Club, opts Options, indexPath string) (int, error) {
	f, err := os.Open(indexPath)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	defer f.Close()
	// A sorted copy of the folders: one string header per athlete, less
	// than a map would take.
	sorted := slices.Clone(c.Slugs)
	slices.Sort(sorted)
	isMember := func(s string) bool { _, ok := slices.BinarySearch(sorted, s); return ok }
	names := map[string]bool{}
	formats := map[string]bool{}
	for _, j := range c.Plan.Jobs() {
		for _, e := range opts.Encoders {
			names[j.Base+"."+encode.Extension(e)] = true
		}
	}
	for _, e := range opts.Encoders {
		formats[e.Format()] = true
	}
	rd := csv.NewReader(bufio.NewReader(f))
	rd.FieldsPerRecord = -1
	removed := 0
	first := true
	for {
		rec, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return removed, nil // a damaged old index: remove nothing more
		}
		if first {
			first = false
			continue
		}
		if len(rec) != 4 {
			continue
		}
		slug, name, ok := ownPath(rec[3])
		if !ok || isMember(slug) && names[name] {
			continue
		}
		p := filepath.Join(opts.Dir, slug, name)
		if err := os.Remove(p); err == nil {
			removed++
		}
		if !isMember(slug) {
			os.Remove(filepath.Join(opts.Dir, slug)) // only when empty
		}
	}
	return removed, nil
}

// ownPath splits an index path into folder and file name when it has the
// shape a batch writes, and reports false for anything else.
func ownPath(p string) (slug, name string, ok bool) {
	slug, name, ok = strings.Cut(p, "/")
	if !ok || path.Clean(p) != p || strings.Contains(name, "/") {
		return "", "", false
	}
	if !isSlug(slug) || len(name) < 12 || name[0] < '0' || name[0] > '9' {
		return "", "", false
	}
	if _, err := time.Parse("2006-01-02", name[:10]); err != nil || name[10] != '-' {
		return "", "", false
	}
	stem, ext, ok := strings.Cut(name[11:], ".")
	if !ok || !isSlug(stem) || !isSlug(ext) {
		return "", "", false
	}
	return slug, name, true
}

func isSlug(s string) bool {
	if s == "" || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// sameHash reports whether the file at path has the SHA-256 sum.
func sameHash(path string, sum []byte) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return false, err
	}
	return bytes.Equal(h.Sum(nil), sum), nil
}

func dropDigits(r rune) rune {
	if r >= '0' && r <= '9' || r == '.' {
		return -1
	}
	return r
}

// bits is a fixed-size bit set.
type bits []uint64

func newBits(n int) bits      { return make(bits, (n+63)/64) }
func (b bits) set(i int)      { b[i/64] |= 1 << (i % 64) }
func (b bits) get(i int) bool { return b[i/64]&(1<<(i%64)) != 0 }
