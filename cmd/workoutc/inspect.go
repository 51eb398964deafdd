package main

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/workoutc/workoutc/encode/decode"
	"github.com/workoutc/workoutc/internal/term"
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
		name, data, err := e.readArg(p, maxWorkoutFile, "workout file")
		if err != nil {
			return err
		}
		format, w, diags, err := decode.File(name, data)
		if err != nil {
			fmt.Fprintf(e.stderr, "%s\n", err)
			failed = true
			continue
		}
		e.printDiags(diags)
		if asJSON {
			var warns []string
			for _, x := range diags {
				warns = append(warns, x.Msg)
			}
			all = append(all, workouts.Inspect(w, name, format, warns))
			continue
		}
		if len(paths) > 1 {
			if i > 0 {
				out.WriteString("\n")
			}
			fmt.Fprintf(&out, "== %s (%s) ==\n", term.Clean(name), format)
		}
		out.WriteString(workouts.InspectText(w))
	}
	if asJSON {
		if all == nil {
			all = []workouts.InspectedWorkout{}
		}
		b, err := json.MarshalIndent(all, "", "  ")
		if err != nil {
			return err
		}
		out.Write(term.JSON(b)) // DEL, C1 and bidi controls too, as \uXXXX
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
