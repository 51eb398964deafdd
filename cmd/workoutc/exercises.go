package main

import (
	"bytes"
	"fmt"
	"text/tabwriter"

	"github.com/workoutc/workoutc/workouts/catalog"
)

// exercises prints the catalogue's matches of q, at most limit (0: all).
// For a plain name it first says which exercise a workout's "exercise: q"
// means and why, and lists that one first: the others are the
// alternatives, to be written by their key.
func (e *env) exercises(q string, limit int) error {
	entries := catalog.Search(q, limit)
	var buf bytes.Buffer
	if chosen, why, err := catalog.Explain(q); err == nil && why != "" {
		fmt.Fprintf(&buf, "%q means %s (%s): %s; write another by its CATEGORY/NAME\n", q, chosen.Key(), chosen.Title, why)
		rest := []catalog.Entry{chosen}
		for _, en := range entries {
			if en != chosen {
				rest = append(rest, en)
			}
		}
		if limit > 0 && len(rest) > limit {
			rest = rest[:limit]
		}
		entries = rest
	}
	if len(entries) == 0 {
		fmt.Fprintf(e.stderr, "workoutc: no exercise matches %q\n", q)
		return inputFailed
	}
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "EXERCISE\tCATEGORY/NAME\tNUMBERS\tCONNECT\tTITLE")
	for _, en := range entries {
		connect := "-"
		if catalog.InConnect(en) {
			connect = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d/%d\t%s\t%s\n", en.Phrase(), en.Key(), en.Category, en.Number, connect, en.Title)
	}
	tw.Flush()
	_, err := e.stdout.Write(buf.Bytes())
	return err
}
