package device

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"
)

// manifestAt is a description whose workouts go to folder.
func manifestAt(folder string) string {
	return `<Device xmlns="http://www.garmin.com/xmlschemas/GarminDevice/v2"><Model><Description>Evil</Description></Model><MassStorageMode>
<DataType><Name>FIT_TYPE_5</Name><File><Location><Path>` + folder + `</Path><FileExtension>FIT</FileExtension></Location><TransferDirection>InputToUnit</TransferDirection></File></DataType>
</MassStorageMode></Device>`
}

// nothingOutside fails when anything was created in outside.
func nothingOutside(t *testing.T, outside string) {
	t.Helper()
	var found []string
	filepath.Walk(outside, func(p string, info os.FileInfo, err error) error {
		if p != outside && !strings.HasSuffix(p, "GarminDevice.xml") && !strings.HasSuffix(p, "victim.fit") && p != filepath.Join(outside, "GARMIN") {
			found = append(found, p)
		}
		return nil
	})
	if len(found) > 0 {
		t.Errorf("push created files outside the device: %v", found)
	}
}

// TestPushLinkAttacks: a device whose GARMIN folder, inbox, an
// intermediate folder of the inbox, or the target file itself is a
// symbolic link, and descriptions naming ".." or absolute folders: push
// refuses each (located, saying why), even with --force, and creates
// nothing outside the device folder.
func TestPushLinkAttacks(t *testing.T) {
	easy := workoutFile(t, "Easy")
	victim := []byte("the victim's own file")
	cases := []struct {
		name   string
		make   func(t *testing.T, root, outside string)
		want   string
		inDiag bool // refused as a diagnostic of Plan rather than an error
	}{
		{"GARMIN is a link", func(t *testing.T, root, outside string) {
			mkdev(t, outside, manifestFR)
			os.MkdirAll(root, 0o755)
			os.Symlink(filepath.Join(outside, "GARMIN"), filepath.Join(root, "GARMIN"))
		}, "GARMIN on " + "ROOT" + " is a symbolic link", false},
		{"NewFiles is a link", func(t *testing.T, root, outside string) {
			mkdev(t, root, manifestFR)
			os.Symlink(outside, filepath.Join(root, "GARMIN", "NEWFILES"))
		}, "GARMIN/NEWFILES on ROOT is a symbolic link", false},
		{"an intermediate folder is a link", func(t *testing.T, root, outside string) {
			mkdev(t, root, manifestAt("GARMIN/Deep/Er/NewFiles"))
			os.Symlink(outside, filepath.Join(root, "GARMIN", "Deep"))
		}, "GARMIN/Deep on ROOT is a symbolic link", false},
		{"the description is a link", func(t *testing.T, root, outside string) {
			mkdev(t, root, "")
			os.WriteFile(filepath.Join(outside, "GarminDevice.xml"), []byte(manifestFR), 0o644)
			os.Symlink(filepath.Join(outside, "GarminDevice.xml"), filepath.Join(root, "GARMIN", "GarminDevice.xml"))
		}, "GARMIN/GarminDevice.xml on ROOT is a symbolic link", false},
		{"the target file is a link", func(t *testing.T, root, outside string) {
			mkdev(t, root, manifestFR, "GARMIN/NEWFILES")
			os.WriteFile(filepath.Join(outside, "victim.fit"), victim, 0o644)
			os.Symlink(filepath.Join(outside, "victim.fit"), filepath.Join(root, "GARMIN", "NEWFILES", "easy.fit"))
		}, "GARMIN/NEWFILES/easy.fit on the device is a symbolic link", true},
		{"dot-dot folder", func(t *testing.T, root, outside string) {
			mkdev(t, root, manifestAt("GARMIN/../../outside"))
		}, "not a path inside the device", false},
		{"absolute folder", func(t *testing.T, root, outside string) {
			mkdev(t, root, manifestAt(outside))
		}, "not a path inside the device", false},
		{"backslash dot-dot", func(t *testing.T, root, outside string) {
			mkdev(t, root, manifestAt(`GARMIN\..\..\outside`))
		}, "not a path inside the device", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			root, outside := filepath.Join(dir, "dev"), filepath.Join(dir, "outside")
			os.MkdirAll(outside, 0o755)
			c.make(t, root, outside)
			want := strings.ReplaceAll(c.want, "ROOT", root)
			d, err := Open(root)
			var p *Plan
			if err == nil {
				pl, dg, perr := d.Plan([]Source{{"easy.fit", easy}}, true)
				p, err = pl, perr
				if c.inDiag {
					if perr != nil || !dg.HasErrors() || !strings.Contains(dg.Error(), want) {
						t.Errorf("Plan: %v, diagnostics %v; want %q", perr, dg, want)
					}
				}
			}
			if !c.inDiag {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("got %v, want an error with %q", err, want)
				}
			}
			if p != nil && !c.inDiag {
				t.Errorf("a plan to write: %+v", p.Items)
				p.Apply()
			}
			nothingOutside(t, outside)
			if b, err := os.ReadFile(filepath.Join(outside, "victim.fit")); err == nil && !bytes.Equal(b, victim) {
				t.Error("the file the link points to was changed")
			}
		})
	}
}

