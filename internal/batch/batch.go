// Package batch compiles and writes a club batch: every planned workout of
// every member of a checked roster (package workouts/club), personalised
// with the member's paces, heart-rate zones and loads, as
// DIR/<athlete-slug>/<YYYY-MM-DD>-<workout-slug>.<format>, an index at
// DIR/index.csv and, when asked, each athlete's schedule.fit (package
// internal/calendar).
//
// # One transaction
//
// Data flows one way: roster and plan → every member's files and their FIT
// identities (computed by the encoder, never read back) → the schedules
// from those identities → one commit of the whole output. A run:
//
//  0. compiles, and throws away, the first member of each kind of profile
//     (club.Club.Samples) before it touches DIR, so that whatever an
//     encoder refuses is an error before the first write;
//  1. takes the folder's lock (DIR/.workoutc-batch/lock, flock: the kernel
//     drops it when the process ends, so a killed run never blocks the
//     next; a second run is refused at once with a LockedError);
//  2. finishes or undoes what an interrupted run left (its journal), and
//     removes its staging files;
//  3. compiles every member, one worker per CPU, and writes the new and
//     changed files into a fresh staging folder, DIR/.workoutc-batch/stage,
//     with the index and a new manifest (the list of every file that is the
//     batch's, with sizes and hashes), each staged only from where it
//     differs from the one in place; nothing under a final name changes;
//  4. commits: writes the journal of the renames (fsynced), moves every
//     file it replaces or removes into DIR/.workoutc-batch/old, moves the
//     staged files in (a new athlete's whole folder in one rename), and
//     renames the manifest into place: that rename is the commit. Then the
//     old files go.
//
// A run that fails or is interrupted (SIGINT/SIGTERM through the context)
// before the commit removes its staging folder; one that fails during the
// commit undoes its renames. Either way every file that was in DIR is as
// it was and nothing the run made is left. A run killed outright leaves
// the journal; the next run reads it and undoes the renames, or, when the
// manifest's rename had happened, finishes the clean-up.
//
// Only files the manifest lists (or, in a folder written by a workoutc
// before the manifest, its index.csv lists) are ever replaced or removed;
// a file that is in the way of the batch and not its own is an error
// before anything changes. Every operation stays inside DIR and follows no
// symlink (see fs.go).
//
// A re-run compares: a file whose bytes are already there is left alone,
// and a member whose inputs (profile, plan, formats, time, the workoutc
// build: Options.Inputs) are those the manifest records, and whose files
// are still as the manifest says (size, not modified since), is not even
// compiled again. A re-run that changes nothing writes no file.
//
// What is not promised: the workout files are not fsynced (a sync costs
// milliseconds a file); a power cut right after a run may leave some of
// them empty, and the next run, finding their size wrong, writes them
// again. A file system that reorders or loses renames across a crash, or
// acknowledges fsync without making data durable, can lose the commit's
// order.
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
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/calendar"
	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/club"
)

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
	// NewSerials of the club. RunContext works them out once for all members;
	// to Compile many members of one club, do the same and pass them.
	Serials *Serials
	// Schedule, when set, also writes DIR/<athlete>/schedule.fit for
	// every member: the sessions calendar.Select picks, citing the
	// identities of the member's FIT files. The formats must include fit.
	Schedule *calendar.Options
	// Inputs is a digest of what the files depend on besides the roster
	// rows and these options: the plan and the workout files as they were
	// read. With it, a re-run does not compile again a member whose
	// inputs are those of the last run and whose files are intact; empty,
	// every member is compiled (and unchanged files still left alone).
	Inputs []byte
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
	// file cites: see fitenc.ScheduledWorkout), as the encoder computed
	// it; zero for other formats.
	Identity fitenc.FileIdentity
}

// familyEncoder is an encoder that encodes a workout once for the files
// that differ only in their serial number, and says which file_id each
// holds (fitenc.Encoder).
type familyEncoder interface {
	EncodeFamily(w *workouts.Workout, opts encode.Options) (*fitenc.Family, workouts.Diagnostics, error)
}

// produced, when set (by this package's tests), is given every FIT
// workout file Compile returns. It must copy what it keeps.
var produced func([]byte)

// resolveKey is what a resolved workout of a member depends on besides
// the member: jobs with the same key share one resolve and one encode.
type resolveKey struct {
	w    *workouts.Workout
	reps int
	load float64
}

// resolved is a workout resolved for a member once, and its families of
// files, one per encoder that makes families (nil until encoded).
type resolved struct {
	r    *workouts.Workout
	errs workouts.Diagnostics // of the resolve
	fams []*family
}

// family is one encoder's EncodeFamily of a resolved workout.
type family struct {
	f     *fitenc.Family
	warns workouts.Diagnostics
	err   error
}

