package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/workoutc/workoutc/internal/term"
	"github.com/workoutc/workoutc/workouts"
)

// Exit codes, as the contract fixes them.
const (
	exitOK    = 0 // success
	exitInput = 1 // the input is wrong (a user error)
	exitUsage = 2 // bad flags or arguments
	exitIO    = 3 // environment or I/O failure
)

// exitError carries an exit code out of a command. Its message, when not
// empty, is printed to stderr as "workoutc: message".
type exitError struct {
	code int
	msg  string
	// located: msg starts with its place ("FILE: message") and is printed
	// as it is, like a diagnostic.
	located bool
}

func (e *exitError) Error() string { return e.msg }

// usageErrorf formats a one-line usage error; its string and error
// arguments (flags, names and values from the command line) are cut and
// escaped (term.Value).
func usageErrorf(format string, args ...any) error {
	for i, a := range args {
		switch v := a.(type) {
		case string:
			args[i] = term.Value(v)
		case error:
			args[i] = term.Value(v.Error())
		}
	}
	return &exitError{code: exitUsage, msg: fmt.Sprintf(format, args...)}
}

// onUsageError words a bad flag of a command: "NAME: unknown flag …
// (see 'workoutc NAME --help')", NAME after its parent's (parent).
func onUsageError(parent string) cli.OnUsageErrorFunc {
	return func(ctx *cli.Context, err error, _ bool) error {
		name := parent + ctx.Command.Name
		return usageErrorf("%s: %s (see 'workoutc %s --help')", name, flagHint(ctx.Command.Flags, err), name)
	}
}

func ioError(err error) error {
	return &exitError{code: exitIO, msg: term.Clean(err.Error())}
}

// inputFailed is returned when problems were already printed.
var inputFailed = &exitError{code: exitInput}

// env is what a command needs from the outside world.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// badCommand is set when the command name was not one of ours:
	// urfave/cli reports that through CommandNotFound, not as an error.
	badCommand bool
}

// run is the whole program: it parses args (args[0] is the program name),
// runs the command and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	// Every message goes through the one printer that escapes control
	// characters (internal/term): the net under the values each message
	// escapes itself.
	errw := term.NewWriter(stderr)
	defer errw.Flush()
	stderr = errw
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	app := newApp(e)
	if len(args) < 2 {
		fmt.Fprintln(stderr, "workoutc: no command given")
		app.Writer = stderr
		app.Setup() // names the program in the usage's NAME line
		_ = cli.ShowAppHelp(cli.NewContext(app, nil, nil))
		return exitUsage
	}
	err := app.RunContext(context.Background(), reorderAt(app.Commands, helpArgs(app, args), 1))
	if err == nil {
		if e.badCommand {
			return exitUsage
		}
		return exitOK
	}
	var xe *exitError
	if errors.As(err, &xe) {
		if xe.msg != "" && xe.located {
			fmt.Fprintf(stderr, "%s\n", xe.msg)
		} else if xe.msg != "" {
			fmt.Fprintf(stderr, "workoutc: %s\n", xe.msg)
		}
		return xe.code
	}
	// Anything else urfave/cli returns is about the command line.
	fmt.Fprintf(stderr, "workoutc: %s\n", term.Value(err.Error()))
	return exitUsage
}

func newApp(e *env) *cli.App {
	app := &cli.App{
		Name:            "workoutc",
		Usage:           "compile structured workouts (YAML) into Garmin FIT workout files",
		UsageText:       "workoutc COMMAND [flags] [args]\nworkoutc help COMMAND",
		Version:         version(),
		Writer:          e.stdout,
		ErrWriter:       e.stderr,
		HideHelpCommand: true,
		// Never let urfave/cli call os.Exit; run maps errors to codes.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(ctx *cli.Context, err error, _ bool) error {
			return usageErrorf("%s (see 'workoutc --help')", flagHint(ctx.App.Flags, err))
		},
		CommandNotFound: func(c *cli.Context, name string) {
			e.badCommand = true
			fmt.Fprintf(e.stderr, "workoutc: unknown command %s%s\n", term.Quote(name), commandHint(c.App.Commands, name))
		},
		Commands: []*cli.Command{
			buildCommand(e),
			checkCommand(e),
			inspectCommand(e),
			importCommand(e),
			exercisesCommand(e),
			batchCommand(e),
			pushCommand(e),
			previewCommand(e),
			schemaCommand(e),
			completionCommand(e),
			connectCommand(e),
		},
	}
	for _, c := range app.Commands {
		c.OnUsageError = onUsageError("")
	}
	return app
}

// commandHint suggests the closest of the commands' names, else lists them.
func commandHint(cmds []*cli.Command, name string) string {
	var names []string
	for _, c := range cmds {
		names = append(names, c.Name)
	}
	if s := workouts.Suggest(name, names); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return " (commands: " + strings.Join(names, ", ") + ")"
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// reorderAt moves the flags of the command named by args[at], one of cmds,
// before its positional arguments: urfave/cli v2 stops parsing flags at the
// first positional argument, but users write "workoutc build hills.yaml -o
// out". A lone "-" (stdin) is a positional argument; "--" ends the flags. A
// command with subcommands passes on to the subcommand.
func reorderAt(cmds []*cli.Command, args []string, at int) []string {
	if len(args) < at+2 {
		return args
	}
	i := slices.IndexFunc(cmds, func(c *cli.Command) bool { return c.HasName(args[at]) })
	if i < 0 {
		return args
	}
	cmd := cmds[i]
	if len(cmd.Subcommands) > 0 {
		return reorderAt(cmd.Subcommands, args, at+1)
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	var flags, pos []string
	rest := args[at+1:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		switch {
		case a == "--":
			pos = append(pos, rest[i+1:]...)
			i = len(rest)
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && takesValue[name] {
				if i+1 == len(rest) || isFlagName(rest[i+1], takesValue) {
					// The value is missing (at the end, or another of
					// the command's flags follows): the flag goes last,
					// alone, for urfave/cli's "flag needs an argument" (a
					// usage error), not before "--" as if "--" were its
					// value.
					return append(append(append([]string(nil), args[:at+1]...), flags[:len(flags)-1]...), a)
				}
				i++
				flags = append(flags, rest[i])
			}
		default:
			pos = append(pos, a)
		}
	}
	out := append(append([]string(nil), args[:at+1]...), flags...)
	if len(pos) > 0 {
		out = append(out, "--")
		out = append(out, pos...)
	}
	return out
}

// isFlagName reports whether a is one of the command's flags written out
// (--athlete, -o): not a value a user would give a flag.
func isFlagName(a string, flags map[string]bool) bool {
	if a == "-" || !strings.HasPrefix(a, "-") {
		return false
	}
	name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
	_, ok := flags[name]
	return ok
}

// interruptible is a context cancelled on Ctrl-C (SIGINT) or SIGTERM, so
// that a long run (a batch, a push to Garmin Connect) stops where it is
// and reports what it did, rather than dying mid-way.
func interruptible() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}
