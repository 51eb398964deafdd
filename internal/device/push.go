package device

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/confined"
	"github.com/workoutc/workoutc/internal/input"
	"github.com/workoutc/workoutc/internal/term"
	"github.com/workoutc/workoutc/workouts"
)

// MaxFileSize is the largest file push copies; workout and schedule files
// are a few kilobytes.
const MaxFileSize = 4 << 20

// Source is one file to push: its name as the user gave it, and its bytes.
type Source struct {
	Name string
	Data []byte
}

// ReadSources reads the files named by paths; a folder gives every *.fit
// file directly in it, in name order (not its subfolders). Problems with the
// input (a folder without .fit files, a file too large) are diagnostics; an
// error means a path that cannot be read.
func ReadSources(paths []string) ([]Source, workouts.Diagnostics, error) {
	var out []Source
	var diags workouts.Diagnostics
	seen := map[string]bool{}
	add := func(p string) error {
		key := filepath.Clean(p)
		if seen[key] {
			return nil
		}
		seen[key] = true
		b, err := readLimited(p)
		if err != nil {
			var ie *input.Error
			if errors.As(err, &ie) && ie.Kind != nil {
				diags.Errorf(workouts.Pos{File: p}, "%s; push copies FIT workout and schedule files", ie.Msg)
				return nil
			}
			return err
		}
		out = append(out, Source{Name: p, Data: b})
		return nil
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, nil, err
		}
		if !st.IsDir() {
			if err := add(p); err != nil {
				return nil, nil, err
			}
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, nil, err
		}
		n := 0
		for _, e := range entries { // ReadDir sorts by name
			if !strings.EqualFold(filepath.Ext(e.Name()), ".fit") {
				continue
			}
			fp := filepath.Join(p, e.Name())
			if st, err := os.Stat(fp); err != nil || !st.Mode().IsRegular() {
				continue
			}
			n++
			if err := add(fp); err != nil {
				return nil, nil, err
			}
		}
		if n == 0 {
			diags.Errorf(workouts.Pos{File: p}, "no .fit files in this folder (push takes the .fit files directly in a folder, not in its subfolders)")
		}
	}
	return out, diags, nil
}

// readLimited reads a regular file on the device of at most MaxFileSize
// bytes.
func readLimited(p string) ([]byte, error) {
	return input.ReadFile(p, MaxFileSize, "workout or schedule file")
}

// Action is what push does with one file.
type Action uint8

// The actions.
const (
	// Copy: the file is not on the device; it is copied.
	Copy Action = iota
	// Replace: a different file of the same name is in the folder; it is
	// replaced (only when forced).
	Replace
	// Present: the same bytes are already in the folder; nothing to do.
	Present
	// Stored: the same bytes are in a folder where the watch keeps what it
	// imported; nothing to do.
	Stored
)

// Item is one file of a plan.
type Item struct {
	// Source is the file's name as given.
	Source string
	// Type is the file's FIT type (5 workout, 7 schedules).
	Type uint8
	// Dest is where the file goes, relative to the device's root, with
	// forward slashes: "GARMIN/NewFiles/hill-repeats.fit".
	Dest string
	// Action is what happens to it.
	Action Action
	// Found is, for Stored, the identical file already on the device.
	Found string

	data    []byte
	id      fitenc.FileIdentity
	entries []fitenc.ScheduledWorkout // of a schedule
}

// Plan is what a push does: every file's destination and action, and the
// folders to create. Making a plan writes nothing.
type Plan struct {
	Device *Device
	Items  []Item
	// Mkdirs are the folders to create, relative to the device's root,
	// parents first.
	Mkdirs []string
}