// Compile resolves and encodes every planned file of member m, in the
// order of the plan's jobs and, within a job, of opts.Encoders. It writes
// nothing. Each FIT file gets a serial number of the member's block (see
// the package doc): the block's high bits, and low bits from the file's
// content salted with the member's folder, the date and the workout;
// should two of the member's files still share one, the later takes the
// next free number of the block. Jobs of the same workout, reps and load
// share one resolve and one FIT encode (fitenc.Family): their files differ
// only in the serial number. Warnings of the encoders are returned;
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
	memo := make(map[resolveKey]*resolved, 8)
	for _, j := range jobs {
		k := resolveKey{j.Session.Workout, j.Reps, j.LoadPercent}
		rv := memo[k]
		if rv == nil {
			r, diags := workouts.Resolve(j.Session.Workout, workouts.ResolveOptions{
				Athlete: m.Athlete, AthleteSource: src,
				Reps: j.Reps, RepsFlag: "the plan's reps", LoadPercent: j.LoadPercent,
			})
			rv = &resolved{r: r, errs: diags.Errors(), fams: make([]*family, len(opts.Encoders))}
			memo[k] = rv
		}
		if len(rv.errs) > 0 {
			errs = append(errs, rv.errs...)
			continue
		}
		r := rv.r
		eo := encode.Options{Time: t, Salt: m.Slug + "/" + j.Base, Serial: block, SerialMask: mask}
		for ei, enc := range opts.Encoders {
			e := Entry{Athlete: m.Athlete.Name, Slug: m.Slug, Job: j, Format: enc.Format(),
				Path: m.Slug + "/" + j.Base + "." + encode.Extension(enc)}
			fe, isFit := enc.(familyEncoder)
			if !isFit {
				if e.Format == "fit" {
					errs.Errorf(j.Session.Pos, "fit: the encoder does not give the file's identity")
					continue
				}
				b, wd, err := enc.Encode(r, eo)
				if err != nil {
					encErr(j, enc, err)
					continue
				}
				warns = append(warns, wd...)
				e.Data = b
				out = append(out, e)
				continue
			}
			// One encode for every job of the same workout, reps and
			// load; each file is that one with its own serial number,
			// byte for byte what EncodeIdentity makes.
			fy := rv.fams[ei]
			if fy == nil {
				fy = new(family)
				fy.f, fy.warns, fy.err = fe.EncodeFamily(r, eo)
				rv.fams[ei] = fy
			}
			if fy.err != nil {
				encErr(j, enc, fy.err)
				continue
			}
			fam := fy.f
			b, id, err := fam.File(eo.Salt)
			if err != nil {
				encErr(j, enc, err)
				continue
			}
			warns = append(warns, fy.warns...)
			if id.SerialNumber&^mask != block {
				errs.Errorf(j.Session.Pos, "fit: the file for %s has no serial number of %s's block", e.Path, m.Athlete.Name)
				continue
			}
			if _, taken := used[id.SerialNumber]; taken {
				// The next free number of the block: there is one, as
				// check saw to it that the files fit.
				serial := id.SerialNumber
				for {
					serial = block | (serial+1)&mask
					if _, taken := used[serial]; !taken {
						break
					}
				}
				if b, id, err = fam.FileSerial(serial); err != nil {
					encErr(j, enc, err)
					continue
				}
			}
			used[id.SerialNumber] = struct{}{}
			e.Data, e.Identity = b, id
			if produced != nil {
				produced(b)
			}
			out = append(out, e)
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, warns, errs
	}
	return out, warns, nil
}

// Summary is what a run did.
type Summary struct {
	// Athletes is the number of members.
	Athletes int
	// Files is the number of workout files the batch holds; Written of
	// them were new or changed, Unchanged already had the same bytes.
	Files, Written, Unchanged int
	// Removed counts files of earlier runs that the batch no longer has.
	Removed int
	// Bytes is the size of all the batch's workout files.
	Bytes int64
	// Schedules is how many schedule files the batch holds (one per
	// member with Options.Schedule), and Schedule what they list.
	Schedules int
	Schedule  calendar.Summary
	// Recovered says what the run did about an earlier run that was
	// interrupted ("" when there was none).
	Recovered string
	// Warnings are the encoders' warnings for the first athlete (the
	// workouts are alike for all), once per place and kind, sorted.
	Warnings workouts.Diagnostics
}

// Open opens the roster for a pass; RunContext reads it once more after Check.
type Open func() (io.ReadCloser, error)

// ErrInterrupted is the error of a run stopped by its context: nothing
// was changed.
var ErrInterrupted = errors.New("interrupted; the output folder is as it was")

// gcPercent is the GOGC of a run (see RunContext).
const gcPercent = 300

