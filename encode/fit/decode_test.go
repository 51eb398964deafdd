package fit_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/muktihari/fit/kit/hash/crc16"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/testkit/fitsdk"
	"github.com/workoutc/workoutc/internal/testkit/shared"
	"github.com/workoutc/workoutc/workouts"
)

// reimport runs a FIT file through import and build: Decode, Format,
// Parse, Resolve (no athlete) and Encode with the default time. It returns
// the new file, the YAML and every warning of the way.
func reimport(t testing.TB, data []byte) ([]byte, []byte, workouts.Diagnostics) {
	t.Helper()
	w, diags, err := fitenc.Decode(data)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	y, fd := workouts.Format(w)
	diags = append(diags, fd...)
	p, pd := workouts.Parse("imported.yaml", y)
	if pd.HasErrors() {
		t.Fatalf("the imported definition does not parse:\n%s\n%s", pd.Errors(), y)
	}
	r, rd := workouts.Resolve(p, workouts.ResolveOptions{})
	if rd.HasErrors() {
		t.Fatalf("the imported definition does not resolve:\n%s\n%s", rd, y)
	}
	b, _, err := fitenc.Encode(r, encode.Options{})
	if err != nil {
		t.Fatalf("the imported definition does not encode: %v\n%s", err, y)
	}
	return b, y, diags
}

