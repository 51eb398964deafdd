package main

import "github.com/urfave/cli/v2"

func pushCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "push",
		Usage: "(not built yet)",
		Action: func(*cli.Context) error {
			return &exitError{code: exitIO, msg: "push is not built yet"}
		},
	}
}
