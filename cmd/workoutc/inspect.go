package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/workoutc/workoutc/encode/connect"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/workouts"
)

// maxWorkoutFile is the largest file inspect and import read; workout files
// are a few kB, activities a few MB.
const maxWorkoutFile = 16 << 20

func inspectCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "inspect",
		Usage:     "show what a FIT, TCX or Connect JSON workout file asks the watch to do, as a step tree",
		ArgsUsage: "FILE.fit|FILE.tcx|FILE.json... (- for stdin)",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print a JSON array with one object per file"},
		},
		Action: e.inspect,
	}
}

// decoded is one workout file read back.
type decoded struct {
	name   string
	format string
	w      *workouts.Workout
	diags  workouts.Diagnostics
}

// readWorkoutFile reads path ("-": stdin) as raw bytes.
func (e *env) readWorkoutFile(path string) (string, []byte, error) {
	var r io.Reader
	name := path
	if path == "-" {
		r, name = e.stdin, stdinName
	} else {
		f, err := os.Open(path)
		if err != nil {
			return "", nil, ioError(err)
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return "", nil, &exitError{code: exitInput, msg: fmt.Sprintf("%s is a directory, not a workout file", path)}
		}
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxWorkoutFile+1))
	if err != nil {
		return "", nil, ioError(fmt.Errorf("reading %s: %w", name, err))
	}
	if len(b) > maxWorkoutFile {
		return "", nil, &exitError{code: exitInput, msg: fmt.Sprintf("%s: more than %d MB; not a workout file", name, maxWorkoutFile>>20)}
	}
	return name, b, nil
}

// decodeWorkout reads a workout file of any format, told apart by content.
// Its error is one line naming the file.
func decodeWorkout(name string, data []byte) (*decoded, error) {
	var (
		w      *workouts.Workout
		diags  workouts.Diagnostics
		err    error
		format string
	)
	switch {
	case fitenc.IsFIT(data):
		format = "fit"
		w, diags, err = fitenc.Decode(data)
	case looksXML(data):
		format = "tcx"
		w, diags, err = decodeTCX(name, data)
	case connect.IsJSON(data):
		format = "connect"
		w, diags, err = connect.DecodeFile(name, data)
	default:
		if len(bytes.TrimSpace(data)) == 0 {
			return nil, fmt.Errorf("%s: empty file; not a workout file", name)
		}
		return nil, fmt.Errorf("%s: neither a FIT, a TCX nor a Connect JSON file (a FIT file has \".FIT\" in its header, a TCX file is XML, Connect JSON is an object)", name)
	}
	var located workouts.Diagnostics
	if errors.As(err, &located) {
		for i := range located {
			if located[i].Pos.File == "" {
				located[i].Pos.File = name
			}
		}
		return nil, located // FILE:LINE:COL: message, one a line
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	for i := range diags {
		if diags[i].Pos.File == "" {
			diags[i].Pos.File = name
		}
	}
	return &decoded{name: name, format: format, w: w, diags: diags}, nil
}

// looksXML reports whether data starts (after a BOM and blanks) with "<".
func looksXML(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	data = bytes.TrimLeft(data, " \t\r\n")
	return len(data) > 0 && data[0] == '<'
}

func (e *env) inspect(c *cli.Context) error {
	paths := c.Args().Slice()
	if len(paths) == 0 {
		return usageErrorf("inspect needs at least one FILE.fit, FILE.tcx or FILE.json (or - for stdin)")
	}
	asJSON := c.Bool("json")
	var out bytes.Buffer
	var all []workouts.InspectedWorkout
	failed := false
	for i, p := range paths {
		name, data, err := e.readWorkoutFile(p)
		if err != nil {
			return err
		}
		d, err := decodeWorkout(name, data)
		if err != nil {
			fmt.Fprintf(e.stderr, "%s\n", err)
			failed = true
			continue
		}
		e.printDiags(d.diags)
		if asJSON {
			var warns []string
			for _, x := range d.diags {
				warns = append(warns, x.Msg)
			}
			all = append(all, workouts.Inspect(d.w, name, d.format, warns))
			continue
		}
		if len(paths) > 1 {
			if i > 0 {
				out.WriteString("\n")
			}
			fmt.Fprintf(&out, "== %s (%s) ==\n", name, d.format)
		}
		out.WriteString(workouts.InspectText(d.w))
	}
	if asJSON {
		if all == nil {
			all = []workouts.InspectedWorkout{}
		}
		b, err := json.MarshalIndent(all, "", "  ")
		if err != nil {
			return err
		}
		out.Write(b)
		out.WriteString("\n")
	}
	if failed && (asJSON || out.Len() == 0) {
		return inputFailed
	}
	if _, err := e.stdout.Write(out.Bytes()); err != nil {
		return ioError(err)
	}
	if failed {
		return inputFailed
	}
	return nil
}
