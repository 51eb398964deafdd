package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/internal/term"
	"github.com/workoutc/workoutc/internal/testkit/fitsdk"
	"github.com/workoutc/workoutc/workouts"
)

// hostileTexts are texts an attacker puts in names, notes, values and
// paths. "INJECTED" follows every line break: no output line may start
// with it (a line break that reached the output split a message).
var hostileTexts = []struct{ name, text string }{
	{"esc", "Hill\x1b[2J\x1b]0;pwned\x07"},
	{"cr", "Hill\rINJECTED"},
	{"newline", "Hill\nINJECTED"},
	{"nul", "Hill\x00x"},
	{"del", "Hill\x7fx"},
	{"c1", "Hill\u009b31m"},
	{"bidi", "Hill\u202edesrever\u2066x"},
	{"line separator", "Hill\u2028INJECTED"},
}

// yamlQuote writes s as a YAML double-quoted scalar with escapes.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || term.IsControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// rawControl returns the first control character (other than the newline
// and tab that separate lines and columns) in out, or -1.
func rawControl(out string) rune {
	for i, r := range out {
		if r == utf8.RuneError && !strings.HasPrefix(out[i:], "\uFFFD") {
			return 0xFFFD
		}
		if r != '\n' && r != '\t' && term.IsControl(r) {
			return r
		}
	}
	return -1
}

// checkOutput fails when out holds a raw control character, a line that
// starts with "INJECTED", or more than 64 kB.
func checkOutput(t *testing.T, what, out string) {
	t.Helper()
	if r := rawControl(out); r >= 0 {
		t.Errorf("%s: a raw control character %U reached the output:\n%.600q", what, r, out)
	}
	for _, l := range strings.Split(out, "\n") {
		// Multi-line notes show as indented lines under their label, and
		// import writes them as YAML block scalars: those are text, not
		// messages. A line of its own starting with the rest is a split.
		if strings.HasPrefix(l, "INJECTED") {
			t.Errorf("%s: a line break from the input split the output:\n%.600s", what, out)
			break
		}
	}
	if len(out) > 64<<10 {
		t.Errorf("%s: %d bytes of output: a value was echoed whole", what, len(out))
	}
}

