// Command workoutc compiles structured workouts written in YAML into files a
// watch runs step by step: Garmin FIT workout files (and, with --format,
// other formats). See README.md for the language and the commands.
//
// This package only parses flags and wires the workouts and encode packages
// together; run is the whole program and tests call it directly.
package main

import "os"

func main() {
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}
