package device

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/confined"
	"github.com/workoutc/workoutc/workouts"
)

// secret stands for the device keys a real manifest holds: no output may
// show it.
const secret = "S3CRET-STOREKEY-0123456789"

// manifestFR is shaped like a mass-storage Forerunner's GarminDevice.xml:
// default namespace v2, an extension in another namespace (whose Path must
// be ignored), device keys, workouts kept in GARMIN/WORKOUTS and taken from
// GARMIN/NEWFILES, schedules likewise.
const manifestFR = `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<Device xmlns="http://www.garmin.com/xmlschemas/GarminDevice/v2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Model>
    <PartNumber>006-B3076-00</PartNumber>
    <SoftwareVersion>1250</SoftwareVersion>
    <Description>Forerunner 245</Description>
  </Model>
  <Id>3999999999</Id>
  <Extensions>
    <StoreKey>` + secret + `</StoreKey>
    <Modulus>` + secret + `</Modulus>
    <x:Location xmlns:x="urn:other"><x:Path>../../etc</x:Path></x:Location>
  </Extensions>
  <MassStorageMode>
    <DataType>
      <Name>FIT_TYPE_4</Name>
      <File>
        <Specification><Identifier>FIT_TYPE_4</Identifier></Specification>
        <Location><Path>GARMIN/ACTIVITY</Path><FileExtension>FIT</FileExtension></Location>
        <TransferDirection>OutputFromUnit</TransferDirection>
      </File>
    </DataType>
    <DataType>
      <Name>FIT_TYPE_5</Name>
      <File>
        <Location><Path>GARMIN/WORKOUTS</Path><FileExtension>FIT</FileExtension></Location>
        <TransferDirection>OutputFromUnit</TransferDirection>
      </File>
      <File>
        <Location><Path>GARMIN/NEWFILES</Path><FileExtension>FIT</FileExtension></Location>
        <TransferDirection>InputToUnit</TransferDirection>
      </File>
    </DataType>
    <UpdateFile><PartNumber>006-B3076-00</PartNumber><Version><Major>12</Major><Minor>50</Minor></Version></UpdateFile>
    <DataType>
      <Name>FIT_TYPE_7</Name>
      <File>
        <Location><Path>GARMIN/SCHEDULE</Path><FileExtension>FIT</FileExtension></Location>
        <TransferDirection>OutputFromUnit</TransferDirection>
      </File>
      <File>
        <Location><Path>GARMIN/NEWFILES</Path><FileExtension>FIT</FileExtension></Location>
        <TransferDirection>InputToUnit</TransferDirection>
      </File>
    </DataType>
  </MassStorageMode>
</Device>
`

// manifestEdge305 is an Edge 305's: workouts as TCX only, no FIT types.
const manifestEdge305 = `<?xml version="1.0" encoding="UTF-8"?>
<Device xmlns="http://www.garmin.com/xmlschemas/GarminDevice/v2">
  <Model><PartNumber>006-B0450-00</PartNumber><Description>EDGE305 Software Version 3.20</Description></Model>
  <MassStorageMode>
    <DataType><Name>FitnessHistory</Name><File><Location><FileExtension>TCX</FileExtension></Location><TransferDirection>OutputFromUnit</TransferDirection></File></DataType>
    <DataType><Name>FitnessWorkouts</Name><File><Location><FileExtension>TCX</FileExtension></Location><TransferDirection>InputOutput</TransferDirection></File></DataType>
  </MassStorageMode>
</Device>
`

// manifestPlain has no namespace, workouts InputOutput in GARMIN/Workouts.
const manifestPlain = `<Device><Model><Description>Plain</Description></Model><MassStorageMode>
<DataType><Name>FIT_TYPE_5</Name><File><Location><Path>Garmin\Workouts</Path><FileExtension>fit</FileExtension></Location><TransferDirection>InputOutput</TransferDirection></File></DataType>
</MassStorageMode></Device>`

