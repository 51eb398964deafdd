package main

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/workoutc/workoutc/internal/device"
)

func pushCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "push",
		Usage:     "copy workout and schedule files onto a mounted Garmin watch",
		ArgsUsage: "FILE.fit|DIR...",
		Description: "Finds the watch (a mounted folder holding GARMIN/GarminDevice.xml) and copies the\n" +
			"files into the folder its GarminDevice.xml names for new files (GARMIN/NewFiles).\n" +
			"A folder argument gives the .fit files directly in it. Without --device, looks in\n" +
			"/media/*/*, /media/*, /run/media/*/*, /Volumes/* and gvfs MTP mounts (or in the\n" +
			"patterns of " + device.RootsEnv + ", separated like PATH).",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "device", Aliases: []string{"d"}, Usage: "the watch's mounted `FOLDER` (the root of its drive)"},
			&cli.BoolFlag{Name: "dry-run", Aliases: []string{"n"}, Usage: "list what would be copied where; write nothing"},
			&cli.BoolFlag{Name: "force", Aliases: []string{"f"}, Usage: "replace a different file of the same name on the watch"},
		},
		Action: e.push,
	}
}

func (e *env) push(c *cli.Context) error {
	paths := c.Args().Slice()
	if len(paths) == 0 {
		return usageErrorf("push needs at least one FILE.fit or folder")
	}
	srcs, diags, err := device.ReadSources(paths)
	if err != nil {
		return ioError(err)
	}
	if diags.HasErrors() {
		e.printDiags(diags)
		return inputFailed
	}
	var dev *device.Device
	if c.IsSet("device") {
		dev, err = device.Open(c.String("device"))
	} else {
		dev, err = device.Find(device.Roots(e.getenv), func(msg string) { fmt.Fprintf(e.stderr, "workoutc: warning: %s\n", msg) })
	}
	if err != nil {
		return deviceError(err)
	}
	plan, diags, err := dev.Plan(srcs, c.Bool("force"))
	if err != nil {
		return deviceError(err)
	}
	e.printDiags(diags)
	if diags.HasErrors() {
		return inputFailed
	}
	apply := !c.Bool("dry-run")
	if apply {
		if err := plan.Apply(); err != nil {
			return deviceError(err)
		}
	}
	fmt.Fprintf(e.stdout, "device: %s\n", dev)
	plan.Report(e.stdout, apply)
	if apply && plan.Copies() > 0 {
		fmt.Fprintln(e.stdout, "eject the watch: it takes the new files in when it is disconnected")
	}
	return nil
}

// deviceError maps the device package's errors to exit codes.
func deviceError(err error) error {
	code := exitIO
	switch {
	case errors.Is(err, device.ErrNotDevice):
		code = exitInput
	case errors.Is(err, device.ErrAmbiguous):
		code = exitUsage
	}
	return &exitError{code: code, msg: err.Error()}
}
