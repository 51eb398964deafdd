package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/workoutc/workoutc/encode/decode"
	"github.com/workoutc/workoutc/internal/term"
	"github.com/workoutc/workoutc/workouts"
)

func importCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "write a FIT, TCX or Connect JSON workout file back in the workout language, on stdout",
		ArgsUsage: "FILE.fit|FILE.tcx|FILE.json (- for stdin)",
		Action:    e.importFile,
	}
}

// importFile decodes one workout file and prints it as a definition. What
// the language cannot say is flagged by "# import:" comments and warnings
// on stderr.
func (e *env) importFile(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageErrorf("import takes one FILE.fit, FILE.tcx or FILE.json (or - for stdin), not %d", c.NArg())
	}
	name, data, err := e.readArg(c.Args().First(), maxWorkoutFile, "workout file")
	if err != nil {
		return err
	}
	format, w, diags, err := decode.File(name, data)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s\n", err)
		return inputFailed
	}
	yaml, fdiags := workouts.Format(w)
	for i := range fdiags {
		fdiags[i].Pos.File = name
	}
	e.printDiags(diags)
	e.printDiags(fdiags)
	if fdiags.HasErrors() {
		return inputFailed
	}
	head := fmt.Sprintf("# imported from %s (%s) by workoutc import\n", term.Clean(name), format)
	switch n := len(fdiags); {
	case n == 1:
		head += "# 1 thing the language cannot say is marked \"# import:\" below\n"
	case n > 1:
		head += fmt.Sprintf("# %d things the language cannot say are marked \"# import:\" below\n", n)
	}
	out := append([]byte(head), term.Quoted(yaml)...)
	if _, err := e.stdout.Write(out); err != nil {
		return ioError(err)
	}
	return nil
}
