package main

import "github.com/urfave/cli/v2"

func previewCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "preview",
		Usage: "(not built yet)",
		Action: func(*cli.Context) error {
			return &exitError{code: exitIO, msg: "preview is not built yet"}
		},
	}
}