// RunContext writes the batch of c into opts.Dir as one transaction (see
// the package doc). It reads the roster once more with open (it must be
// the roster c was checked from). On error, or when ctx is done before the
// commit, every file in opts.Dir is as it was and nothing the run created
// is left; the error is a workouts.Diagnostics for problems of the inputs,
// a *LockedError when another batch holds the folder, ErrInterrupted (or
// wraps it) when ctx stopped it.
func RunContext(ctx context.Context, c *club.Club, open Open, opts Options) (sum Summary, err error) {
	start := time.Now() // for the lock file only; never in a file of the batch
	if os.Getenv("GOGC") == "" {
		// The live heap is small (the members in flight, the index rows)
		// and the garbage plenty (every file's bytes): letting the heap
		// grow to 4x the live heap before a collection (GOGC 300) instead
		// of 2x takes about a fifth off a fresh run's wall time, for a
		// peak memory at 10,000 athletes still 1.2-1.3x that at 100
		// (scripts/bench-batch.sh; GOGC 400 went to 1.5-1.7x). A GOGC of
		// the user's wins.
		defer debug.SetGCPercent(debug.SetGCPercent(gcPercent))
	}
	if len(opts.Encoders) == 0 {
		return sum, errors.New("batch: no format to write")
	}
	fits := 0
	for _, e := range opts.Encoders {
		if e.Format() == "fit" {
			fits++
		}
	}
	if opts.Schedule != nil && fits == 0 {
		return sum, errors.New("batch: schedules cite FIT workout files: the formats must include fit")
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Serials == nil {
		if opts.Serials, err = NewSerials(c); err != nil {
			return sum, err
		}
	}
	if err := opts.Serials.check(c, opts.Encoders); err != nil {
		return sum, err
	}
	rs := &runState{c: c, open: open, opts: opts, jobs: c.Plan.Jobs(), run: strconv.FormatInt(start.UnixNano(), 36) + "-" + strconv.Itoa(os.Getpid())}
	if opts.Schedule != nil {
		dates := make([]time.Time, len(rs.jobs))
		for i, j := range rs.jobs {
			dates[i] = j.Date
		}
		if rs.sel, sum.Schedule, err = calendar.Select(dates, *opts.Schedule); err != nil {
			return sum, err
		}
	}
	rs.key = rs.globalKey()
	if err := rs.trial(); err != nil {
		return sum, err
	}
	if ctx.Err() != nil {
		return sum, ErrInterrupted
	}

	o, err := openOut(opts.Dir)
	if err != nil {
		return sum, err
	}
	rs.out = o
	failed := true
	defer func() { o.release(failed) }()
	if err := o.lock(start); err != nil {
		return sum, err
	}
	if sum.Recovered, err = rs.recover(); err != nil {
		return sum, err
	}
	if err := rs.loadOld(); err != nil {
		return sum, err
	}
	if err := o.beginStage(); err != nil {
		o.clearState()
		return sum, err
	}
	sum2, commit, err := rs.stageAll(ctx)
	sum2.Schedule, sum2.Recovered = sum.Schedule, sum.Recovered
	sum = sum2
	if err == nil && commit {
		err = rs.commit(ctx)
	}
	if err != nil {
		if !rs.keepJournal {
			o.clearState()
		}
		return sum, err
	}
	if !commit {
		o.clearState()
	}
	failed = false
	return sum, nil
}

// runState is one run's.
type runState struct {
	c    *club.Club
	open Open
	opts Options
	jobs []club.Job
	sel  []int  // the jobs a schedule lists
	run  string // the run's id in its manifest and journal
	key  digest // what every member's files depend on besides the member
	out  *outDir

	old      *manifest
	oldMtime int64 // the manifest's modification time: files are not newer
	legacy   bool  // no manifest: a folder of a workoutc before it, or new

	rowsOnce sync.Once
	rowsOf   []IndexRow // rows of a member: date, workout and "/<file>"

	nops        int
	keepJournal bool // a failed undo: the next run must see the journal

	tried map[int]compiled // the members trial compiled, by index (at most maxTried)
}

// cacheVersion starts the key of a member's inputs. Change it when what a
// file depends on changes in a way the key does not see.
const cacheVersion = "workoutc/batch inputs 2\x00"

var buildKey = sync.OnceValue(func() string {
	var b strings.Builder
	bi, ok := debug.ReadBuildInfo()
	if ok {
		b.WriteString(bi.String())
	}
	clean := false
	if ok {
		rev, modified := "", ""
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
		clean = rev != "" && modified == "false"
	}
	if !clean {
		// A build from changed sources: the executable itself.
		if exe, err := os.Executable(); err == nil {
			if st, err := os.Stat(exe); err == nil {
				fmt.Fprintf(&b, "\n%s %d %d", exe, st.Size(), st.ModTime().UnixNano())
			}
		}
	}
	return b.String()
})

// globalKey hashes what every member's files depend on besides the member:
// the build, Options.Inputs, the formats, the time, the schedule and the
// plan's jobs. Without Options.Inputs it is zero: nothing is reused.
func (rs *runState) globalKey() digest {
	if len(rs.opts.Inputs) == 0 {
		return digest{}
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s%s\x00%x\x00", cacheVersion, buildKey(), rs.opts.Inputs)
	for _, e := range rs.opts.Encoders {
		fmt.Fprintf(h, "%s,", e.Format())
	}
	fmt.Fprintf(h, "\x00%d\x00", rs.opts.Time.UnixNano())
	if s := rs.opts.Schedule; s != nil {
		fmt.Fprintf(h, "schedule %d %d %d %v\x00", s.From.UnixNano(), s.Max, s.Time.UnixNano(), rs.sel)
	}
	for _, j := range rs.jobs {
		fmt.Fprintf(h, "%s %d %d %g %s\x00", j.Base, j.Week, j.Reps, j.LoadPercent, j.Session.File)
	}
	var d digest
	copy(d[:], h.Sum(nil))
	return d
}

// memberKey hashes what a member's files depend on: the global key, the
// folder, the serial block and the profile (see appendValue).
func (rs *runState) memberKey(m club.Member) digest {
	if rs.key == (digest{}) {
		return digest{}
	}
	h := sha256.New()
	h.Write(rs.key[:])
	first, _ := rs.opts.Serials.Block(m.Index)
	fmt.Fprintf(h, "%s\x00%d\x00", m.Slug, first)
	h.Write(appendValue(make([]byte, 0, 1024), reflect.ValueOf(*m.Athlete)))
	var d digest
	copy(d[:], h.Sum(nil))
	return d
}

// compiled is what Compile gave for a member.
type compiled struct {
	entries []Entry
	warns   workouts.Diagnostics
}

// maxTried bounds the members whose files trial keeps for staging (a
// roster of many kinds of rows is compiled twice beyond it, not held in
// memory).
const maxTried = 16

// trial compiles the first member of each kind of profile
// (club.Club.Samples; the first member at least) before DIR is touched,
// keeping the files of the first maxTried for staging: whatever an encoder refuses in a workout (a repeat TCX cannot
// hold, too many steps) or in a kind of profile (a heart rate in percent
// for Connect, from a row without max_hr) is an error before the first
// write. Values out of range are the roster's own errors
// (TestCheckedRowsCompile).
func (rs *runState) trial() error {
	samples := rs.c.Samples
	if len(samples) == 0 {
		samples = []int{0}
	}
	rc, err := rs.open()
	if err != nil {
		return err
	}
	defer rc.Close()
	done := errors.New("done")
	var errs workouts.Diagnostics
	seen := map[string]bool{}
	var other error
	next := 0
	err = rs.c.Members(rc, func(m club.Member) error {
		if m.Index != samples[next] {
			return nil
		}
		entries, warns, err := Compile(rs.c, m, rs.opts)
		if err == nil && len(rs.tried) < maxTried {
			if rs.tried == nil {
				rs.tried = map[int]compiled{}
			}
			rs.tried[m.Index] = compiled{entries, warns}
		}
		var ds workouts.Diagnostics
		switch {
		case errors.As(err, &ds):
			n := len(errs)
			for _, d := range ds {
				if k := d.Pos.String() + d.Msg; !seen[k] {
					seen[k] = true
					errs = append(errs, d)
				}
			}
			if len(errs) > n && m.Index > 0 {
				// The workouts compile for the first athlete: these
				// are this row's, and its kind's.
				errs.Errorf(m.Athlete.Pos, "%s's files cannot be made (see the errors at the workouts: this row lacks what they need, or gives it in a form a format cannot hold); rows that give the same kinds of values fail alike", m.Athlete.Name)
			}
		case err != nil && other == nil:
			other = err
		}
		if next++; next == len(samples) {
			return done
		}
		return nil
	})
	if err != nil && err != done {
		return err
	}
	if other != nil {
		return other
	}
	if len(errs) > 0 {
		errs.Sort()
		return errs
	}
	return nil
}

// recover deals with what an interrupted run left: a journal (undo the
// renames, or finish the clean-up of a run that had committed) and its
// staging folders.
func (rs *runState) recover() (string, error) {
	o := rs.out
	data, _, err := o.readState("journal", maxManifest)
	if err != nil {
		return "", err
	}
	if data == nil {
		if o.hasState() {
			if err := o.clearState(); err != nil {
				return "", err
			}
			return "removed the staging files of an interrupted run", nil
		}
		return "", nil
	}
	j, err := parseJournal(data)
	if err != nil {
		return "", fmt.Errorf("%s/%s: %w; a run was interrupted while it committed and the batch cannot tell what to undo: compare the folder with your last good batch, then move %s away", o.path, journalPath, err, stateDir)
	}
	man, _, err := o.readState("manifest", maxManifest)
	if err != nil {
		return "", err
	}
	if bytes2Run(man) == j.run {
		for _, op := range j.ops {
			if op.dir {
				o.removeEmpty(op.from)
			}
		}
		if err := o.clearState(); err != nil {
			return "", err
		}
		return "finished the clean-up of an interrupted run, which had committed", nil
	}
	if err := rs.undo(j.ops); err != nil {
		return "", err
	}
	if err := o.clearState(); err != nil {
		return "", err
	}
	return "undid the renames of an interrupted run: its files are gone, the earlier ones back", nil
}

// bytes2Run returns the run id of a manifest ("" for none).
func bytes2Run(man []byte) string {
	s := string(man[:min(len(man), 256)])
	_, rest, ok := strings.Cut(s, "\nrun ")
	if !ok {
		return ""
	}
	id, _, _ := strings.Cut(rest, "\n")
	return id
}

// undo undoes, last first, the renames of ops that happened.
func (rs *runState) undo(ops []op) error {
	for i := len(ops) - 1; i >= 0; i-- {
		op := ops[i]
		if op.dir || !rs.out.applied(op.from, op.to) {
			continue
		}
		if err := rs.out.undoRename(op.to, op.from); err != nil {
			return fmt.Errorf("undoing a commit: moving %s back to %s: %w (the next run tries again)", op.to, op.from, err)
		}
	}
	return nil
}

// loadOld reads the manifest of the last run, or, without one, the index
// of a workoutc before the manifest. An index.csv that no batch wrote is
// refused.
func (rs *runState) loadOld() error {
	o := rs.out
	data, mtime, err := o.readState("manifest", maxManifest)
	if err != nil {
		return err
	}
	if data != nil {
		if rs.old, err = parseManifest(data); err != nil {
			return fmt.Errorf("%s/%s: %w; it records which files are the batch's: move %s away to start over (the files of earlier runs are then kept, not removed)", o.path, manifestPath, err, stateDir)
		}
		rs.oldMtime = mtime
	} else {
		rs.old = &manifest{athletes: map[string]*oldAthlete{}}
		rs.legacy = true
	}
	fi, err := o.statOut(IndexName)
	if err != nil {
		return err
	}
	indexPath := o.path + string(os.PathSeparator) + IndexName
	switch {
	case !fi.exists:
		rs.old.index = nil
		return nil
	case !fi.regular:
		return fmt.Errorf("%s is in the way: it is not a file (a folder or a link); move it away", indexPath)
	case rs.old.index != nil:
		return nil
	}
	// An index the manifest does not list: an older workoutc's, whose
	// files are adopted, or not a batch's at all.
	b, err := o.readOut(IndexName, maxIndex)
	if err != nil {
		return err
	}
	var names []string
	err = ReadIndex(indexPath, strings.NewReader(string(b)), func(r IndexRow) error {
		folder, file, _ := splitFile(r.File)
		a := rs.old.athletes[folder]
		if a == nil {
			a = &oldAthlete{legacy: []string{}}
			rs.old.athletes[folder] = a
			rs.old.order = append(rs.old.order, folder)
		}
		if a.legacy != nil {
			a.legacy = append(a.legacy, file)
		}
		names = append(names, r.File)
		return nil
	})
	if err != nil {
		if strings.Contains(err.Error(), "is not the index of a batch") {
			return fmt.Errorf("%s exists and is not the index of a batch (its first line is not %q); move it away or write to another folder", indexPath, strings.Join(indexHeader, ","))
		}
		return fmt.Errorf("%w; move it away or write to another folder", err)
	}
	rs.old.index = &fileRec{name: IndexName, size: -1}
	return nil
}

// oldFiles returns the files the last run recorded for folder, and nil
// when it recorded none.
func (rs *runState) oldFiles(slug string) (*oldAthlete, []fileRec) {
	a := rs.old.athletes[slug]
	if a == nil {
		return nil, nil
	}
	return a, rs.old.files(a)
}

// result is what a worker did for one member.
type result struct {
	index     int
	slug      string
	key       digest
	files     []fileRec
	rows      []IndexRow
	ops       []op
	written   int
	unchanged int
	removed   int
	bytes     int64
	warns     workouts.Diagnostics
	err       error
}

// stageAll compiles every member and stages what changed; it reports
// whether there is anything to commit.
func (rs *runState) stageAll(ctx context.Context) (sum Summary, commit bool, err error) {
	o, c, opts := rs.out, rs.c, rs.opts
	// The index and the manifest are compared with those in place as they
	// are made, and staged only from where they differ; the journal is
	// staged at its first operation.
	idx := &stream{o: o, name: IndexName}
	if f, err := o.openOut(IndexName); err != nil {
		return sum, false, err
	} else if f != nil {
		defer f.Close()
		if st, err := f.Stat(); err == nil {
			idx.old, idx.oldN = f, st.Size()
		}
	}
	man := &stream{o: o, name: "manifest", head: []byte(manifestMagic + "\nrun " + rs.run + "\n")}
	if !rs.legacy {
		body := rs.old.text[rs.old.bodyAt:]
		man.old, man.oldN = strings.NewReader(body), int64(len(body))
	}
	jrn := &stream{o: o, name: "journal", head: []byte(journalMagic + "\nrun " + rs.run + "\n")}
	for _, s := range []*stream{idx, man, jrn} {
		defer s.close()
	}
	idxHash := sha256.New()
	iw := newIndexWriter(io.MultiWriter(idx, idxHash))
	mw := newManifestWriter(man)
	jw := bufio.NewWriterSize(jrn, 64<<10)

	workers := opts.Workers
	total := len(c.Slugs)
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
		rc, err := rs.open()
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
				if ctx.Err() != nil {
					done <- &result{index: m.Index, err: ErrInterrupted}
					continue
				}
				done <- rs.member(m) // the collector reads until the end
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	// Collector: index, manifest and journal in roster order.
	pending := map[int]*result{}
	next := 0
	warnSeen := map[string]bool{}
	var firstErr error
	for r := range done {
		if r.err != nil {
			if firstErr == nil || errors.Is(firstErr, ErrInterrupted) && !errors.Is(r.err, ErrInterrupted) {
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
			mw.athlete(p.slug, p.key)
			for _, f := range p.files {
				mw.file(p.slug+"/"+f.name, f.size, f.hash)
			}
			for _, row := range p.rows {
				iw.row(row)
			}
			for _, op := range p.ops {
				jw.WriteString(op.line())
			}
			rs.nops += len(p.ops)
			if a := rs.old.athletes[p.slug]; a != nil {
				a.seen = true
			}
			sum.Athletes++
			sum.Files += len(p.rows)
			sum.Written += p.written
			sum.Unchanged += p.unchanged
			sum.Removed += p.removed
			sum.Bytes += p.bytes
			if opts.Schedule != nil {
				sum.Schedules++
			}
			next++
			<-window
			if opts.Progress != nil {
				opts.Progress(next, total)
			}
		}
	}
	if firstErr != nil {
		return sum, false, firstErr
	}
	if readErr != nil {
		return sum, false, readErr
	}
	if next != total {
		return sum, false, fmt.Errorf("batch: wrote %d of %d athletes", next, total)
	}
	if ctx.Err() != nil {
		return sum, false, ErrInterrupted
	}
	sum.Warnings.Sort()

	// Folders of the last run that the roster no longer has: their files
	// go (the folder too, once empty).
	for _, slug := range rs.old.order {
		a := rs.old.athletes[slug]
		if a.seen {
			continue
		}
		d, err := o.openAthlete(slug)
		if err != nil {
			return sum, false, err
		}
		if !d.ok {
			continue
		}
		names := make([]string, 0, 32)
		for _, f := range rs.old.files(a) {
			names = append(names, f.name)
		}
		if rs.legacy {
			temps, _ := o.legacyTemps(slug)
			names = append(names, temps...)
		}
		for _, n := range names {
			fi, err := d.stat(n)
			if err != nil || !fi.regular {
				continue // gone, or no longer a file of ours
			}
			if err := o.oldFolder(slug); err != nil {
				d.close()
				return sum, false, err
			}
			jw.WriteString(op{from: slug + "/" + n, to: oldPrefix + "/" + slug + "/" + n}.line())
			rs.nops++
			if !legacyTemp(n) {
				sum.Removed++
			}
		}
		d.close()
		jw.WriteString(op{from: slug, dir: true}.line())
	}
	if rs.legacy {
		temps, _ := o.legacyTemps("")
		for _, n := range temps {
			jw.WriteString(op{from: n, to: oldPrefix + "/" + n}.line())
			rs.nops++
		}
	}

	// The index: unchanged when its bytes are those the manifest records
	// and the file is intact.
	if err := iw.flush(); err != nil {
		return sum, false, err
	}
	var ih digest
	copy(ih[:], idxHash.Sum(nil))
	mw.file(IndexName, idx.n, ih)
	if err := mw.end(); err != nil {
		return sum, false, err
	}
	fi, err := o.statOut(IndexName)
	if err != nil {
		return sum, false, err
	}
	// The index in place is ours and holds what this run would write.
	indexSame := rs.old.index != nil && idx.same()
	if rs.nops == 0 && indexSame && !rs.legacy && man.same() {
		return sum, false, nil // nothing to do
	}
	if !indexSame {
		if fi.exists {
			jw.WriteString(op{from: IndexName, to: oldPrefix + "/" + IndexName}.line())
		}
		jw.WriteString(op{from: stagePrefix + "/" + IndexName, to: IndexName}.line())
		if err := idx.stage(); err != nil {
			return sum, false, err
		}
	}
	jw.WriteString(op{from: stagePrefix + "/manifest", to: manifestPath}.line())
	jw.WriteString("end\n")
	if err := jw.Flush(); err != nil {
		return sum, false, err
	}
	for _, s := range []*stream{man, jrn} {
		if err := s.stage(); err != nil {
			return sum, false, err
		}
	}
	return sum, true, nil
}

// member compiles one member and stages what changed.
func (rs *runState) member(m club.Member) *result {
	r := &result{index: m.Index, slug: m.Slug, key: rs.memberKey(m)}
	o := rs.out
	d, err := o.openAthlete(m.Slug)
	if err != nil {
		r.err = err
		return r
	}
	defer d.close()
	old, oldFiles := rs.oldFiles(m.Slug)

	// The same inputs as last time, and the files intact: nothing to
	// compile (but the first member, for the warnings).
	if old != nil && old.legacy == nil && r.key != (digest{}) && old.key == r.key && d.ok && m.Index != 0 && rs.intact(d, oldFiles) {
		r.files = oldFiles
		r.rows = rs.rows(m)
		for _, f := range oldFiles {
			if f.name != calendar.FileName {
				r.unchanged++
				r.bytes += f.size
			}
		}
		return r
	}

	var entries []Entry
	var warns workouts.Diagnostics
	if t, ok := rs.tried[m.Index]; ok {
		entries, warns = t.entries, t.warns // compiled by trial
	} else {
		entries, warns, err = Compile(rs.c, m, rs.opts)
	}
	r.warns = warns
	if err != nil {
		r.err = err
		return r
	}
	r.rows = rs.rows(m)
	type file struct {
		name string
		data []byte
	}
	files := make([]file, 0, len(entries)+1)
	for _, e := range entries {
		files = append(files, file{e.Path[len(m.Slug)+1:], e.Data})
	}
	if rs.opts.Schedule != nil {
		var ids []fitenc.ScheduledWorkout
		k := 0
		fitOf := make([]fitenc.FileIdentity, len(rs.jobs))
		for _, e := range entries {
			if e.Format == "fit" && k < len(fitOf) {
				fitOf[k] = e.Identity
				k++
			}
		}
		for _, i := range rs.sel {
			ids = append(ids, fitenc.ScheduledWorkout{Workout: fitOf[i], Date: rs.jobs[i].Date})
		}
		b, err := calendar.Encode(m.Slug, ids, *rs.opts.Schedule)
		if err != nil {
			r.err = err
			return r
		}
		files = append(files, file{calendar.FileName, b})
	}
	oldRec := map[string]fileRec{}
	for _, f := range oldFiles {
		oldRec[f.name] = f
	}
	var stage folder
	defer stage.close()
	stageFile := func(name string, data []byte) error {
		if !stage.ok {
			var err error
			if stage, err = o.stageAthlete(m.Slug); err != nil {
				return err
			}
		}
		return stage.create(name, data)
	}
	newNames := make(map[string]bool, len(files))
	for _, f := range files {
		newNames[f.name] = true
		h := hashOf(f.data)
		size := int64(len(f.data))
		r.files = append(r.files, fileRec{name: f.name, size: size, hash: h})
		isWorkout := f.name != calendar.FileName
		if isWorkout {
			r.bytes += size
		}
		if !d.ok { // a new folder: staged whole, renamed in at once
			if err := stageFile(f.name, f.data); err != nil {
				r.err = err
				return r
			}
			if isWorkout {
				r.written++
			}
			continue
		}
		fi, err := d.stat(f.name)
		if err != nil {
			r.err = err
			return r
		}
		same := false
		if fi.exists {
			if !fi.regular {
				r.err = fmt.Errorf("%s/%s is in the way: it is not a file (a folder or a link); move it away", d.path, f.name)
				return r
			}
			rec, ours := oldRec[f.name]
			same = ours && rec.size == size && rec.hash == h && fi.size == size && fi.mtime <= rs.oldMtime
			if !same && fi.size == size {
				b, err := d.read(f.name, size)
				same = err == nil && string(b) == string(f.data)
			}
			if !same && !ours && !rs.legacy {
				r.err = fmt.Errorf("%s/%s is in the way: the batch did not write it (its manifest does not list it); move it away", d.path, f.name)
				return r
			}
		}
		if same {
			if isWorkout {
				r.unchanged++
			}
			continue
		}
		if err := stageFile(f.name, f.data); err != nil {
			r.err = err
			return r
		}
		if fi.exists {
			if err := o.oldFolder(m.Slug); err != nil {
				r.err = err
				return r
			}
			r.ops = append(r.ops, op{from: m.Slug + "/" + f.name, to: oldPrefix + "/" + m.Slug + "/" + f.name})
		}
		r.ops = append(r.ops, op{from: stagePrefix + "/" + m.Slug + "/" + f.name, to: m.Slug + "/" + f.name})
		if isWorkout {
			r.written++
		}
	}
	if !d.ok {
		r.ops = append(r.ops, op{from: stagePrefix + "/" + m.Slug, to: m.Slug})
		return r
	}
	// Files of the last run that this one does not have.
	var stale []string
	for _, f := range oldFiles {
		if !newNames[f.name] {
			stale = append(stale, f.name)
		}
	}
	if rs.legacy {
		temps, _ := o.legacyTemps(m.Slug)
		stale = append(stale, temps...)
	}
	for _, n := range stale {
		fi, err := d.stat(n)
		if err != nil || !fi.regular {
			continue // gone, or no longer a file of ours
		}
		if err := o.oldFolder(m.Slug); err != nil {
			r.err = err
			return r
		}
		r.ops = append(r.ops, op{from: m.Slug + "/" + n, to: oldPrefix + "/" + m.Slug + "/" + n})
		if !legacyTemp(n) {
			r.removed++
		}
	}
	return r
}

// intact reports whether every file of files is in d as the manifest
// recorded it: a plain file of that size, not modified since.
func (rs *runState) intact(d folder, files []fileRec) bool {
	n := 0
	for _, f := range files {
		fi, err := d.stat(f.name)
		if err != nil || !fi.regular || fi.size != f.size || fi.mtime > rs.oldMtime {
			return false
		}
		if f.name != calendar.FileName {
			n++
		}
	}
	want := len(rs.jobs) * len(rs.opts.Encoders)
	sched := 0
	if rs.opts.Schedule != nil {
		sched = 1
	}
	return n == want && len(files) == want+sched
}

// rows are the index rows of member m.
func (rs *runState) rows(m club.Member) []IndexRow {
	rs.rowsOnce.Do(func() {
		// What every member's rows share, worked out once.
		for _, j := range rs.jobs {
			for _, e := range rs.opts.Encoders {
				rs.rowsOf = append(rs.rowsOf, IndexRow{Date: j.Date.Format(time.DateOnly),
					Workout: j.Session.Workout.Name, File: "/" + j.Base + "." + encode.Extension(e)})
			}
		}
	})
	out := make([]IndexRow, len(rs.rowsOf))
	for i, r := range rs.rowsOf {
		r.Athlete, r.File = m.Athlete.Name, m.Slug+r.File
		out[i] = r
	}
	return out
}

// commit moves the staged tree into place (see the package doc).
func (rs *runState) commit(ctx context.Context) error {
	o := rs.out
	if err := o.rename(stagePrefix+"/journal", journalPath); err != nil {
		return err
	}
	// Until the first rename below, nothing of DIR has changed: a failure
	// removes the journal with the rest of the state.
	if err := o.syncState(); err != nil {
		return err
	}
	data, _, err := o.readState("journal", maxManifest)
	if err != nil {
		return err
	}
	j, err := parseJournal(data)
	if err != nil {
		return err
	}
	for i, op := range j.ops {
		if op.dir {
			continue
		}
		if op.to == manifestPath {
			// The commit point: everything before it durable first.
			if err == nil {
				err = o.syncOut()
			}
		} else if ctx.Err() != nil && err == nil {
			err = ErrInterrupted
		}
		if err == nil {
			err = o.rename(op.from, op.to)
		}
		if err != nil {
			if uerr := rs.undo(j.ops[:i+1]); uerr != nil {
				rs.keepJournal = true
				return fmt.Errorf("%w; and %v", err, uerr)
			}
			return err
		}
	}
	// Committed: from here on, a failure only leaves clean-up for the
	// next run.
	o.syncState()
	for _, op := range j.ops {
		if op.dir {
			o.removeEmpty(op.from)
		}
	}
	o.clearState()
	return nil
}

func dropDigits(r rune) rune {
	if r >= '0' && r <= '9' || r == '.' {
		return -1
	}
	return r
}