// TestPushLinkRace: a link put in place of the inbox between Plan and
// Apply is refused by the confined writer, and nothing is written
// through it.
func TestPushLinkRace(t *testing.T) {
	dir := t.TempDir()
	root, outside := filepath.Join(dir, "dev"), filepath.Join(dir, "outside")
	os.MkdirAll(outside, 0o755)
	mkdev(t, root, manifestFR, "GARMIN/NEWFILES")
	d, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	p, diags, err := d.Plan([]Source{{"easy.fit", workoutFile(t, "Easy")}}, false)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	os.Remove(filepath.Join(root, "GARMIN", "NEWFILES"))
	if err := os.Symlink(outside, filepath.Join(root, "GARMIN", "NEWFILES")); err != nil {
		t.Skip(err)
	}
	err = p.Apply()
	if !errors.Is(err, ErrIO) || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("Apply through a link: %v", err)
	}
	nothingOutside(t, outside)
}

// TestPushRefusesWhatInspectRejects: a file with a valid header, CRC and
// file type whose messages do not read (here: a workout with no steps
// message at all is read by Identify but refused by Decode) is not copied.
func TestPushRefusesWhatInspectRejects(t *testing.T) {
	root := mkdev(t, t.TempDir(), manifestFR)
	d, _ := Open(root)
	bad := activityAsWorkout(t)
	p, diags, err := d.Plan([]Source{{"bad.fit", bad}, {"easy.fit", workoutFile(t, "Easy")}}, false)
	if err != nil {
		t.Fatal(err)
	}
	if p != nil || !diags.HasErrors() || !strings.Contains(diags.Error(), "bad.fit") || !strings.Contains(diags.Error(), "inspect refuses this file too") {
		t.Errorf("plan %v, diagnostics:\n%v", p, diags)
	}
	if _, err := os.Stat(filepath.Join(root, "GARMIN", "NEWFILES")); !errors.Is(err, os.ErrNotExist) {
		t.Error("something was written")
	}
}

// TestFindSkipsBadDrive: a drive whose description is garbage, too large
// or a FIFO does not stop discovery: it is skipped with a warning and the
// good watch is found.
func TestFindSkipsBadDrive(t *testing.T) {
	dir := t.TempDir()
	good := mkdev(t, filepath.Join(dir, "media", "a-good"), manifestFR)
	mkdev(t, filepath.Join(dir, "media", "b-broken"), "<Device><Id>"+secret)
	mkdev(t, filepath.Join(dir, "media", "c-huge"), "<Device>"+strings.Repeat(" ", MaxManifestSize+1)+"</Device>")
	var warns []string
	d, err := Find([]string{filepath.Join(dir, "media", "*")}, func(m string) { warns = append(warns, m) })
	if err != nil || d.Root != good {
		t.Fatalf("Find = %v, %v", d, err)
	}
	if len(warns) != 2 || !strings.Contains(warns[0], "b-broken") || !strings.Contains(warns[1], "larger than") {
		t.Errorf("warnings %q", warns)
	}
	for _, w := range warns {
		if strings.Contains(w, secret) {
			t.Errorf("a warning quotes the description: %s", w)
		}
	}
}

// activityAsWorkout is a FIT file of type workout that holds only its
// file_id: its header, CRC and type are valid, its content is not a
// workout.
func activityAsWorkout(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	err := encoder.New(&buf).Encode(&proto.FIT{Messages: []proto.Message{
		mesgdef.NewFileId(nil).SetType(typedef.FileWorkout).SetManufacturer(typedef.ManufacturerGarmin).
			SetSerialNumber(1).SetTimeCreated(created).ToMesg(nil)}})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestForceKeepsOldOnFailure: a --force push whose copy fails (here: the
// second file's name turned into a folder between Plan and Apply) leaves
// the file it was to replace as it was, and no temporary file behind.
func TestForceKeepsOldOnFailure(t *testing.T) {
	root := mkdev(t, t.TempDir(), manifestFR, "GARMIN/NEWFILES")
	inbox := filepath.Join(root, "GARMIN", "NEWFILES")
	old := workoutFile(t, "Old")
	os.WriteFile(filepath.Join(inbox, "a.fit"), old, 0o644)
	d, _ := Open(root)
	p, diags, err := d.Plan([]Source{{"a.fit", workoutFile(t, "New")}, {"b.fit", workoutFile(t, "B")}}, true)
	if err != nil || diags.HasErrors() || p.Items[0].Action != Replace {
		t.Fatalf("Plan: %v %v %+v", err, diags, p)
	}
	os.Mkdir(filepath.Join(inbox, "b.fit"), 0o755)
	if err := p.Apply(); !errors.Is(err, ErrIO) {
		t.Fatalf("Apply: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(inbox, "a.fit")); !bytes.Equal(got, old) {
		t.Error("the failed push replaced a.fit")
	}
	entries, _ := os.ReadDir(inbox)
	if len(entries) != 2 {
		t.Errorf("left in the inbox: %v", entries)
	}
}
