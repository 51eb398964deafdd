package main

import "github.com/urfave/cli/v2"

func batchCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "batch",
		Usage: "(not built yet)",
		Action: func(*cli.Context) error {
			return &exitError{code: exitIO, msg: "batch is not built yet"}
		},
	}
}
