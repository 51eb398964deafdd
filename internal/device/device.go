// Package device finds a Garmin watch mounted as a folder (USB mass
// storage, or an MTP mount that shows the watch's files) and copies FIT
// workout and schedule files onto it, where the watch takes them in.
//
// A device folder is the root of the watch's drive. It holds
// GARMIN/GarminDevice.xml, the watch's own description of what it takes
// and where: Device/MassStorageMode/DataType entries named FIT_TYPE_N
// (N the FIT file type: 5 workouts, 7 schedules), each with File entries
// giving Location/Path, Location/FileExtension and TransferDirection
// (InputToUnit, OutputFromUnit, InputOutput). New files go to the type's
// InputToUnit folder (GARMIN/NEWFILES on the watches seen so far),
// GARMIN/NewFiles when the type names none; the watch imports them when
// it is disconnected. The manifest can hold device keys: this package reads
// the few elements it needs and never prints or keeps the rest.
//
// Copies are atomic (a temporary name in the destination folder, then a
// rename), byte-identical and idempotent: a file already there with the
// same bytes is not copied again, and one with the same name but other
// bytes is replaced only when asked to.
package device

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/workoutc/workoutc/internal/input"
	"github.com/workoutc/workoutc/internal/term"
)

// The kinds of errors Open, Find and Plan return; test with errors.Is.
var (
	// ErrNotDevice: the folder given is not a Garmin device (the input is
	// wrong).
	ErrNotDevice = errors.New("not a Garmin device")
	// ErrNoDevice: no device is mounted where one was looked for (the
	// environment).
	ErrNoDevice = errors.New("no Garmin device found")
	// ErrAmbiguous: more than one device was found; the user must name one.
	ErrAmbiguous = errors.New("more than one Garmin device found")
	// ErrUnsupported: the device does not declare the files' type.
	ErrUnsupported = errors.New("the device does not take these files")
	// ErrIO: reading or writing the device failed.
	ErrIO = errors.New("device I/O failed")
)

// Error is an error of one of the kinds above, with a message for the user
// (several lines when it explains what to do).
type Error struct {
	Kind error
	Msg  string
	Err  error // the underlying error, if any
}

// Error returns the message for the user.
func (e *Error) Error() string { return e.Msg }

// Unwrap returns the kind and the underlying error.
func (e *Error) Unwrap() []error {
	if e.Err != nil {
		return []error{e.Kind, e.Err}
	}
	return []error{e.Kind}
}

// errorf formats a message; string arguments (paths, names from the
// device) have their control characters escaped, so that a path holding a
// newline or an escape sequence prints as one plain line.
// A message built beforehand (format "%s") keeps its own line breaks, and
// so does a text of ours.
func errorf(kind error, format string, args ...any) *Error {
	for i, a := range args {
		if s, ok := a.(string); ok {
			if format == "%s" {
				args[i] = term.CleanLines(s)
			} else {
				args[i] = term.Clean(s)
			}
		}
	}
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// Device is a mounted Garmin watch.
type Device struct {
	// Root is the folder the watch's drive is mounted on; it holds GARMIN.
	Root string
	// Manifest is what GARMIN/GarminDevice.xml says.
	Manifest *Manifest
	// MTP is true when Root is inside a gvfs MTP mount.
	MTP bool
}

// String names the device for messages: "ROOT (MODEL)".
func (d *Device) String() string {
	if d.Manifest != nil && d.Manifest.Model != "" {
		return term.Clean(d.Root) + " (" + clip(d.Manifest.Model) + ")"
	}
	return term.Clean(d.Root)
}

// text is a message text of ours (several lines), passed to errorf as it
// is.
type text string

// ManifestPath is where a device keeps its description, relative to Root.
const ManifestPath = "GARMIN/GarminDevice.xml"

const layout text = `a device folder is the root of the watch's drive, for example:
  /media/you/GARMIN/
    GARMIN/GarminDevice.xml   what the watch takes, and where
    GARMIN/NewFiles/          where new workouts go`

// Open returns the device mounted at path: the root of the watch's drive,
// its GARMIN folder, or a folder holding one storage of an MTP mount
// ("Primary", "Internal Storage"). It refuses, with ErrNotDevice, a folder
// that is none of these.
func Open(path string) (*Device, error) {
	path = filepath.Clean(path)
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errorf(ErrNoDevice, "%s: no such folder; is the watch connected and mounted?", path)
	}
	if err != nil {
		return nil, &Error{Kind: ErrIO, Msg: err.Error(), Err: err}
	}
	if !st.IsDir() {
		return nil, errorf(ErrNotDevice, "%s is a file, not a Garmin device; %s", path, layout)
	}
	dev, garminOnly, err := probe(path)
	if dev != nil || err != nil {
		return dev, err
	}
	if strings.EqualFold(filepath.Base(path), "GARMIN") {
		if dev, _, err := probe(filepath.Dir(path)); dev != nil || err != nil {
			return dev, err
		}
	}
	// An MTP mount shows one folder per storage.
	var found []*Device
	var bad error
	if entries, err := os.ReadDir(path); err == nil && len(entries) <= 16 {
		found = probeStorages(path, entries, func(err error) { bad = cmp.Or(bad, err) })
	}
	if bad != nil {
		return nil, bad
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
	default:
		return nil, ambiguous(found)
	}
	if garminOnly {
		return nil, errorf(ErrNotDevice, "%s is not a Garmin device: it has a GARMIN folder but no %s; %s", path, ManifestPath, layout)
	}
	return nil, errorf(ErrNotDevice, "%s is not a Garmin device: it has no %s; %s", path, ManifestPath, layout)
}