// fitWith encodes a workout named name with a step named and noted with it.
func fitWith(t *testing.T, text string) []byte {
	t.Helper()
	w := &workouts.Workout{Name: text, Description: text, Sport: workouts.SportRunning, Steps: []workouts.Step{{
		Kind: workouts.KindRun, Intensity: workouts.IntensityActive, Name: text, Notes: text + "\nsecond " + text,
		Duration: workouts.Duration{Kind: workouts.DurationTime, Seconds: 600}}}}
	b, _, err := fitenc.Encode(w, encode.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const hostileManifest = `<Device xmlns="http://www.garmin.com/xmlschemas/GarminDevice/v2"><Model><Description>FR</Description></Model><MassStorageMode>
<DataType><Name>FIT_TYPE_5</Name><File><Location><Path>GARMIN/NewFiles</Path><FileExtension>FIT</FileExtension></Location><TransferDirection>InputToUnit</TransferDirection></File></DataType>
</MassStorageMode></Device>`

// TestHostileText runs every command on inputs carrying each hostile text
// (in names, notes, values, roster names, file and folder names) and on a
// 900 kB value, and checks that no raw control character reaches stdout
// or stderr, that no input line break splits a message, and that nothing
// is echoed whole.
func TestHostileText(t *testing.T) {
	big := strings.Repeat("v", 900<<10)
	texts := append(hostileTexts, struct{ name, text string }{"900 kB value", big})
	var produced []string // a copy of every FIT file written, for Garmin's SDK
	keep := t.TempDir()
	defer func() {
		if len(produced) > 0 {
			fitsdk.Require(t, produced...)
		}
	}()
	for _, h := range texts {
		t.Run(h.name, func(t *testing.T) {
			dir := t.TempDir()
			text := h.text
			// A file name holds no NUL or slash and at most 255 bytes.
			fileText := strings.NewReplacer("\x00", "0", "/", "_").Replace(text)
			if len(fileText) > 100 {
				fileText = fileText[:100]
			}
			q := yamlQuote(text)
			good := filepath.Join(dir, "good "+fileText+".yaml")
			os.WriteFile(good, []byte("name: "+q+"\ndescription: "+q+"\nsteps:\n  - run: 2 min\n    name: "+q+"\n    notes: "+q+"\n  - exercise: "+q+"\n    reps: 10\n"), 0o644)
			okDef := filepath.Join(dir, "ok "+fileText+".yaml")
			os.WriteFile(okDef, []byte("name: "+q+"\nsteps:\n  - run: 2 min\n    name: "+q+"\n    notes: "+q+"\n"), 0o644)
			bad := filepath.Join(dir, "bad "+fileText+".yaml")
			os.WriteFile(bad, []byte("name: x\nsport: "+q+"\nsteps:\n  - run: "+q+"\n    target: "+q+"\n  - "+q+": 1 min\n"), 0o644)
			fit := filepath.Join(dir, "w "+fileText+".fit")
			os.WriteFile(fit, fitWith(t, text), 0o644)
			// The club: a plan and a roster whose athletes are named with the
			// text (twice: the namesake warning quotes the name), one with
			// a bad cell.
			os.WriteFile(filepath.Join(dir, "plan.yaml"), []byte("name: P\nstart: 2027-01-04\nweeks: 1\nsessions:\n  - workout: w.yaml\n    days: [tue]\n"), 0o644)
			os.WriteFile(filepath.Join(dir, "w.yaml"), []byte("name: W\nsteps:\n  - run: 2 min\n"), 0o644)
			csvName := `"` + strings.ReplaceAll(strings.ReplaceAll(text, "\x00", "0"), `"`, `""`) + `"`
			os.WriteFile(filepath.Join(dir, "roster.csv"), []byte("name,max_hr\n"+csvName+",180\n"+csvName+",190\n"+csvName+","+csvName+"\n"), 0o644)
			// A device folder named with the text.
			dev := filepath.Join(dir, "dev "+fileText)
			os.MkdirAll(filepath.Join(dev, "GARMIN"), 0o755)
			os.WriteFile(filepath.Join(dev, "GARMIN", "GarminDevice.xml"), []byte(hostileManifest), 0o644)

			runs := [][]string{
				{"build", "-o", filepath.Join(dir, "out"), good},
				{"build", "-o", filepath.Join(dir, "out"), okDef},
				{"build", "-o", filepath.Join(dir, "out "+fileText), bad},
				{"check", good, bad},
				{"check", okDef},
				{"check", "-", okDef},
				{"check", filepath.Join(dir, "missing "+fileText+".yaml")},
				{"inspect", fit},
				{"inspect", fit, fit},
				{"inspect", "--json", fit},
				{"inspect", filepath.Join(dir, "missing "+fileText+".fit")},
				{"import", fit},
				{"preview", okDef},
				{"preview", bad},
				{"batch", "--roster", filepath.Join(dir, "roster.csv"), "--plan", filepath.Join(dir, "plan.yaml"), "-o", filepath.Join(dir, "club")},
				{"push", "--device", dev, "--dry-run", fit},
				{"push", "--device", dev, fit},
				{"push", "--device", filepath.Join(dir, "nodev "+fileText), fit},
				{"exercises", text},
				{text},
				{"build", "--" + fileText},
			}
			for _, args := range runs {
				what := fmt.Sprintf("workoutc %.80q", args)
				code, stdout, stderr := runCLI(args...)
				if code > 3 {
					t.Errorf("%s: exit %d", what, code)
				}
				checkOutput(t, what+" stdout", stdout)
				checkOutput(t, what+" stderr", stderr)
				if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
					t.Errorf("%s: %s", what, stderr)
				}
			}
			outs, _ := filepath.Glob(filepath.Join(dir, "out", "*.fit"))
			for _, p := range append(outs, fit) {
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				c := filepath.Join(keep, fmt.Sprintf("%d.fit", len(produced)))
				os.WriteFile(c, b, 0o644)
				produced = append(produced, c)
			}
			// The --json output is still the same JSON: the texts read back.
			_, stdout, _ := runCLI("inspect", "--json", fit)
			if !bytes.Contains([]byte(stdout), []byte(`"name"`)) {
				t.Errorf("inspect --json: %.300s", stdout)
			}
		})
	}
}
