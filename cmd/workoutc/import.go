package main

import "github.com/urfave/cli/v2"

func importCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "import",
		Usage: "(not built yet)",
		Action: func(*cli.Context) error {
			return &exitError{code: exitIO, msg: "import is not built yet"}
		},
	}
}