// probe returns the device at root, or nil when root holds no
// GARMIN/GarminDevice.xml (garminOnly tells whether it holds a GARMIN
// folder at all). An error means a manifest that cannot be read.
func probe(root string) (dev *Device, garminOnly bool, err error) {
	garmin, ok := lookupFold(root, "GARMIN")
	if !ok {
		return nil, false, nil
	}
	if isLink(garmin) {
		return nil, false, linkError(root, garmin)
	}
	if !isDir(garmin) {
		return nil, false, nil
	}
	xmlPath, ok := lookupFold(garmin, "GarminDevice.xml")
	if !ok {
		return nil, true, nil
	}
	if isLink(xmlPath) {
		return nil, false, linkError(root, xmlPath)
	}
	// A regular file of at most MaxManifestSize bytes: a FIFO or a device
	// in its place is refused at once, never read.
	f, _, err := input.Open(xmlPath, MaxManifestSize, "device description")
	if err != nil {
		if errors.Is(err, input.ErrNotRegular) {
			return nil, true, nil
		}
		var msg string
		if errors.Is(err, input.ErrTooLarge) {
			msg = fmt.Sprintf("larger than %d bytes", MaxManifestSize)
		} else {
			msg = "cannot read it: " + err.Error()
		}
		return nil, false, &Error{Kind: ErrIO, Msg: fmt.Sprintf("%s: %s is not a device description: %s", term.Clean(root), ManifestPath, msg), Err: err}
	}
	defer f.Close()
	m, err := ParseManifest(f)
	if err != nil {
		return nil, false, &Error{Kind: ErrIO, Msg: fmt.Sprintf("%s: %s is not a device description: %v", term.Clean(root), ManifestPath, err), Err: err}
	}
	return &Device{Root: root, Manifest: m, MTP: isMTP(root)}, false, nil
}