// TestImportGoldensSameBytes: every golden FIT file of testdata, imported
// and built again, gives the same bytes, with no warning on the way.
func TestImportGoldensSameBytes(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/*.fit")
	if len(paths) < 2 {
		t.Fatalf("found %d golden FIT files; the seed workouts at least must be there", len(paths))
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			got, y, diags := reimport(t, data)
			if len(diags) > 0 {
				t.Errorf("warnings on a file of ours:\n%s", diags)
			}
			if !bytes.Equal(got, data) {
				t.Errorf("import then build changed the bytes; imported:\n%s", y)
			}
		})
	}
}

// TestImportEachSide: the each-side convention is read back as reps N and
// each_side, and a step of the circuit keeps its own name and notes.
func TestImportEachSide(t *testing.T) {
	src := `name: Each side
sport: strength
steps:
  - exercise: single leg romanian deadlift with dumbbell
    reps: 10
    each_side: true
    weight: 15 lb
  - exercise: side plank
    time: 30 s
    each_side: true
    name: Side plank
    notes: Hips high.
`
	p, d := workouts.Parse("x.yaml", []byte(src))
	if d.HasErrors() {
		t.Fatal(d)
	}
	b, _, err := fitenc.Encode(p, encode.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, y, diags := reimport(t, b)
	if !bytes.Equal(got, b) || len(diags) > 0 {
		t.Fatalf("round trip failed (%v):\n%s", diags, y)
	}
	for _, want := range []string{"reps: 10\n", "weight: 15 lb\n", "each_side: true\n", "time: 30 s\n", "name: Side plank\n", "notes: Hips high.\n"} {
		if !strings.Contains(string(y), want) {
			t.Errorf("imported definition lacks %q:\n%s", want, y)
		}
	}
	if strings.Contains(string(y), "each side\n") {
		t.Errorf("the each-side label leaked into name or notes:\n%s", y)
	}
}

// corpusDir returns ../shared/corpus/<sub> (beside the repository root).
// Missing, the test is skipped loudly, or fails under CI=true.
func corpusDir(t *testing.T, sub string) string {
	t.Helper()
	return shared.Path(t, "corpus", sub)
}

// sdkDir returns muktihari's copy of Garmin's SDK sample files.
func sdkDir(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/muktihari/fit").Output()
	if err != nil {
		t.Fatalf("go list github.com/muktihari/fit: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "testdata", "from_official_sdk")
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("muktihari's SDK samples are missing: %v", err)
	}
	return dir
}

// foreign decodes one file made elsewhere, imports it, builds the import and
// has Garmin's SDK check the result. It returns the decoded workout and all
// warnings.
func foreign(t *testing.T, path, out string) (*workouts.Workout, workouts.Diagnostics) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	w, diags, err := fitenc.Decode(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if text := workouts.InspectText(w); !strings.Contains(text, "\n1") {
		t.Errorf("%s: inspect shows no step:\n%s", path, text)
	}
	b, _, idiags := reimport(t, data)
	if err := os.WriteFile(out, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return w, append(diags, idiags...)
}

func warned(ds workouts.Diagnostics, sub string) bool {
	for _, d := range ds {
		if strings.Contains(d.Msg, sub) {
			return true
		}
	}
	return false
}

// TestDecodeCorpus reads the real files of ../shared/corpus/fit: each
// workout is read, shown, imported and built again (Garmin's SDK accepts
// the result); the activity is refused as not a workout.
func TestDecodeCorpus(t *testing.T) {
	dir := corpusDir(t, "fit")
	tmp := t.TempDir()
	var built []string
	paths, _ := filepath.Glob(filepath.Join(dir, "*.fit"))
	if len(paths) < 7 {
		t.Fatalf("corpus holds %d FIT files, expected 7", len(paths))
	}
	for _, p := range paths {
		base := filepath.Base(p)
		if strings.HasPrefix(base, "not-a-workout") {
			data, _ := os.ReadFile(p)
			_, _, err := fitenc.Decode(data)
			if !errors.Is(err, fitenc.ErrNotWorkout) || !strings.Contains(err.Error(), "activity") || strings.Contains(err.Error(), "\n") {
				t.Errorf("%s: got %v, want a one-line not-a-workout error naming the activity", base, err)
			}
			continue
		}
		out := filepath.Join(tmp, base)
		w, diags := foreign(t, p, out)
		built = append(built, out)
		switch {
		case strings.HasPrefix(base, "garmin-connect-strength"):
			n, reps, multi := 0, 0, 0
			workouts.Walk(w.Steps, func(s *workouts.Step, _ int) {
				n++
				if s.Kind == workouts.KindRepeat {
					reps++
				}
				if strings.Count(s.Notes, "\n") >= 2 {
					multi++
				}
			})
			if n != 43 || reps != 10 {
				t.Errorf("%s: %d steps, %d repeats; want 43 and 10", base, n, reps)
			}
			if w.Sport != workouts.SportStrength || w.Name != "FullBody - Beginner - B" {
				t.Errorf("%s: sport %q name %q", base, w.Sport, w.Name)
			}
			if multi == 0 || !strings.Contains(workouts.InspectText(w), "Rétraction scapulaire\n") {
				t.Errorf("%s: the French multi-line notes are not shown", base)
			}
			first := w.Steps[0]
			if first.Exercise == nil || first.Exercise.Number != workouts.NoExerciseName || first.Exercise.Key != "warm_up" || first.Intensity != workouts.IntensityWarmup {
				t.Errorf("%s: first step %+v, want a warm_up category without a name", base, first)
			}
			if !warned(diags, "category warm_up (31) with no exercise") {
				t.Errorf("%s: the category-only warm-up is not flagged: %v", base, diags)
			}
		case strings.HasPrefix(base, "excel-generator"):
			if n := workouts.CountSteps(w.Steps); n != 71 {
				t.Errorf("%s: %d steps, want 71", base, n)
			}
		case strings.HasPrefix(base, "garmin-sdk-"):
			if w.Sport != "" || !warned(diags, "no sport") {
				t.Errorf("%s: sport %q; want none, and a warning", base, w.Sport)
			}
			if warned(diags, "until hr below") || !strings.Contains(workouts.InspectText(w), "until hr below 125 bpm") {
				t.Errorf("%s: the HR-below duration is flagged or not read: %v", base, diags)
			}
		}
		if strings.Contains(base, "RepeatGreaterThan") {
			rep := w.Steps[1]
			if rep.Until == nil || rep.Until.Kind != workouts.DurationHRAbove || rep.Until.Value != 80 || !rep.Until.Percent {
				t.Errorf("%s: repeat %+v, want until HR above 80%%", base, rep)
			}
			if !warned(diags, "num_valid_steps says 4, the file holds 5") {
				t.Errorf("%s: num_valid_steps mismatch not reported: %v", base, diags)
			}
		}
		if strings.Contains(base, "CustomTargetValues") {
			if tg := w.Steps[0].Target; tg.Kind != workouts.TargetHR || !tg.Percent || tg.Low != 50 || tg.High != 60 {
				t.Errorf("%s: first target %+v, want HR 50-60%%", base, tg)
			}
			if tg := w.Steps[1].Target; tg.Kind != workouts.TargetPower || tg.Percent || tg.Low != 300 || tg.High != 310 {
				t.Errorf("%s: second target %+v, want power 300-310 W", base, tg)
			}
		}
	}
	fitsdk.Require(t, built...)
}

// TestDecodeSDKSamples reads Garmin's SDK samples shipped in muktihari's
// module: the Workout*.fit files are read and imported; every other sample
// (activities, settings, monitoring, ...) is refused with one line.
func TestDecodeSDKSamples(t *testing.T) {
	dir := sdkDir(t)
	paths, _ := filepath.Glob(filepath.Join(dir, "*.fit"))
	tmp := t.TempDir()
	workoutsSeen := 0
	for _, p := range paths {
		base := filepath.Base(p)
		if strings.HasPrefix(base, "Workout") {
			workoutsSeen++
			foreign(t, p, filepath.Join(tmp, base))
			continue
		}
		data, _ := os.ReadFile(p)
		_, _, err := fitenc.Decode(data)
		if err == nil || !(errors.Is(err, fitenc.ErrNotWorkout) || errors.Is(err, fitenc.ErrNotFIT)) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: got %v, want a one-line refusal", base, err)
		}
	}
	if workoutsSeen != 4 {
		t.Errorf("found %d Workout*.fit samples, want 4", workoutsSeen)
	}
}

// TestDecodeRefuses: empty, non-FIT, truncated at every length and
// corrupted files are refused with one line, never a panic.
func TestDecodeRefuses(t *testing.T) {
	data, err := os.ReadFile("../../testdata/strength-circuit.fit")
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, b []byte) {
		t.Helper()
		_, _, err := fitenc.Decode(b)
		if err == nil || strings.Contains(err.Error(), "\n") || !errors.Is(err, fitenc.ErrNotFIT) {
			t.Errorf("%s: got %v, want a one-line not-a-valid-FIT error", what, err)
		}
	}
	check("empty", nil)
	check("yaml", []byte("name: x\n"))
	for n := 1; n < len(data); n++ {
		check("truncated", data[:n])
	}
	for i := 14; i < len(data); i += 7 {
		b := bytes.Clone(data)
		b[i] ^= 0x5A
		check("corrupted", b)
	}
	_, _, err = fitenc.Decode(data[:len(data)-1])
	if !strings.Contains(err.Error(), "truncated") {
		t.Errorf("a file cut short: %v, want it called truncated", err)
	}
}

// FuzzDecode: no input makes Decode panic, and whatever it reads, Format,
// InspectText and Inspect can show.
func FuzzDecode(f *testing.F) {
	paths, _ := filepath.Glob("../../testdata/*.fit")
	if len(paths) == 0 {
		f.Fatal("no seed files in testdata")
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		decodeAny(t, data)
		// Most mutations break a CRC and stop at the integrity check;
		// with the CRCs made right again the messages themselves are read.
		decodeAny(t, fixCRC(data))
	})
}

// fixCRC returns data with the header and file CRCs of a single FIT file
// recomputed and its data size made to fit, when it has a FIT header.
func fixCRC(data []byte) []byte {
	if !fitenc.IsFIT(data) || len(data) < int(data[0])+2 {
		return data
	}
	b := bytes.Clone(data)
	h := int(b[0])
	binary.LittleEndian.PutUint32(b[4:8], uint32(len(b)-h-2))
	if h == 14 {
		c := crc16.New()
		c.Write(b[:12])
		binary.LittleEndian.PutUint16(b[12:14], c.Sum16())
	}
	c := crc16.New()
	c.Write(b[:len(b)-2])
	binary.LittleEndian.PutUint16(b[len(b)-2:], c.Sum16())
	return b
}

func decodeAny(t *testing.T, data []byte) {
	w, _, err := fitenc.Decode(data)
	if err != nil {
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("multi-line error %q", err)
		}
		return
	}
	{
		y, _ := workouts.Format(w)
		if _, d := workouts.Parse("f.yaml", y); d.HasErrors() {
			t.Errorf("Format wrote a definition that does not parse:\n%s\n%s", d, y)
		}
		_ = workouts.InspectText(w)
		_ = workouts.Inspect(w, "f", "fit", nil)
	}
}
