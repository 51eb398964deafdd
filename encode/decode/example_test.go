package decode_test

import (
	"fmt"
	"os"

	"github.com/workoutc/workoutc/encode/decode"
	"github.com/workoutc/workoutc/workouts"
)

// File tells the formats apart by content, whatever the file is called.
func ExampleFile() {
	for _, name := range []string{"hill-repeats.fit", "hill-repeats.tcx", "hill-repeats.json"} {
		data, err := os.ReadFile("../../testdata/" + name)
		if err != nil {
			fmt.Println(err)
			return
		}
		format, w, _, err := decode.File(name, data)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s: %s, %q, %d steps\n", name, format, w.Name, workouts.CountSteps(w.Steps))
	}
	_, _, _, err := decode.File("notes.txt", []byte("run easy\n"))
	fmt.Println(err)
	// Output:
	// hill-repeats.fit: fit, "Hill Repeats", 5 steps
	// hill-repeats.tcx: tcx, "Hill Repeats", 5 steps
	// hill-repeats.json: connect, "Hill Repeats", 5 steps
	// notes.txt: neither a FIT, a TCX nor a Connect JSON file (a FIT file has ".FIT" in its header, a TCX file is XML, Connect JSON is an object)
}
