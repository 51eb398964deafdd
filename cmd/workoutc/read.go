package main

import (
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/workoutc/workoutc/internal/input"
	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/club"
)

// The caps of the readers (internal/input): the same for every command
// that reads a file of the kind.
const (
	// maxDefinition caps workout definitions, athlete profiles and plans,
	// and the workouts a plan names.
	maxDefinition = workouts.MaxFileSize
	// maxRosterFile caps a roster (tens of thousands of athletes).
	maxRosterFile = 64 << 20
)

// inputError maps a reader's error to an exit: a file that is not a
// regular file or is too large is the user's input (exit 1, printed as a
// located message, "FILE: message"); anything else is the environment
// (exit 3).
func inputError(err error) error {
	var ie *input.Error
	if errors.As(err, &ie) && ie.Kind != nil {
		return &exitError{code: exitInput, msg: err.Error(), located: true}
	}
	return ioError(err)
}

// readNamed reads a definition, profile or plan (noun says which): a
// regular file of at most maxDefinition bytes.
func readNamed(p string, noun string) ([]byte, error) {
	b, err := input.ReadFile(p, maxDefinition, noun)
	if err != nil {
		return nil, inputError(err)
	}
	return b, nil
}

// openRoster opens a roster for reading: a regular file of at most
// maxRosterFile bytes.
func openRoster(p string) (io.ReadCloser, error) {
	f, _, err := input.Open(p, maxRosterFile, "roster")
	if err != nil {
		return nil, err
	}
	return f, nil
}

// parsePlan reads a plan and its workouts, passing each to record as it
// is read: regular files of at most maxDefinition bytes, inside the plan's
// own folder (and its subfolders) unless outside is true. A name that leads
// out of it (an absolute path, "../..", or a link that points out) is
// refused without reading it, so that a plan never makes the tool read, or
// quote, any other file.
func parsePlan(planPath string, data []byte, outside bool, record func(path string, data []byte)) (*club.Plan, workouts.Diagnostics) {
	root := filepath.Dir(planPath)
	read := func(p string) ([]byte, error) {
		if !outside {
			if err := insideFolder(root, p); err != nil {
				return nil, err
			}
		}
		b, err := input.ReadFile(p, maxDefinition, "workout definition")
		if err == nil {
			record(p, b)
		}
		return b, err
	}
	if outside {
		root = "" // confines nothing
	}
	return club.ParsePlanIn(planPath, data, read, root)
}

// errOutside is a plan's workout outside the plan's folder.
var errOutside = errors.New("outside the plan's folder")

// insideFolder checks that p, resolved through any links, is base or
// under it.
func insideFolder(base, p string) error {
	absBase, err := filepath.Abs(base)
	if err != nil {
		return err
	}
	if rb, err := filepath.EvalSymlinks(absBase); err == nil {
		absBase = rb
	}
	absP, err := filepath.Abs(p)
	if err != nil {
		return err
	}
	if rp, err := filepath.EvalSymlinks(absP); err == nil {
		absP = rp
	}
	rel, err := filepath.Rel(absBase, absP)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return &input.Error{Path: p, Kind: errOutside, Msg: "a link that leads outside the plan's folder (batch --allow-outside lifts this)"}
	}
	return nil
}

const stdinName = "<stdin>"

// readArg reads a file named on the command line ("-": stdin) whole: at
// most max bytes of a regular file, a noun ("workout file"). It returns
// the name messages call it by.
func (e *env) readArg(path string, max int64, noun string) (string, []byte, error) {
	name, b, err := path, []byte(nil), error(nil)
	if path == "-" {
		name = stdinName
		b, err = input.Read(e.stdin, name, max, noun)
	} else {
		b, err = input.ReadFile(path, max, noun)
	}
	if err != nil {
		return "", nil, inputError(err)
	}
	return name, b, nil
}

// readInputs reads the definitions named on the command line ("-" is
// stdin, once). It returns the name to use in messages and the bytes of
// each.
func (e *env) readInputs(paths []string) ([]string, [][]byte, error) {
	names := make([]string, len(paths))
	datas := make([][]byte, len(paths))
	for i, p := range paths {
		if p == "-" && slices.Contains(paths[:i], "-") {
			return nil, nil, usageErrorf("- (stdin) given twice")
		}
		var err error
		if names[i], datas[i], err = e.readArg(p, maxDefinition, "workout definition"); err != nil {
			return nil, nil, err
		}
	}
	return names, datas, nil
}

// athlete reads the --athlete profile, if given, and prints its problems;
// when they include errors it returns inputFailed with what it read.
func (e *env) athlete(c *cli.Context) (*workouts.Athlete, error) {
	path := c.String("athlete")
	if path == "" {
		return nil, nil
	}
	b, err := readNamed(path, "athlete profile")
	if err != nil {
		return nil, err
	}
	a, diags := workouts.ParseAthlete(path, b)
	if !e.report(diags) {
		return a, inputFailed
	}
	return a, nil
}
