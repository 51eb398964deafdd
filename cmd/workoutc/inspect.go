package main

import "github.com/urfave/cli/v2"

func inspectCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "inspect",
		Usage: "(not built yet)",
		Action: func(*cli.Context) error {
			return &exitError{code: exitIO, msg: "inspect is not built yet"}
		},
	}
}
