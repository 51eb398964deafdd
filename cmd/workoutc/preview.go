package main

import (
	"bytes"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/preview"
)

func previewCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "preview",
		Usage:     "show a workout before running it: step tree and totals, and an SVG profile with --svg",
		ArgsUsage: "FILE.yaml (- for stdin)",
		Flags: []cli.Flag{
			athleteFlag,
			&cli.IntFlag{Name: "reps", Usage: "count `N` for every ranged repeat (3-5)", DefaultText: "the low end of each range"},
			&cli.StringFlag{Name: "svg", Usage: "also write the workout's profile as an SVG image to `OUT` (- writes it to stdout instead of the text)"},
		},
		Action: e.preview,
	}
}

// preview resolves and encodes one definition as build does (with the
// default format) and shows it: the text preview on stdout, and with --svg
// the SVG profile, written atomically (or to stdout with --svg -). Problems
// and warnings are reported as build reports them; on an error nothing is
// written.
func (e *env) preview(c *cli.Context) error {
	paths := c.Args().Slice()
	if len(paths) != 1 {
		return usageErrorf("preview takes one FILE.yaml (or - for stdin), not %d", len(paths))
	}
	reps, err := repsFlag(c)
	if err != nil {
		return err
	}
	svgOut := c.String("svg")
	if c.IsSet("svg") && svgOut == "" {
		return usageErrorf("--svg needs a file name (or - for stdout)")
	}
	names, datas, athlete, err := e.loadInputs(c, paths)
	if err != nil {
		return err
	}
	w, diags := workouts.Parse(names[0], datas[0])
	var r *workouts.Workout
	if !diags.HasErrors() {
		// Encoded as build encodes by default and thrown away, so that
		// preview reports what build would: what the file cannot hold,
		// what a watch may cut.
		res := encode.Compile(w, workouts.ResolveOptions{Athlete: athlete, Reps: reps}, []encode.Encoder{fitenc.Encoder{}}, encode.Options{})
		diags, r = append(diags, res.Diags...), res.Workout
	}
	diags.Sort()
	e.printDiags(diags)
	if diags.HasErrors() {
		return inputFailed
	}

	p := preview.New(r)
	var text, svg bytes.Buffer
	if err := p.WriteText(&text); err != nil {
		return ioError(err)
	}
	if svgOut != "" {
		if err := p.WriteSVG(&svg); err != nil {
			return ioError(err)
		}
	}
	switch svgOut {
	case "-":
		_, err = e.stdout.Write(svg.Bytes())
	case "":
		_, err = e.stdout.Write(text.Bytes())
	default:
		if err := encode.WriteFileAtomic(svgOut, svg.Bytes()); err != nil {
			return ioError(fmt.Errorf("writing %s: %w", svgOut, err))
		}
		_, err = e.stdout.Write(text.Bytes())
	}
	if err != nil {
		return ioError(err)
	}
	return nil
}
