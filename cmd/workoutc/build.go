package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/encode/connect"
	fitenc "github.com/workoutc/workoutc/encode/fit"
	"github.com/workoutc/workoutc/encode/tcx"
	"github.com/workoutc/workoutc/internal/term"
	"github.com/workoutc/workoutc/workouts"
)

// formats lists the encoders by --format name, in the order files are
// written.
var formats = []encode.Encoder{fitenc.Encoder{}, tcx.Encoder{}, connect.Encoder{}}

func formatNames() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Format()
	}
	return names
}

// parseFormats reads --format: a comma-separated list such as "fit,tcx".
func parseFormats(s string) ([]encode.Encoder, error) {
	var out []encode.Encoder
	seen := map[string]bool{}
	for _, name := range strings.Split(s, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		i := slices.IndexFunc(formats, func(f encode.Encoder) bool { return f.Format() == name })
		if i < 0 {
			return nil, usageErrorf("unknown format %q (formats: %s)", name, strings.Join(formatNames(), ", "))
		}
		out = append(out, formats[i])
	}
	if len(out) == 0 {
		return nil, usageErrorf("--format is empty (formats: %s)", strings.Join(formatNames(), ", "))
	}
	return out, nil
}

// printDiags writes diagnostics to stderr, one a line.
func (e *env) printDiags(ds workouts.Diagnostics) {
	for _, d := range ds {
		fmt.Fprintln(e.stderr, d.String())
	}
}

// report sorts and prints one input's problems and reports whether none
// is an error.
func (e *env) report(ds workouts.Diagnostics) bool {
	ds.Sort()
	e.printDiags(ds)
	return !ds.HasErrors()
}

// repsOf returns --reps: 0 when it is not given, else a count from 1 to
// 99.
func repsOf(c *cli.Context) (int, error) {
	reps := c.Int("reps")
	if c.IsSet("reps") && (reps < 1 || reps > 99) {
		return 0, usageErrorf("--reps %d is out of range (use 1 to 99)", reps)
	}
	return reps, nil
}

// definitions reads the definitions named by paths and the --athlete
// profile (see athlete), and returns them with the options to resolve them
// with. When the profile has errors, the error is inputFailed and the rest
// is returned all the same.
func (e *env) definitions(c *cli.Context, paths []string, reps int) ([]string, [][]byte, workouts.ResolveOptions, error) {
	names, datas, err := e.readInputs(paths)
	if err != nil {
		return nil, nil, workouts.ResolveOptions{}, err
	}
	athlete, err := e.athlete(c)
	return names, datas, workouts.ResolveOptions{Athlete: athlete, Reps: reps}, err
}

// compileDefinition parses one definition and, when it parses, resolves it
// with ro and encodes it with encs: the one pipeline of build, check,
// preview and connect push. noProfile compiles it with its named zones and
// loads taken out (withoutProfile). The problems are not sorted.
func compileDefinition(name string, data []byte, ro workouts.ResolveOptions, encs []encode.Encoder, opts encode.Options, noProfile bool) (*workouts.Workout, encode.Compiled, workouts.Diagnostics) {
	w, diags := workouts.Parse(name, data)
	var res encode.Compiled
	if !diags.HasErrors() {
		cw := w
		if noProfile {
			cw = withoutProfile(w) // the problems that do not depend on a profile
		}
		res = encode.Compile(cw, ro, encs, opts)
		diags = append(diags, res.Diags...)
	}
	return w, res, diags
}

// The flags that commands share.
var (
	athleteFlag = &cli.StringFlag{Name: "athlete", Usage: "athlete profile `FILE.yaml` for named zones, loads and units"}
	repsFlag    = &cli.IntFlag{Name: "reps", Usage: "count `N` for every ranged repeat (3-5)", DefaultText: "the low end of each range"}
)

func buildCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "build",
		Usage:     "compile workout definitions into workout files",
		ArgsUsage: "FILE.yaml... (- for stdin)",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: ".", Usage: "write files into `DIR` (- writes the one file to stdout)"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "fit", Usage: "output `FORMATS`, comma-separated (" + strings.Join(formatNames(), ", ") + ")"},
			athleteFlag,
			repsFlag,
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "do not list the files written"},
		},
		Action: e.build,
	}
}

// built is one file to write, with the step count of its workout.
type built struct {
	encode.File
	steps int
}