// Plan checks every source and decides where it goes on d: the inbox
// folder of its FIT type (see Manifest.Route), under its own name (".fit"
// added when it has another extension). Sources that are not FIT workout
// or schedules files, two sources landing on one name, and files that
// would replace a different file of the same name without force are
// diagnostics (nothing is written then). Workouts of a device that does
// not declare them are an ErrUnsupported error; schedules of a device that
// does not declare them are left out with a warning (an ErrUnsupported
// error when nothing else is left). A device folder that cannot be read or
// used is an ErrIO error.
func (d *Device) Plan(srcs []Source, force bool) (*Plan, workouts.Diagnostics, error) {
	p := &Plan{Device: d}
	var diags workouts.Diagnostics
	type inbox struct {
		rel, abs string
		stores   []string // absolute
	}
	inboxes := map[uint8]*inbox{}
	landed := map[string]*Item{} // by lower-case Dest
	var skipped error            // why schedule files were left out
	mkdirs := map[string]bool{}
	for _, src := range srcs {
		pos := workouts.Pos{File: src.Name}
		id, err := fitenc.Identify(src.Data)
		if err != nil {
			diags.Errorf(pos, "%v; push copies FIT workout and schedule files", err)
			continue
		}
		if id.Type != fitenc.FileTypeWorkout && id.Type != fitenc.FileTypeSchedules {
			diags.Errorf(pos, "a FIT %s file, not a workout or schedule; push copies FIT workout (type 5) and schedules (type 7) files", fitenc.TypeName(id.Type))
			continue
		}
		entries, ok := decodes(src, id.Type, &diags)
		if !ok {
			continue
		}
		in := inboxes[id.Type]
		if in == nil {
			route, err := d.Manifest.Route(id.Type)
			if err != nil {
				return nil, nil, errorf(ErrIO, "%s: %v", d, err)
			}
			if !route.Declared {
				if id.Type != fitenc.FileTypeSchedules {
					return nil, nil, d.undeclared(id.Type, src.Name)
				}
				// The workouts are what matters: a schedule the watch does
				// not take is left out, not the whole push.
				skipped = cmp.Or(skipped, d.undeclared(id.Type, src.Name))
				diags.Warnf(pos, "left out: the device lists no %s (schedules) in %s, so it would ignore this file; its calendar stays as it is",
					fitTypeName(id.Type), ManifestPath)
				continue
			}
			abs, existing, missing, err := resolveFold(d.Root, route.Inbox)
			if err != nil {
				return nil, nil, err
			}
			in = &inbox{rel: relTo(d.Root, abs), abs: abs}
			for _, m := range missing {
				existing = filepath.Join(existing, m)
				if key := strings.ToLower(existing); !mkdirs[key] {
					mkdirs[key] = true
					p.Mkdirs = append(p.Mkdirs, relTo(d.Root, existing))
				}
			}
			for _, s := range route.Stores {
				if sabs, _, missing, err := resolveFold(d.Root, s); err == nil && len(missing) == 0 {
					in.stores = append(in.stores, sabs)
				}
			}
			inboxes[id.Type] = in
		}
		name := filepath.Base(src.Name)
		if !strings.EqualFold(filepath.Ext(name), ".fit") {
			name += ".fit"
		}
		if strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || strings.ContainsRune(`<>:"\|?*`, r) }) {
			diags.Errorf(pos, "the name %q has characters a watch's FAT drive does not take (<>:\"\\|?* or control characters); rename the file", name)
			continue
		}
		it := Item{Source: src.Name, Type: id.Type, Dest: path.Join(in.rel, name), data: src.Data, id: id, entries: entries}
		key := strings.ToLower(it.Dest)
		if prev := landed[key]; prev != nil {
			if !bytes.Equal(prev.data, src.Data) {
				diags.Errorf(pos, "would land on %s, as %s does; rename one of them", it.Dest, prev.Source)
			}
			continue // the same file given twice: one copy
		}
		if existing, ok := lookupFold(in.abs, name); ok {
			it.Dest = path.Join(in.rel, filepath.Base(existing))
			st, err := os.Lstat(existing)
			switch {
			case err != nil:
				return nil, nil, ioErr(d, err)
			case st.Mode()&fs.ModeSymlink != 0:
				diags.Errorf(pos, "%s on the device is a symbolic link; push follows no links on a device (they can lead outside it): remove it, or rename %s", it.Dest, src.Name)
				continue
			case !st.Mode().IsRegular():
				diags.Errorf(pos, "%s on the device is not a file; remove it or rename %s", it.Dest, src.Name)
				continue
			}
			same, err := sameContent(existing, src.Data)
			if err != nil {
				return nil, nil, ioErr(d, err)
			}
			switch {
			case same:
				it.Action = Present
			case force:
				it.Action = Replace
			default:
				diags.Errorf(pos, "%s on the device is a different file; --force replaces it", it.Dest)
				continue
			}
		} else if found := findSame(in.stores, src.Data); found != "" {
			it.Action, it.Found = Stored, relTo(d.Root, found)
		}
		landed[key] = &it
		p.Items = append(p.Items, it)
	}
	if diags.HasErrors() {
		diags.Sort()
		return nil, diags, nil
	}
	if len(p.Items) == 0 && skipped != nil {
		return nil, nil, skipped
	}
	d.checkCitations(p, &diags)
	diags.Sort()
	return p, diags, nil
}

