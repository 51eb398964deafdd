package main

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/internal/batch"
	"github.com/workoutc/workoutc/internal/calendar"
	"github.com/workoutc/workoutc/internal/progress"
	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/club"
)

func batchCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "batch",
		Usage:     "personalised files for every athlete of a roster and every session of a plan",
		UsageText: "workoutc batch --roster ROSTER.csv --plan PLAN.yaml -o DIR [--format fit,tcx,connect]",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "roster", Aliases: []string{"r"}, Usage: "the club's `ROSTER.csv`: a header, then one athlete a row"},
			&cli.StringFlag{Name: "plan", Aliases: []string{"p"}, Usage: "the training block `PLAN.yaml`"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write DIR/<athlete>/<date>-<workout>.fit and DIR/index.csv into `DIR`"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "fit", Usage: "output `FORMATS`, comma-separated (" + strings.Join(formatNames(), ", ") + ")"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "compile `N` athletes at once (default: one per CPU)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print only the one summary line: no progress bar, no schedule line"},
			&cli.BoolFlag{Name: "schedule", Usage: "also write DIR/<athlete>/schedule.fit, the next 30 sessions on the watch's calendar"},
			&cli.StringFlag{Name: "from", Usage: "with --schedule: list sessions from `DATE` (YYYY-MM-DD; default: the plan's start)"},
			&cli.BoolFlag{Name: "allow-outside", Usage: "let the plan name workouts outside its folder tree (absolute paths, ../..)"},
		},
		Action: e.batch,
	}
}

func (e *env) batch(c *cli.Context) error {
	start := time.Now() // for the summary line only; never in a file
	if c.Args().Len() > 0 {
		return usageErrorf("batch takes no arguments (got %q); give --roster, --plan and -o", c.Args().First())
	}
	rosterPath, planPath, outDir := c.String("roster"), c.String("plan"), c.String("output")
	var missing []string
	for _, f := range []struct{ name, val string }{{"--roster ROSTER.csv", rosterPath}, {"--plan PLAN.yaml", planPath}, {"-o DIR", outDir}} {
		if f.val == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return usageErrorf("batch needs %s", strings.Join(missing, ", "))
	}
	if outDir == "-" {
		return usageErrorf("batch writes a folder of files; -o - (stdout) is for build")
	}
	if c.Int("jobs") < 0 {
		return usageErrorf("--jobs %d is negative", c.Int("jobs"))
	}
	encs, err := parseFormats(c.String("format"))
	if err != nil {
		return err
	}
	if c.Bool("schedule") && !hasFormat(encs, "fit") {
		return usageErrorf("--schedule puts FIT workouts on the watch's calendar, and --format %s writes none: add fit (--format fit,%s)", c.String("format"), c.String("format"))
	}
	t, err := encode.TimeFromEnv(e.getenv)
	if err != nil {
		return usageErrorf("%s", err)
	}
	from, err := scheduleFrom(c)
	if err != nil {
		return err
	}

	// SIGINT and SIGTERM stop the run where it is: while the inputs are
	// checked or before the commit, nothing changes; during it, its
	// renames are undone.
	ctx, stop := interruptible()
	defer stop()
	batch.HandlingSignals()

	// Everything is checked before anything is written.
	planData, err := readNamed(planPath, "plan")
	if err != nil {
		return err
	}
	// What the files depend on besides the roster: the plan and every
	// file it reads, as read (a re-run with the same reuses the files).
	inputs := sha256.New()
	record := func(p string, b []byte) { fmt.Fprintf(inputs, "%d:%s%d:", len(p), p, len(b)); inputs.Write(b) }
	record(planPath, planData)
	plan, diags := parsePlan(planPath, planData, c.Bool("allow-outside"), record)
	rf, err := openRoster(rosterPath)
	if err != nil {
		e.printDiags(diags)
		return inputError(err)
	}
	cl, rdiags, err := club.Check(plan, rosterPath, rf)
	rf.Close()
	if err != nil {
		e.printDiags(diags)
		return ioError(fmt.Errorf("reading %s: %w", rosterPath, err))
	}
	diags = append(diags, rdiags...)
	diags.Sort()
	e.printDiags(diags)
	if diags.HasErrors() || cl == nil {
		return inputFailed
	}

	opts := batch.Options{Dir: outDir, Encoders: encs, Time: t, Workers: c.Int("jobs"), Inputs: inputs.Sum(nil)}
	if c.Bool("schedule") {
		if from.IsZero() {
			from = plan.Start
		}
		if err := checkScheduleFrom(plan, from); err != nil {
			return err
		}
		opts.Schedule = &calendar.Options{From: from, Time: t}
	}
	var bar *progress.Bar
	if !c.Bool("quiet") && progress.IsTerminal(e.stderr, e.getenv) {
		bar = progress.New(e.stderr, "batch", "athletes", len(cl.Slugs))
		opts.Progress = func(done, _ int) { bar.Set(done) }
	}
	open := func() (io.ReadCloser, error) { return openRoster(rosterPath) }
	sum, err := batch.RunContext(ctx, cl, open, opts)
	stop()
	if bar != nil {
		bar.Done()
	}
	if sum.Recovered != "" {
		fmt.Fprintf(e.stderr, "workoutc: note: %s: %s\n", outDir, sum.Recovered)
	}
	e.printDiags(sum.Warnings)
	if err != nil {
		var ds workouts.Diagnostics
		if errors.As(err, &ds) {
			e.printDiags(ds)
			return inputFailed
		}
		if errors.Is(err, calendar.ErrNoSessions) {
			return &exitError{code: exitInput, msg: err.Error()}
		}
		return ioError(err)
	}
	fmt.Fprintln(e.stdout, summaryLine(sum, time.Since(start)))
	if opts.Schedule != nil {
		e.scheduleLines(sum, from, c.Bool("quiet"))
	}
	return nil
}

// hasFormat reports whether encs include the format name.
func hasFormat(encs []encode.Encoder, name string) bool {
	return slices.ContainsFunc(encs, func(e encode.Encoder) bool { return e.Format() == name })
}

// summaryLine is the one line a batch ends with.
func summaryLine(s batch.Summary, took time.Duration) string {
	return fmt.Sprintf("batch: %d athletes, %d files (%d written, %d unchanged, %d removed), %s in %s",
		s.Athletes, s.Files, s.Written, s.Unchanged, s.Removed, byteSize(s.Bytes), took.Round(time.Millisecond))
}

// byteSize formats n as "512 B", "38.2 kB", "12.4 MB".
func byteSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
