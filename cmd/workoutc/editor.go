package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/workoutc/workoutc/workouts/schema"
)

// Editor and shell support: `workoutc schema KIND` prints the JSON Schema
// of a YAML file kind, `workoutc completion SHELL` a completion script.

func schemaCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "schema",
		Usage:     "print the JSON Schema of a YAML file kind, for editors (" + strings.Join(schema.Kinds, ", ") + ")",
		ArgsUsage: strings.Join(schema.Kinds, "|"),
		Description: "Prints a JSON Schema (draft 2020-12) with every key, its description and its values, so that\n" +
			"editors with a YAML language server complete and check workoutc files:\n\n" +
			"   workoutc schema workout > workout.schema.json\n\n" +
			"and, as the first line of a workout definition:\n\n" +
			"   # yaml-language-server: $schema=workout.schema.json",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErrorf("schema needs one kind: %s", strings.Join(schema.Kinds, ", "))
			}
			b, err := schema.JSON(c.Args().First())
			if err != nil {
				return usageErrorf("schema: %v", err)
			}
			_, err = e.stdout.Write(b)
			return err
		},
	}
}

var shells = []string{"bash", "zsh", "fish"}

func completionCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script (" + strings.Join(shells, ", ") + ")",
		ArgsUsage: strings.Join(shells, "|"),
		Description: "bash:  source <(workoutc completion bash)   (or save it in ~/.local/share/bash-completion/completions/workoutc)\n" +
			"zsh:   source <(workoutc completion zsh)    (after compinit)\n" +
			"fish:  workoutc completion fish > ~/.config/fish/completions/workoutc.fish",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageErrorf("completion needs one shell: %s", strings.Join(shells, ", "))
			}
			var out string
			var err error
			switch sh := c.Args().First(); sh {
			case "bash":
				out = bashCompletion(c.App)
			case "zsh":
				out = zshCompletion(c.App)
			case "fish":
				out, err = c.App.ToFishCompletion()
			default:
				return usageErrorf("completion: unknown shell %q (shells: %s)", sh, strings.Join(shells, ", "))
			}
			if err == nil {
				_, err = fmt.Fprint(e.stdout, out)
			}
			return err
		},
	}
}

// fixedWords are what completes after schema and completion.
var fixedWords = map[string][]string{"schema": schema.Kinds, "completion": shells}

// ownFlags are c's flags, less the help flag urfave/cli adds to the
// command that runs.
func ownFlags(c *cli.Command) []cli.Flag {
	return slices.DeleteFunc(slices.Clone(c.Flags), func(f cli.Flag) bool { return f == cli.HelpFlag })
}

func commandNames(app *cli.App) []string {
	var names []string
	for _, c := range app.Commands {
		if !c.Hidden {
			names = append(names, c.Name)
		}
	}
	return append(names, "help")
}

func bashCompletion(app *cli.App) string {
	var b strings.Builder
	b.WriteString("# bash completion for workoutc: source <(workoutc completion bash)\n")
	b.WriteString("_workoutc() {\n")
	b.WriteString("  local cur=\"${COMP_WORDS[COMP_CWORD]}\"\n")
	b.WriteString("  COMPREPLY=()\n")
	fmt.Fprintf(&b, "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n    COMPREPLY=($(compgen -W %q -- \"$cur\"))\n    return 0\n  fi\n", strings.Join(append(commandNames(app), "--help", "--version"), " "))
	b.WriteString("  local flags=\"\" words=\"\"\n")
	b.WriteString("  case \"${COMP_WORDS[1]}\" in\n")
	for _, c := range app.Commands {
		var flags []string
		for _, f := range ownFlags(c) {
			for _, n := range f.Names() {
				flags = append(flags, dashes(n))
			}
		}
		fmt.Fprintf(&b, "  %s) flags=%q; words=%q ;;\n", c.Name, strings.Join(append(flags, "--help"), " "), strings.Join(fixedWords[c.Name], " "))
	}
	fmt.Fprintf(&b, "  help) words=%q ;;\n", strings.Join(commandNames(app), " "))
	b.WriteString("  esac\n")
	b.WriteString("  if [[ \"$cur\" == -* ]]; then\n    COMPREPLY=($(compgen -W \"$flags\" -- \"$cur\"))\n  elif [ -n \"$words\" ]; then\n    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n  else\n    COMPREPLY=($(compgen -f -- \"$cur\"))\n  fi\n")
	b.WriteString("}\n")
	b.WriteString("complete -o filenames -o bashdefault -F _workoutc workoutc\n")
	return b.String()
}

// zshWord escapes text for a zsh _arguments or _describe spec.
func zshWord(s string) string {
	r := strings.NewReplacer("'", "", "[", "(", "]", ")", ":", " -", "`", "", "\\", "")
	return r.Replace(s)
}

func zshCompletion(app *cli.App) string {
	var b strings.Builder
	b.WriteString("#compdef workoutc\n# zsh completion for workoutc: source <(workoutc completion zsh), after compinit\n")
	b.WriteString("_workoutc() {\n  local -a commands\n  commands=(\n")
	for _, c := range app.Commands {
		if !c.Hidden {
			fmt.Fprintf(&b, "    '%s:%s'\n", c.Name, zshWord(c.Usage))
		}
	}
	b.WriteString("    'help:show the help of a command'\n  )\n")
	b.WriteString("  if (( CURRENT == 2 )); then\n    _describe 'command' commands\n    return\n  fi\n")
	b.WriteString("  case $words[2] in\n")
	for _, c := range app.Commands {
		var specs []string
		for _, f := range ownFlags(c) {
			usage := ""
			if d, ok := f.(cli.DocGenerationFlag); ok {
				usage = d.GetUsage()
			}
			_, isBool := f.(*cli.BoolFlag)
			for _, n := range f.Names() {
				spec := fmt.Sprintf("'%s[%s]", dashes(n), zshWord(usage))
				if !isBool {
					spec += ":value:_files"
				}
				specs = append(specs, spec+"'")
			}
		}
		sort.Strings(specs)
		rest := "'*:file:_files'"
		if fixed := fixedWords[c.Name]; len(fixed) > 0 {
			rest = fmt.Sprintf("'1:word:(%s)'", strings.Join(fixed, " "))
		}
		fmt.Fprintf(&b, "    %s) _arguments -s %s %s ;;\n", c.Name, strings.Join(specs, " "), rest)
	}
	fmt.Fprintf(&b, "    help) _arguments '1:command:(%s)' ;;\n", strings.Join(commandNames(app), " "))
	b.WriteString("  esac\n}\n")
	b.WriteString("if [ \"$funcstack[1]\" = \"_workoutc\" ]; then\n  _workoutc \"$@\"\nelse\n  compdef _workoutc workoutc\nfi\n")
	return b.String()
}