// checkCitations warns about schedule files citing workouts that are
// neither pushed now nor on the device: the watch would show those days
// without a workout (jpickup/GarminTools#13).
func (d *Device) checkCitations(p *Plan, diags *workouts.Diagnostics) {
	have := map[fitenc.FileIdentity]bool{}
	scanned := false
	for _, it := range p.Items {
		if it.Type == fitenc.FileTypeWorkout {
			have[it.id] = true
		}
	}
	for _, it := range p.Items {
		if it.Type != fitenc.FileTypeSchedules {
			continue
		}
		missing := 0
		for _, e := range it.entries {
			if e.Workout.Type != fitenc.FileTypeWorkout || have[e.Workout] {
				continue
			}
			if !scanned {
				scanned = true
				d.scanWorkouts(have)
				if have[e.Workout] {
					continue
				}
			}
			missing++
		}
		if missing > 0 {
			diags.Warnf(workouts.Pos{File: it.Source}, "%d of its %d sessions cite workouts that are neither among the files pushed nor on the watch; push their workout files too, or the watch shows those days without a workout", missing, len(it.entries))
		}
	}
}

// maxScan bounds how many files scanWorkouts reads.
const maxScan = 5000

// scanWorkouts adds the identities of the workout files on the device
// (its workout inbox and stores) to have.
func (d *Device) scanWorkouts(have map[fitenc.FileIdentity]bool) {
	route, err := d.Manifest.Route(fitenc.FileTypeWorkout)
	if err != nil || !route.Declared {
		return
	}
	n := 0
	for _, rel := range append([]string{route.Inbox}, route.Stores...) {
		dir, _, missing, err := resolveFold(d.Root, rel)
		if err != nil || len(missing) > 0 {
			continue
		}
		for _, p := range fitFiles(dir) {
			if n >= maxScan {
				return
			}
			n++
			if b, err := readLimited(p); err == nil {
				if id, err := fitenc.Identify(b); err == nil && id.Type == fitenc.FileTypeWorkout {
					have[id] = true
				}
			}
		}
	}
}

// undeclared explains that the device does not list FIT type t.
func (d *Device) undeclared(t uint8, file string) error {
	what := "FIT " + fitenc.TypeName(t) + " files"
	if t == fitenc.FileTypeWorkout {
		what = "FIT workouts"
	}
	declares := d.Manifest.declares()
	var b strings.Builder
	fmt.Fprintf(&b, "%s does not take %s: its %s lists no %s data type, so it would ignore %s", d, what, ManifestPath, fitTypeName(t), file)
	if t == fitenc.FileTypeWorkout && slices.ContainsFunc(declares, func(n string) bool { return strings.EqualFold(n, "FitnessWorkouts") }) {
		b.WriteString("\n  it takes workouts as TCX only (FitnessWorkouts): an older model that predates FIT workouts")
	}
	if len(declares) > 0 {
		if len(declares) > 12 {
			declares = append(declares[:12:12], "...")
		}
		fmt.Fprintf(&b, "\n  it lists: %s", strings.Join(declares, ", "))
	}
	return errorf(ErrUnsupported, "%s", b.String())
}

// Apply carries out the plan: it creates the missing folders and copies
// every Copy and Replace item, each to a temporary name in its folder and
// then renamed, so that a file on the device is either whole or absent.
// When a write fails, the files and folders this call created are removed
// again. The error is an ErrIO *Error that says what failed, and how to fix
// a read-only device.
func (p *Plan) Apply() error {
	dir, err := confined.Open(p.Device.Root)
	if err != nil {
		return ioErr(p.Device, err)
	}
	defer dir.Close()
	var made []string
	undo := func() {
		for i := len(made) - 1; i >= 0; i-- {
			dir.Remove(made[i])
		}
	}
	for _, rel := range p.Mkdirs {
		m, err := dir.MkdirAll(rel, 0o755)
		made = append(made, m...)
		if err != nil {
			undo()
			return ioErr(p.Device, err)
		}
	}
	var files []confined.File
	for _, it := range p.Items {
		if it.writes() {
			files = append(files, confined.File{Name: it.Dest, Data: it.data})
		}
	}
	if err := writeFiles(dir, files); err != nil {
		undo()
		return ioErr(p.Device, err)
	}
	return nil
}

// writeFiles writes every file into dir: all temporary copies first, then
// the renames, so that a failed copy leaves every old file as it was. A
// test hook.
var writeFiles = func(dir *confined.Dir, files []confined.File) error {
	return dir.WriteFiles(files, confined.Options{})
}

// decodes reports whether src reads whole with the reader inspect uses
// (a valid header, CRC and file type are not enough), adding why not to
// diags; it returns a schedule's entries.
func decodes(src Source, t uint8, diags *workouts.Diagnostics) ([]fitenc.ScheduledWorkout, bool) {
	pos := workouts.Pos{File: src.Name}
	var entries []fitenc.ScheduledWorkout
	var err error
	if t == fitenc.FileTypeWorkout {
		_, _, err = fitenc.Decode(src.Data)
	} else {
		entries, err = fitenc.DecodeSchedule(src.Data)
	}
	if err == nil {
		return entries, true
	}
	var located workouts.Diagnostics
	if errors.As(err, &located) {
		for _, d := range located.Errors() {
			if d.Pos.File == "" {
				d.Pos.File = src.Name
			}
			diags.Errorf(d.Pos, "%s (inspect refuses this file too; push copies only files that read whole)", d.Msg)
		}
		return nil, false
	}
	diags.Errorf(pos, "%v; inspect refuses this file too; push copies only files that read whole", err)
	return nil, false
}

