package main

import (
	"bytes"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/workoutc/workoutc/encode"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/workouts/preview"
)

func previewCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "preview",
		Usage:     "show a workout before running it: step tree and totals, and an SVG profile with --svg",
		ArgsUsage: "FILE.yaml (- for stdin)",
		Flags: []cli.Flag{
			athleteFlag,
			repsFlag,
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
	reps, err := repsOf(c)
	if err != nil {
		return err
	}
	svgOut := c.String("svg")
	if c.IsSet("svg") && svgOut == "" {
		return usageErrorf("--svg needs a file name (or - for stdout)")
	}
	names, datas, ro, err := e.definitions(c, paths, reps)
	if err != nil {
		return err
	}
	// Encoded as build encodes by default and thrown away, so that preview
	// reports what build would: what the file cannot hold, what a watch
	// may cut.
	_, res, diags := compileDefinition(names[0], datas[0], ro, []encode.Encoder{fitenc.Encoder{}}, encode.Options{}, false)
	if !e.report(diags) {
		return inputFailed
	}

	p := preview.New(res.Workout)
	var text, svg bytes.Buffer
	if err := p.WriteText(&text); err != nil {
		return ioError(err)
	}
	out := text.Bytes()
	if svgOut != "" {
		if err := p.WriteSVG(&svg); err != nil {
			return ioError(err)
		}
		if svgOut == "-" {
			out = svg.Bytes() // instead of the text
		} else if err := encode.WriteFileAtomic(svgOut, svg.Bytes()); err != nil {
			return ioError(fmt.Errorf("writing %s: %w", svgOut, err))
		}
	}
	if _, err := e.stdout.Write(out); err != nil {
		return ioError(err)
	}
	return nil
}