// manifestNoPath declares workouts without naming a folder.
const manifestNoPath = `<Device xmlns="http://www.garmin.com/xmlschemas/GarminDevice/v2"><MassStorageMode>
<DataType><Name>FIT_TYPE_5</Name><File><Location><FileExtension>FIT</FileExtension></Location><TransferDirection>InputToUnit</TransferDirection></File></DataType>
</MassStorageMode></Device>`

func parse(t testing.TB, s string) *Manifest {
	t.Helper()
	m, err := ParseManifest(strings.NewReader(s))
	if err != nil {
		t.Fatalf("ParseManifest: %v", err)
	}
	return m
}

func TestParseManifest(t *testing.T) {
	m := parse(t, manifestFR)
	if m.Model != "Forerunner 245" {
		t.Errorf("Model = %q", m.Model)
	}
	if got := strings.Join(m.declares(), ","); got != "FIT_TYPE_4,FIT_TYPE_5,FIT_TYPE_7" {
		t.Errorf("declares = %s", got)
	}
	if fmt.Sprintf("%+v", m) == "" || strings.Contains(fmt.Sprintf("%+v", *m), secret) {
		t.Error("the manifest kept the device keys")
	}
	r, err := m.Route(fitenc.FileTypeWorkout)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Declared || r.Inbox != "GARMIN/NEWFILES" || r.Default || strings.Join(r.Stores, ",") != "GARMIN/WORKOUTS" {
		t.Errorf("workouts: %+v", r)
	}
	r, _ = m.Route(fitenc.FileTypeSchedules)
	if !r.Declared || r.Inbox != "GARMIN/NEWFILES" || strings.Join(r.Stores, ",") != "GARMIN/SCHEDULE" {
		t.Errorf("schedules: %+v", r)
	}
	if r, _ := m.Route(6); r.Declared {
		t.Errorf("courses declared: %+v", r)
	}

	// A byte-order mark, as Windows tools write, is fine.
	if m := parse(t, "\ufeff"+manifestFR); m.Model != "Forerunner 245" {
		t.Errorf("with a BOM: %+v", m)
	}

	m = parse(t, manifestEdge305)
	if r, _ := m.Route(fitenc.FileTypeWorkout); r.Declared {
		t.Errorf("the Edge 305 declares FIT workouts: %+v", r)
	}
	m = parse(t, manifestPlain)
	if r, _ := m.Route(fitenc.FileTypeWorkout); r.Inbox != "Garmin/Workouts" || r.Default || len(r.Stores) != 0 {
		t.Errorf("plain: %+v", r)
	}
	m = parse(t, manifestNoPath)
	if r, _ := m.Route(fitenc.FileTypeWorkout); !r.Declared || r.Inbox != DefaultInbox || !r.Default {
		t.Errorf("no path: %+v", r)
	}
}

func TestParseManifestErrors(t *testing.T) {
	for _, tc := range []struct{ name, doc, want string }{
		{"empty", "", "no <Device> element"},
		{"not xml", "GARMIN " + secret, "no <Device> element"},
		{"broken", "<Device><Model>" + secret + "</Device>", "not well-formed XML (line 1)"},
		{"wrong root", "<Gpx>" + secret + "</Gpx>", "root element is <Gpx>, want <Device>"},
		{"two roots", "<Device/><Device/>", "more than one root element"},
		{"charset", `<?xml version="1.0" encoding="ISO-8859-1"?><Device/>`, `encoding "ISO-8859-1" is not supported`},
		{"too large", "<Device>" + strings.Repeat("<Id>"+secret+"</Id>", MaxManifestSize/30) + "</Device>", "larger than 1048576 bytes"},
	} {
		_, err := ParseManifest(strings.NewReader(tc.doc))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), secret) {
			t.Errorf("%s: the error quotes the manifest: %v", tc.name, err)
		}
	}
}