// Copies returns how many files Apply writes.
func (p *Plan) Copies() int {
	n := 0
	for _, it := range p.Items {
		if it.writes() {
			n++
		}
	}
	return n
}

// writes reports whether Apply writes the item.
func (it *Item) writes() bool { return it.Action == Copy || it.Action == Replace }

// Report writes one line per folder and file to w: what Apply did (done)
// or would do (!done).
func (p *Plan) Report(w io.Writer, done bool) {
	verb := func(did, would string) string {
		if done {
			return did
		}
		return "would " + would
	}
	c := term.Clean
	for _, dir := range p.Mkdirs {
		fmt.Fprintf(w, "%s %s\n", verb("created folder", "create folder"), c(dir))
	}
	for _, it := range p.Items {
		switch it.Action {
		case Copy:
			fmt.Fprintf(w, "%s %s to %s\n", verb("copied", "copy"), c(it.Source), c(it.Dest))
		case Replace:
			fmt.Fprintf(w, "%s %s with %s\n", verb("replaced", "replace"), c(it.Dest), c(it.Source))
		case Present:
			fmt.Fprintf(w, "already there: %s as %s\n", c(it.Source), c(it.Dest))
		case Stored:
			fmt.Fprintf(w, "already on the watch: %s as %s\n", c(it.Source), c(it.Found))
		}
	}
}

// ioErr wraps a failure to read or write the device with what to do about
// it.
func ioErr(d *Device, err error) error {
	msg := term.Clean(err.Error())
	switch {
	case errors.Is(err, syscall.EROFS):
		msg = fmt.Sprintf("%s is mounted read-only (%s); remount it read-write (some watches mount read-only after a file system error: let the watch check its storage, or run fsck on the drive) and push again", d, err)
	case errors.Is(err, fs.ErrPermission):
		msg = fmt.Sprintf("no permission to write to %s (%s); check the mount's owner and options", d, msg)
	case errors.Is(err, confined.ErrSymlink):
		msg = fmt.Sprintf("%s; push follows no links on a device (they can lead outside it)", msg)
	case d.MTP:
		msg = fmt.Sprintf("%s\n  writing through a gvfs MTP mount can fail (MTP has no rename): mount the watch with jmtpfs, or copy the files into GARMIN/NewFiles with the file manager", msg)
	}
	return &Error{Kind: ErrIO, Msg: msg, Err: err}
}

// resolveFold finds the folder rel (forward slashes) under root, matching
// each name without regard to case. It returns the folder's path (the
// existing part as spelled on disk, the rest as rel spells it), the deepest
// folder of it that exists, and the names under that one that do not. A
// part that exists but is not a folder is an ErrIO error.
func resolveFold(root, rel string) (abs, existing string, missing []string, err error) {
	cur := root
	parts := strings.Split(rel, "/")
	for i, part := range parts {
		next, ok := lookupFold(cur, part)
		if !ok {
			missing = parts[i:]
			return filepath.Join(cur, filepath.FromSlash(strings.Join(missing, "/"))), cur, missing, nil
		}
		if isLink(next) {
			return "", "", nil, linkError(root, next)
		}
		if !isDir(next) {
			return "", "", nil, errorf(ErrIO, "%s on %s is not a folder; the watch keeps its files there", relTo(root, next), root)
		}
		cur = next
	}
	return cur, cur, nil, nil
}

func relTo(root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

func sameContent(p string, data []byte) (bool, error) {
	st, err := os.Lstat(p)
	if err != nil {
		return false, err
	}
	if !st.Mode().IsRegular() || st.Size() != int64(len(data)) {
		return false, nil
	}
	b, err := readLimited(p)
	if err != nil {
		return false, err
	}
	return bytes.Equal(b, data), nil
}

// findSame returns a file in dirs with exactly data's bytes, or "".
func findSame(dirs []string, data []byte) string {
	for _, dir := range dirs {
		for _, p := range fitFiles(dir) {
			if same, err := sameContent(p, data); err == nil && same {
				return p
			}
		}
	}
	return ""
}

// fitFiles returns the paths of the regular *.fit files directly in dir,
// in name order; none when dir cannot be read.
func fitFiles(dir string) []string {
	entries, err := os.ReadDir(dir) // sorted by name
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.Type().IsRegular() && strings.EqualFold(filepath.Ext(e.Name()), ".fit") {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}