// compile parses, resolves and encodes every input; it prints every problem
// and returns the files to write only when there was no error.
func (e *env) compile(names []string, datas [][]byte, ro workouts.ResolveOptions, encs []encode.Encoder, outDir string, t time.Time) ([]built, bool) {
	ok := true
	var out []built
	written := map[string]string{}
	for i, name := range names {
		w, res, diags := compileDefinition(name, datas[i], ro, encs, encode.Options{Time: t}, false)
		for j, enc := range encs {
			if res.Workout == nil || res.Data[j] == nil {
				continue
			}
			path := filepath.Join(outDir, workouts.Slug(w.Name)+"."+encode.Extension(enc))
			if prev, dup := written[path]; dup {
				diags.Errorf(w.Pos, "writes %s, as %s does; give the workouts different names", path, prev)
				continue
			}
			written[path] = name
			out = append(out, built{encode.File{Path: path, Data: res.Data[j]}, workouts.CountSteps(res.Workout.Steps)})
		}
		ok = e.report(diags) && ok
	}
	return out, ok
}

func (e *env) build(c *cli.Context) error {
	paths := c.Args().Slice()
	if len(paths) == 0 {
		return usageErrorf("build needs at least one FILE.yaml (or - for stdin)")
	}
	encs, err := parseFormats(c.String("format"))
	if err != nil {
		return err
	}
	outDir := c.String("output")
	toStdout := outDir == "-"
	if toStdout && (len(paths) != 1 || len(encs) != 1) {
		return usageErrorf("-o - writes one file to stdout: give one input and one format")
	}
	reps, err := repsOf(c)
	if err != nil {
		return err
	}
	names, datas, ro, err := e.definitions(c, paths, reps)
	if err != nil {
		return err
	}
	// A bad SOURCE_DATE_EPOCH is a setting of the user's, like a bad flag.
	t, err := encode.TimeFromEnv(e.getenv)
	if err != nil {
		return usageErrorf("%s", err)
	}
	out, ok := e.compile(names, datas, ro, encs, outDir, t)
	if !ok {
		return inputFailed
	}
	if toStdout {
		if _, err := e.stdout.Write(out[0].Data); err != nil {
			return ioError(err)
		}
		return nil
	}
	files := make([]encode.File, len(out))
	for i, f := range out {
		files[i] = f.File
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return ioError(err)
	}
	if err := encode.WriteFiles(files); err != nil {
		return ioError(err)
	}
	if !c.Bool("quiet") {
		for _, f := range out {
			fmt.Fprintf(e.stdout, "wrote %s (%s, %d bytes)\n", term.Clean(f.Path), plural(f.steps, "step"), len(f.Data))
		}
	}
	return nil
}

func checkCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "parse and validate workout definitions; print every problem",
		ArgsUsage: "FILE.yaml... (- for stdin)",
		Flags: []cli.Flag{
			athleteFlag,
			&cli.IntFlag{Name: "reps", Usage: "check ranged repeats with count `N`", DefaultText: "the low end of each range"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "fit", Usage: "also report what `FORMATS` cannot hold, comma-separated (" + strings.Join(formatNames(), ", ") + ")"},
		},
		Action: e.check,
	}
}

// check validates each input. Named zones and loads pass without a profile;
// with --athlete they must resolve. Every definition is also encoded (and
// thrown away) so that device warnings show: without a profile, with its
// named zones and loads taken out (withoutProfile).
func (e *env) check(c *cli.Context) error {
	paths := c.Args().Slice()
	if len(paths) == 0 {
		return usageErrorf("check needs at least one FILE.yaml (or - for stdin)")
	}
	encs, err := parseFormats(c.String("format"))
	if err != nil {
		return err
	}
	reps, err := repsOf(c)
	if err != nil {
		return err
	}
	names, datas, ro, err := e.definitions(c, paths, reps)
	if err != nil && err != inputFailed {
		return err
	}
	failed := err != nil // the profile's errors: the definitions are checked all the same
	for i, name := range names {
		w, _, diags := compileDefinition(name, datas[i], ro, encs, encode.Options{}, ro.Athlete == nil)
		if !e.report(diags) {
			failed = true
			continue
		}
		fmt.Fprintf(e.stdout, "%s: ok (%s)\n", term.Clean(name), plural(workouts.CountSteps(w.Steps), "step"))
	}
	if failed {
		return inputFailed
	}
	return nil
}

func exercisesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "exercises",
		Usage:     "search the FIT strength exercise catalog",
		ArgsUsage: "[QUERY]",
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "limit", Aliases: []string{"n"}, Value: 25, Usage: "show at most `N` matches (0: all)"},
		},
		Action: func(c *cli.Context) error {
			q := strings.Join(c.Args().Slice(), " ")
			limit := c.Int("limit")
			if limit < 0 {
				return usageErrorf("--limit %d is negative", limit)
			}
			return e.exercises(q, limit)
		},
	}
}

// plural formats a count of things: "1 step", "5 steps".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