func TestRouteUnsafePaths(t *testing.T) {
	for _, p := range []string{"../outside", "GARMIN/../../x", "/etc", `C:\Garmin`, `\\server\share`, ".", "GARMIN/a:b"} {
		doc := `<Device><MassStorageMode><DataType><Name>FIT_TYPE_5</Name><File><Location><Path>` + p +
			`</Path></Location><TransferDirection>InputToUnit</TransferDirection></File></DataType></MassStorageMode></Device>`
		if r, err := parse(t, doc).Route(5); err == nil {
			t.Errorf("path %q accepted: %+v", p, r)
		}
	}
	doc := `<Device><MassStorageMode><DataType><Name>fit_type_5</Name><File><Location><Path> ./GARMIN//NewFiles/ </Path></Location><TransferDirection>InputToUnit</TransferDirection></File></DataType></MassStorageMode></Device>`
	if r, err := parse(t, doc).Route(5); err != nil || r.Inbox != "GARMIN/NewFiles" {
		t.Errorf("Route = %+v, %v", r, err)
	}
}

// mkdev makes a device folder at root with the manifest doc (none when
// empty) and the extra folders.
func mkdev(t testing.TB, root, doc string, dirs ...string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(root, "GARMIN"), 0o755); err != nil {
		t.Fatal(err)
	}
	if doc != "" {
		if err := os.WriteFile(filepath.Join(root, "GARMIN", "GarminDevice.xml"), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range dirs {
		if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(d)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func wantKind(t *testing.T, err, kind error, msg ...string) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Fatalf("error %v, want kind %v", err, kind)
	}
	for _, m := range msg {
		if !strings.Contains(err.Error(), m) {
			t.Errorf("error lacks %q:\n%v", m, err)
		}
	}
	if strings.Contains(err.Error(), secret) {
		t.Errorf("error shows the device keys:\n%v", err)
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	root := mkdev(t, filepath.Join(dir, "FR245"), manifestFR)
	for _, p := range []string{root, filepath.Join(root, "GARMIN"), root + "/"} {
		d, err := Open(p)
		if err != nil || d.Root != root || d.Manifest.Model != "Forerunner 245" || d.MTP {
			t.Errorf("Open(%s) = %+v, %v", p, d, err)
		}
	}
	// Lower-case names, as a FAT drive may show them.
	lower := filepath.Join(dir, "lower")
	if err := os.MkdirAll(filepath.Join(lower, "garmin"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(lower, "garmin", "garmindevice.xml"), []byte(manifestPlain), 0o644)
	if d, err := Open(lower); err != nil || d.Manifest.Model != "Plain" {
		t.Errorf("Open(lower) = %+v, %v", d, err)
	}
	// An MTP-style folder with one storage holding the device.
	mtp := filepath.Join(dir, "mtp")
	mkdev(t, filepath.Join(mtp, "Internal Storage"), manifestFR)
	if d, err := Open(mtp); err != nil || d.Root != filepath.Join(mtp, "Internal Storage") {
		t.Errorf("Open(mtp) = %+v, %v", d, err)
	}

	notDev := filepath.Join(dir, "stick")
	os.MkdirAll(filepath.Join(notDev, "DCIM"), 0o755)
	_, err := Open(notDev)
	wantKind(t, err, ErrNotDevice, notDev+" is not a Garmin device: it has no GARMIN/GarminDevice.xml", "GARMIN/NewFiles/")
	bare := mkdev(t, filepath.Join(dir, "bare"), "")
	_, err = Open(bare)
	wantKind(t, err, ErrNotDevice, "it has a GARMIN folder but no GARMIN/GarminDevice.xml")
	file := filepath.Join(dir, "file.fit")
	os.WriteFile(file, []byte("x"), 0o644)
	_, err = Open(file)
	wantKind(t, err, ErrNotDevice, "is a file, not a Garmin device")
	_, err = Open(filepath.Join(dir, "unplugged"))
	wantKind(t, err, ErrNoDevice, "unplugged: no such folder; is the watch connected and mounted?")
	broken := mkdev(t, filepath.Join(dir, "broken"), "<Device><Id>"+secret)
	_, err = Open(broken)
	wantKind(t, err, ErrIO, "GARMIN/GarminDevice.xml is not a device description: not well-formed XML")
	two := filepath.Join(dir, "two")
	mkdev(t, filepath.Join(two, "a"), manifestFR)
	mkdev(t, filepath.Join(two, "b"), manifestPlain)
	_, err = Open(two)
	wantKind(t, err, ErrAmbiguous, "2 Garmin devices found")
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	media := filepath.Join(dir, "media", "sam")
	a := mkdev(t, filepath.Join(media, "GARMIN"), manifestFR)
	os.MkdirAll(filepath.Join(media, "USBSTICK", "DCIM"), 0o755)
	os.WriteFile(filepath.Join(media, "notes.txt"), nil, 0o644)
	pat := filepath.Join(dir, "media", "*", "*")

	d, err := Find([]string{pat, filepath.Join(dir, "nothing", "*")}, nil)
	if err != nil || d.Root != a {
		t.Fatalf("Find = %+v, %v", d, err)
	}
	// The same folder through two patterns is one device.
	if d, err := Find([]string{pat, a}, nil); err != nil || d.Root != a {
		t.Errorf("Find twice = %+v, %v", d, err)
	}
	b := mkdev(t, filepath.Join(dir, "Volumes", "EDGE"), manifestPlain)
	_, err = Find([]string{pat, filepath.Join(dir, "Volumes", "*")}, nil)
	wantKind(t, err, ErrAmbiguous, "2 Garmin devices found; name one with --device PATH:\n  "+a+" (Forerunner 245)\n  "+b+" (Plain)")

	_, err = Find([]string{filepath.Join(dir, "none", "*")}, nil)
	wantKind(t, err, ErrNoDevice, "no Garmin watch found: looked for GARMIN/GarminDevice.xml in "+filepath.Join(dir, "none", "*"),
		"jmtpfs ~/watch", "macOS", "Windows", "--device PATH", "set WORKOUTC_MOUNT_ROOTS to glob patterns")

	// gvfs MTP: a mount without a manifest is explained; one with a
	// manifest in a storage folder is found.
	gvfs := filepath.Join(dir, "run", "user", "1000", "gvfs")
	os.MkdirAll(filepath.Join(gvfs, "mtp:host=091e_4b48_0000c0ffee00", "Primary", "GARMIN", "NewFiles"), 0o755)
	mtpPat := filepath.Join(dir, "run", "user", "*", "gvfs", "mtp:*")
	_, err = Find([]string{mtpPat}, nil)
	wantKind(t, err, ErrNoDevice, "found an MTP watch at "+filepath.Join(gvfs, "mtp:host=091e_4b48_0000c0ffee00")+", but it shows no GARMIN/GarminDevice.xml",
		"gio copy FILE.fit 'mtp://091e_4b48_0000c0ffee00/<storage>/GARMIN/NewFiles/'", "jmtpfs")
	mkdev(t, filepath.Join(gvfs, "mtp:host=091e_4b48_0000c0ffee00", "Primary"), manifestFR)
	d, err = Find([]string{mtpPat}, nil)
	if err != nil || !d.MTP || d.Root != filepath.Join(gvfs, "mtp:host=091e_4b48_0000c0ffee00", "Primary") {
		t.Errorf("Find(mtp) = %+v, %v", d, err)
	}
	_, err = Find([]string{"[bad"}, nil)
	wantKind(t, err, ErrNoDevice, `bad mount pattern "[bad"`)
}

func TestRoots(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	if got := Roots(getenv); len(got) == 0 || fmt.Sprint(got) != fmt.Sprint(defaultRoots()) {
		t.Errorf("Roots without %s = %v", RootsEnv, got)
	}
	env[RootsEnv] = " /a/* " + string(os.PathListSeparator) + string(os.PathListSeparator) + "/b"
	if got := fmt.Sprint(Roots(getenv)); got != "[/a/* /b]" {
		t.Errorf("Roots = %s", got)
	}
}

var created = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// workoutFile encodes a one-step workout named name.
func workoutFile(t testing.TB, name string) []byte {
	t.Helper()
	w := &workouts.Workout{Name: name, Sport: workouts.SportRunning, Steps: []workouts.Step{{
		Kind: workouts.KindRun, Intensity: workouts.IntensityActive,
		Duration: workouts.Duration{Kind: workouts.DurationTime, Seconds: 600}}}}
	b, _, err := fitenc.Encode(w, encode.Options{Time: created})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func scheduleFile(t testing.TB, workout []byte) []byte {
	t.Helper()
	id, err := fitenc.Identify(workout)
	if err != nil {
		t.Fatal(err)
	}
	b, err := fitenc.EncodeSchedule([]fitenc.ScheduledWorkout{{Workout: id, Date: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)}}, encode.Options{Time: created})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// activityFile is a FIT file of type activity (just a file_id).
func activityFile(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	err := encoder.New(&buf).Encode(&proto.FIT{Messages: []proto.Message{
		mesgdef.NewFileId(nil).SetType(typedef.FileActivity).SetManufacturer(typedef.ManufacturerGarmin).
			SetSerialNumber(1).SetTimeCreated(created).ToMesg(nil)}})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func report(p *Plan, done bool) string {
	var b strings.Builder
	p.Report(&b, done)
	return b.String()
}

func TestPlanAndApply(t *testing.T) {
	root := mkdev(t, t.TempDir(), manifestFR, "GARMIN/Workouts", "Garmin/Schedule")
	d, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	easy, tempo := workoutFile(t, "Easy"), workoutFile(t, "Tempo")
	sched := scheduleFile(t, easy)
	// Tempo was imported by the watch already (it sits in its store).
	os.WriteFile(filepath.Join(root, "GARMIN", "Workouts", "B1234567.FIT"), tempo, 0o644)
	srcs := []Source{{"out/easy.fit", easy}, {"out/tempo.fit", tempo}, {"out/schedule.fit", sched}, {"again/easy.fit", easy}, {"noext", easy}}
	p, diags, err := d.Plan(srcs, false)
	if err != nil || diags.HasErrors() {
		t.Fatalf("Plan: %v %v", err, diags)
	}
	want := `would create folder GARMIN/NEWFILES
would copy out/easy.fit to GARMIN/NEWFILES/easy.fit
already on the watch: out/tempo.fit as GARMIN/Workouts/B1234567.FIT
would copy out/schedule.fit to GARMIN/NEWFILES/schedule.fit
would copy noext to GARMIN/NEWFILES/noext.fit
`
	if got := report(p, false); got != want {
		t.Errorf("dry run:\n%s\nwant:\n%s", got, want)
	}
	if _, err := os.Stat(filepath.Join(root, "GARMIN", "NEWFILES")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal("Plan created the inbox")
	}
	if err := p.Apply(); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"easy.fit": easy, "schedule.fit": sched, "noext.fit": easy} {
		got, err := os.ReadFile(filepath.Join(root, "GARMIN", "NEWFILES", name))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s on the device: %v, identical %v", name, err, bytes.Equal(got, data))
		}
	}
	entries, _ := os.ReadDir(filepath.Join(root, "GARMIN", "NEWFILES"))
	if len(entries) != 3 {
		t.Errorf("%d files in the inbox, want 3 (no temporary files left)", len(entries))
	}
	// Again: everything is there.
	p, diags, err = d.Plan(srcs, false)
	if err != nil || diags.HasErrors() || p.Copies() != 0 || len(p.Mkdirs) != 0 {
		t.Fatalf("second Plan: %v %v %+v", err, diags, p)
	}
	if got := report(p, true); !strings.Contains(got, "already there: out/easy.fit as GARMIN/NEWFILES/easy.fit\n") {
		t.Errorf("second push:\n%s", got)
	}
	// A different file of the same name: refused, then replaced with force.
	srcs = []Source{{"new/easy.fit", tempo}}
	_, diags, err = d.Plan(srcs, false)
	if err != nil || diags.Error() != "new/easy.fit: GARMIN/NEWFILES/easy.fit on the device is a different file; --force replaces it" {
		t.Errorf("conflict: %v, %v", err, diags)
	}
	p, _, _ = d.Plan(srcs, true)
	if got := report(p, true); got != "replaced GARMIN/NEWFILES/easy.fit with new/easy.fit\n" {
		t.Errorf("force:\n%s", got)
	}
	if err := p.Apply(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(root, "GARMIN", "NEWFILES", "easy.fit")); !bytes.Equal(got, tempo) {
		t.Error("--force did not replace the file")
	}
}

func TestPlanRefusals(t *testing.T) {
	root := mkdev(t, t.TempDir(), manifestFR)
	d, _ := Open(root)
	easy := workoutFile(t, "Easy")
	damaged := bytes.Clone(easy)
	damaged[20] ^= 0xff
	_, diags, err := d.Plan([]Source{
		{"a/easy.fit", easy}, {"b/easy.fit", workoutFile(t, "Other")},
		{"ride.fit", activityFile(t)}, {"notes.fit", []byte("name: Easy\n")}, {"damaged.fit", damaged},
	}, false)
	if err != nil {
		t.Fatal(err)
	}
	want := `b/easy.fit: would land on GARMIN/NEWFILES/easy.fit, as a/easy.fit does; rename one of them
damaged.fit: damaged FIT file: byte pos: 454: decoder: file header's crc checksum mismatch; push copies FIT workout and schedule files
notes.fit: not a FIT file (no .FIT signature in the header); push copies FIT workout and schedule files
ride.fit: a FIT activity file, not a workout or schedule; push copies FIT workout (type 5) and schedules (type 7) files`
	if got := diags.Error(); !strings.Contains(got, "ride.fit: a FIT activity file") || !strings.Contains(got, "notes.fit: not a FIT file") ||
		!strings.Contains(got, "b/easy.fit: would land on GARMIN/NEWFILES/easy.fit, as a/easy.fit does") || !strings.Contains(got, "damaged.fit: damaged FIT file") {
		t.Errorf("diagnostics:\n%s\nwant like:\n%s", got, want)
	}
	_, diags, _ = d.Plan([]Source{{"run: easy?.fit", easy}}, false)
	if got := diags.Error(); got != `run: easy?.fit: the name "run: easy?.fit" has characters a watch's FAT drive does not take (<>:"\|?* or control characters); rename the file` {
		t.Errorf("FAT name: %s", got)
	}
	// A device without FIT workouts.
	old := mkdev(t, t.TempDir(), manifestEdge305)
	d, _ = Open(old)
	_, _, err = d.Plan([]Source{{"easy.fit", easy}}, false)
	wantKind(t, err, ErrUnsupported, "(EDGE305 Software Version 3.20) does not take FIT workouts: its GARMIN/GarminDevice.xml lists no FIT_TYPE_5 data type, so it would ignore easy.fit",
		"it takes workouts as TCX only (FitnessWorkouts)", "it lists: FitnessHistory, FitnessWorkouts")
	// Workouts but no schedules: the schedule is left out with a warning,
	// or refused when it is all there is.
	d, _ = Open(mkdev(t, t.TempDir(), manifestPlain))
	p, diags, err := d.Plan([]Source{{"easy.fit", easy}, {"schedule.fit", scheduleFile(t, easy)}}, false)
	if err != nil || len(p.Items) != 1 || diags.Error() != "schedule.fit: warning: left out: the device lists no FIT_TYPE_7 (schedules) in GARMIN/GarminDevice.xml, so it would ignore this file; its calendar stays as it is" {
		t.Errorf("schedule on a device without schedules: %v, %v", err, diags)
	}
	_, _, err = d.Plan([]Source{{"schedule.fit", scheduleFile(t, easy)}}, false)
	wantKind(t, err, ErrUnsupported, "does not take FIT schedules files: its GARMIN/GarminDevice.xml lists no FIT_TYPE_7 data type")
	// The inbox is a file.
	root = mkdev(t, t.TempDir(), manifestFR)
	os.WriteFile(filepath.Join(root, "GARMIN", "NEWFILES"), nil, 0o644)
	d, _ = Open(root)
	_, _, err = d.Plan([]Source{{"easy.fit", easy}}, false)
	wantKind(t, err, ErrIO, "GARMIN/NEWFILES on "+root+" is not a folder")
}

// TestApplyReadOnly: a write the file system refuses (injected EROFS)
// fails with ErrIO and what to do, and leaves nothing behind: neither the
// folder Apply made nor the files it copied before the failure.
func TestApplyReadOnly(t *testing.T) {
	root := mkdev(t, t.TempDir(), manifestFR)
	d, _ := Open(root)
	p, _, err := d.Plan([]Source{{"a.fit", workoutFile(t, "A")}, {"b.fit", workoutFile(t, "B")}}, false)
	if err != nil {
		t.Fatal(err)
	}
	defer func(w func(*confined.Dir, []confined.File) error) { writeFiles = w }(writeFiles)
	writeFiles = func(dir *confined.Dir, files []confined.File) error {
		if err := dir.WriteFiles(files[:1], confined.Options{}); err != nil {
			return err
		}
		dir.Remove(files[0].Name) // what an undo does on a later failure
		return fmt.Errorf("writing %s: %w", files[1].Name, &fs.PathError{Op: "open", Path: files[1].Name, Err: syscall.EROFS})
	}
	err = p.Apply()
	wantKind(t, err, ErrIO, root+" (Forerunner 245) is mounted read-only", "remount it read-write")
	if !errors.Is(err, syscall.EROFS) {
		t.Error("the error does not wrap EROFS")
	}
	if _, err := os.Stat(filepath.Join(root, "GARMIN", "NEWFILES")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("the folder Apply created is still there")
	}
	writeFiles = func(*confined.Dir, []confined.File) error {
		return &fs.PathError{Op: "open", Path: "x", Err: fs.ErrPermission}
	}
	wantKind(t, p.Apply(), ErrIO, "no permission to write to "+root)
}

// TestApplyReallyReadOnly writes to a folder the OS refuses writes to:
// chmod for a normal user; a read-only tmpfs for root (chmod does not stop
// root), when the test may mount one.
func TestApplyReallyReadOnly(t *testing.T) {
	root := mkdev(t, t.TempDir(), manifestFR, "GARMIN/NEWFILES")
	inbox := filepath.Join(root, "GARMIN", "NEWFILES")
	if os.Geteuid() != 0 {
		if err := os.Chmod(inbox, 0o555); err != nil {
			t.Skip(err)
		}
		t.Cleanup(func() { os.Chmod(inbox, 0o755) })
	} else if err := mountReadOnly(t, inbox); err != nil {
		t.Skipf("running as root, where chmod does not stop writes, and cannot mount a read-only tmpfs (%v); TestApplyReadOnly covers the error path", err)
	}
	d, _ := Open(root)
	p, _, err := d.Plan([]Source{{"a.fit", workoutFile(t, "A")}}, false)
	if err != nil {
		t.Fatal(err)
	}
	err = p.Apply()
	if !errors.Is(err, ErrIO) || !(strings.Contains(err.Error(), "mounted read-only") || strings.Contains(err.Error(), "no permission to write")) {
		t.Fatalf("Apply on a read-only folder: %v", err)
	}
	if entries, _ := os.ReadDir(inbox); len(entries) != 0 {
		t.Errorf("files left in the read-only inbox: %v", entries)
	}
}

// TestScheduleCitations: a schedule whose workouts are neither pushed
// with it nor on the watch gets a warning (the watch would show empty
// days); pushed along or already on the watch, none.
func TestScheduleCitations(t *testing.T) {
	root := mkdev(t, t.TempDir(), manifestFR, "GARMIN/WORKOUTS")
	d, _ := Open(root)
	easy, tempo := workoutFile(t, "Easy"), workoutFile(t, "Tempo")
	ide, _ := fitenc.Identify(easy)
	idt, _ := fitenc.Identify(tempo)
	sched, err := fitenc.EncodeSchedule([]fitenc.ScheduledWorkout{
		{Workout: ide, Date: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)},
		{Workout: idt, Date: time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC)},
		{Workout: idt, Date: time.Date(2027, 1, 6, 0, 0, 0, 0, time.UTC)},
	}, encode.Options{Time: created})
	if err != nil {
		t.Fatal(err)
	}
	_, diags, err := d.Plan([]Source{{"schedule.fit", sched}}, false)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	if got := diags.Error(); got != "schedule.fit: warning: 3 of its 3 sessions cite workouts that are neither among the files pushed nor on the watch; push their workout files too, or the watch shows those days without a workout" {
		t.Errorf("schedule alone: %q", got)
	}
	_, diags, _ = d.Plan([]Source{{"schedule.fit", sched}, {"easy.fit", easy}}, false)
	if got := diags.Error(); !strings.Contains(got, "2 of its 3 sessions") {
		t.Errorf("schedule with easy: %q", got)
	}
	os.WriteFile(filepath.Join(root, "GARMIN", "WORKOUTS", "T.FIT"), tempo, 0o644)
	if _, diags, _ = d.Plan([]Source{{"schedule.fit", sched}, {"easy.fit", easy}}, false); len(diags) != 0 {
		t.Errorf("schedule with easy, tempo on the watch: %v", diags)
	}
}

func TestReadSources(t *testing.T) {
	dir := t.TempDir()
	easy := workoutFile(t, "Easy")
	os.MkdirAll(filepath.Join(dir, "out", "sub"), 0o755)
	os.MkdirAll(filepath.Join(dir, "empty"), 0o755)
	for _, n := range []string{"b.fit", "a.FIT", "a.fit.txt", "sub/c.fit"} {
		os.WriteFile(filepath.Join(dir, "out", n), easy, 0o644)
	}
	big := filepath.Join(dir, "big.fit")
	os.WriteFile(big, make([]byte, MaxFileSize+1), 0o644)
	srcs, diags, err := ReadSources([]string{filepath.Join(dir, "out"), filepath.Join(dir, "out", "b.fit"), filepath.Join(dir, "empty"), big})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range srcs {
		names = append(names, filepath.Base(s.Name))
	}
	if fmt.Sprint(names) != "[a.FIT b.fit]" {
		t.Errorf("sources %v, want the .fit files of out once each", names)
	}
	if got := diags.Error(); !strings.Contains(got, "empty: no .fit files in this folder") || !strings.Contains(got, "big.fit: file is 4194305 bytes (4.0 MB); a workout or schedule file is at most 4194304 bytes (4 MB)") {
		t.Errorf("diagnostics: %s", got)
	}
	if _, _, err := ReadSources([]string{filepath.Join(dir, "missing.fit")}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

// FuzzParseManifest: no input panics, errors never quote the input, and a
// route is always a clean path inside the device.
func FuzzParseManifest(f *testing.F) {
	seeds := []string{manifestFR, manifestEdge305, manifestPlain, manifestNoPath, "<Device/>", ""}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseManifest(bytes.NewReader(data))
		if err != nil {
			if len(err.Error()) > 300 {
				t.Fatalf("long error: %v", err)
			}
			return
		}
		for _, ft := range []uint8{5, 7} {
			r, err := m.Route(ft)
			if err != nil {
				continue
			}
			if r.Inbox == "" || strings.HasPrefix(r.Inbox, "/") || strings.HasPrefix(r.Inbox, "..") || strings.Contains(r.Inbox, "/../") ||
				strings.Contains(r.Inbox, `\`) || filepath.IsAbs(r.Inbox) {
				t.Fatalf("route %q is not inside the device", r.Inbox)
			}
		}
	})
}

func BenchmarkParseManifest(b *testing.B) {
	b.SetBytes(int64(len(manifestFR)))
	for b.Loop() {
		if _, err := ParseManifest(strings.NewReader(manifestFR)); err != nil {
			b.Fatal(err)
		}
	}
}
