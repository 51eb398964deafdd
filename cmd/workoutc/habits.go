package main

import (
	"fmt"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/workoutc/workoutc/workouts"
)

// The command-line habits users bring from other tools: `workoutc help
// CMD`, --version, a did-you-mean for a mistyped flag, a usage error for a
// flag that lacks its value.

// helpArgs turns `workoutc help [CMD]` into `workoutc [CMD] --help`, so
// that help is a command as in go, git and kubectl. An unknown CMD is left
// alone for the usual unknown-command message.
func helpArgs(app *cli.App, args []string) []string {
	if len(args) < 2 || args[1] != "help" {
		return args
	}
	if len(args) == 2 {
		return []string{args[0], "--help"}
	}
	if app.Command(args[2]) == nil {
		return append([]string{args[0]}, args[2:]...)
	}
	return []string{args[0], args[2], "--help"}
}

// flagHint rewrites urfave/cli's "flag provided but not defined: -athlet"
// as "unknown flag --athlet (did you mean "--athlete"?)", naming the flags
// of the command when none is close, and "flag needs an argument: -o" as
// "-o needs a value". Other messages are returned as they are,
// lower-cased.
func flagHint(flags []cli.Flag, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return fmt.Sprintf("%s needs a value", dashes(name))
	}
	name, ok := strings.CutPrefix(msg, "flag provided but not defined: -")
	if !ok {
		return lowerFirst(msg)
	}
	var names []string
	for _, f := range append(flags, cli.HelpFlag) {
		for _, n := range f.Names() {
			if !slices.Contains(names, dashes(n)) {
				names = append(names, dashes(n))
			}
		}
	}
	given := dashes(name)
	if s := workouts.Suggest(given, names); s != "" {
		return fmt.Sprintf("unknown flag %s (did you mean %q?)", given, s)
	}
	return fmt.Sprintf("unknown flag %s (flags: %s)", given, strings.Join(names, ", "))
}

// dashes writes a flag name as users type it: -o, --athlete.
func dashes(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// version is what --version prints after "workoutc version": the module
// version and, when the binary was built from a checkout, the VCS revision
// (and "modified" when the tree had changes), from the build information
// Go stamps into every binary.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown (no build information)"
	}
	return formatVersion(info)
}

func formatVersion(info *debug.BuildInfo) string {
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if rev != "" {
		v += " (revision " + rev + modified + ")"
	}
	if info.GoVersion != "" {
		v += " " + info.GoVersion
	}
	return v
}