// defaultRoots are the patterns (filepath.Glob) where Find looks for a
// mounted watch: udisks on Linux (/media/USER/LABEL, /media/LABEL,
// /run/media/USER/LABEL), macOS (/Volumes/LABEL), gvfs MTP mounts
// (/run/user/UID/gvfs/mtp:host=...; their storages are looked into), and
// drive letters on Windows.
func defaultRoots() []string {
	if runtime.GOOS == "windows" {
		var roots []string
		for c := 'D'; c <= 'Z'; c++ {
			roots = append(roots, string(c)+`:\`)
		}
		return roots
	}
	return []string{"/media/*/*", "/media/*", "/run/media/*/*", "/Volumes/*", "/run/user/*/gvfs/mtp:*"}
}

// RootsEnv names the environment variable that replaces defaultRoots: a
// list of glob patterns separated by the OS's path list separator (":" on
// Linux and macOS). For watches mounted elsewhere, and for tests.
const RootsEnv = "WORKOUTC_MOUNT_ROOTS"

// Roots returns the patterns RootsEnv gives, or defaultRoots when it is
// unset or empty. getenv is os.Getenv in production.
func Roots(getenv func(string) string) []string {
	v := strings.TrimSpace(getenv(RootsEnv))
	if v == "" {
		return defaultRoots()
	}
	var out []string
	for _, p := range filepath.SplitList(v) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Find looks for a mounted watch in the folders the patterns match and
// returns it when there is exactly one. With none it returns ErrNoDevice
// with what to do (how to mount an MTP watch); with several, ErrAmbiguous
// listing them. A drive whose description cannot be used (too large, not
// XML, a link) is skipped: warn, when not nil, is told why, and the other
// drives are looked at all the same. Each drive costs at most one read of
// MaxManifestSize bytes and a parse linear in it. It never writes.
func Find(patterns []string, warn func(msg string)) (*Device, error) {
	skip := func(err error) {
		if warn != nil {
			warn("skipped: " + err.Error())
		}
	}
	var found []*Device
	var mtpBare []string // MTP mounts that show no manifest
	add := func(d *Device) {
		if !slices.ContainsFunc(found, func(f *Device) bool { return f.Root == d.Root || sameDir(f.Root, d.Root) }) {
			found = append(found, d)
		}
	}
	for _, pat := range patterns {
		matches, err := filepath.Glob(pat)
		if err != nil {
			return nil, errorf(ErrNoDevice, "bad mount pattern %q in %s: %v", pat, RootsEnv, err)
		}
		slices.Sort(matches)
		for _, m := range matches {
			if !isDir(m) {
				continue
			}
			dev, _, err := probe(m)
			if err != nil {
				skip(err)
				continue
			}
			if dev != nil {
				add(dev)
				continue
			}
			if !isMTP(m) {
				continue
			}
			n := len(found)
			if entries, err := os.ReadDir(m); err == nil {
				for _, dev := range probeStorages(m, entries, skip) {
					add(dev)
				}
			}
			if len(found) == n && strings.HasPrefix(filepath.Base(m), "mtp:") {
				mtpBare = append(mtpBare, m)
			}
		}
	}
	switch {
	case len(found) == 1:
		return found[0], nil
	case len(found) > 1:
		return nil, ambiguous(found)
	case len(mtpBare) > 0:
		return nil, mtpError(mtpBare)
	}
	return nil, errorf(ErrNoDevice, `no Garmin watch found: looked for %s in %s
  - connect the watch by USB and unlock it; a watch that works as a USB drive mounts as a drive named GARMIN
  - most recent watches speak MTP instead of mounting as a drive:
    Linux: open the watch in the file manager (gvfs mounts it under /run/user/UID/gvfs/) and run push again,
           or mount it with "jmtpfs ~/watch" and run "workoutc push --device ~/watch ..."
    macOS: MTP watches do not mount; copy the files into GARMIN/NewFiles with OpenMTP or Android File Transfer
    Windows: the watch shows in Explorer; copy the files into its GARMIN\NewFiles folder
  - a watch mounted somewhere else: name its folder with --device PATH,
    or set %s to glob patterns of where to look (separated like PATH)`,
		ManifestPath, strings.Join(patterns, ", "), RootsEnv)
}

// probeStorages returns the devices in the folders entries of dir (the
// storages of an MTP mount), telling bad of those it cannot read.
func probeStorages(dir string, entries []os.DirEntry, bad func(error)) []*Device {
	var found []*Device
	for _, e := range entries {
		sub := filepath.Join(dir, e.Name())
		if !isDir(sub) {
			continue
		}
		dev, _, err := probe(sub)
		if err != nil {
			bad(err)
		} else if dev != nil {
			found = append(found, dev)
		}
	}
	return found
}

// mtpError explains MTP mounts that show no GarminDevice.xml.
func mtpError(mounts []string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "found an MTP watch at %s, but it shows no %s, so where workouts go is unknown", term.Clean(mounts[0]), ManifestPath)
	if len(mounts) > 1 {
		fmt.Fprintf(&b, " (and %d more MTP mounts)", len(mounts)-1)
	}
	uri := "mtp://" + term.Clean(strings.TrimPrefix(strings.TrimPrefix(filepath.Base(mounts[0]), "mtp:"), "host=")) + "/"
	fmt.Fprintf(&b, `
  - gvfs may still be listing the watch: open it in the file manager, wait, and run push again
  - or mount it with "jmtpfs ~/watch" and run "workoutc push --device ~/watch ..."
  - or copy by hand into the watch's GARMIN/NewFiles folder: gio copy FILE.fit '%s<storage>/GARMIN/NewFiles/'`, uri)
	return errorf(ErrNoDevice, "%s", b.String())
}

func ambiguous(devs []*Device) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d Garmin devices found; name one with --device PATH:", len(devs))
	for _, d := range devs {
		b.WriteString("\n  ")
		b.WriteString(d.String())
	}
	return errorf(ErrAmbiguous, "%s", b.String())
}

func isMTP(p string) bool {
	return strings.Contains(filepath.ToSlash(p), "/gvfs/mtp:")
}

// linkError refuses the link p on the device at root.
func linkError(root, p string) error {
	return errorf(ErrIO, "%s on %s is a symbolic link; push follows no links on a device (they can lead outside it)", relTo(root, p), root)
}

// isLink reports whether p is a symbolic link (or, on Windows, another
// reparse point Lstat reports as irregular and not a folder).
func isLink(p string) bool {
	st, err := os.Lstat(p)
	return err == nil && st.Mode()&fs.ModeSymlink != 0
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func sameDir(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// lookupFold returns dir/name, matching name without regard to case as FAT
// and exFAT do (a watch may spell it GARMIN, Garmin or garmin), and
// whether it exists.
func lookupFold(dir, name string) (string, bool) {
	p := filepath.Join(dir, name)
	if _, err := os.Lstat(p); err == nil {
		return p, true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return p, false
	}
	for _, e := range entries {
		if strings.EqualFold(e.Name(), name) {
			return filepath.Join(dir, e.Name()), true
		}
	}
	return p, false
}
