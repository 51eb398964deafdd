package preview_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/preview"
)

func ExampleProfile_WriteText() {
	src := `name: Tempo
steps:
  - warmup: 1 mi
    target: pace 9:30-10:30 /mi
  - repeat: 3
    steps:
      - run: 5 min
        target: pace 7:45-8:00 /mi
      - recover: 2 min
  - cooldown: lap
`
	w, diags := workouts.Parse("tempo.yaml", []byte(src))
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	r, _ := workouts.Resolve(w, workouts.ResolveOptions{})
	preview.New(r).WriteText(os.Stdout)
	// Output:
	// Tempo
	// running · units as written · 8 steps as executed
	//
	// STEP       DURATION  TARGET               TIME    DISTANCE      NAME
	// warmup     1 mi      pace 9:30-10:30 /mi  ~10:00  1.00 mi
	// repeat     3 × 7:00                       21:00   ~1.90 mi + ?
	//   run      5:00      pace 7:45-8:00 /mi   5:00    ~0.63 mi
	//   recover  2:00      open                 2:00    ?
	// cooldown   lap       open                 ?       ?
	//
	// time      ~31:00 + ? for 1 step of unknown length (until the lap button)
	// distance  ~2.90 mi + ? for 4 steps with no pace target (6:00 of the time)
	// ~ estimated: time and distance at the middle of the step's pace range
	// ? not estimated and not in the totals: the workout does not say
}

func ExampleNew() {
	w, _ := workouts.Parse("circuit.yaml", []byte(`name: Circuit
sport: strength
steps:
  - repeat: 3
    steps:
      - exercise: dumbbell squat
        reps: 10
        weight: 15 lb
      - exercise: single leg romanian deadlift with dumbbell
        reps: 10
        each_side: true
        weight: 15 lb
      - rest: 1 min
`))
	r, _ := workouts.Resolve(w, workouts.ResolveOptions{})
	p := preview.New(r)
	t := p.Totals
	fmt.Printf("%d blocks; %v sets, %v reps, %v %s; ~%v s\n", len(p.Blocks), t.Sets, t.Reps, t.Volume, t.VolumeUnit, t.Seconds)
	for _, b := range p.Blocks[:3] {
		fmt.Printf("%s at %v s for %v s (%v), round %d of %d\n", b.Category, b.Start, b.Seconds, b.Time == preview.Estimated, b.Rounds[0].N, b.Rounds[0].Of)
	}
	// Output:
	// 9 blocks; 6 sets, 90 reps, 1350 lb; ~450 s
	// work at 0 s for 30 s (true), round 1 of 3
	// work at 30 s for 60 s (true), round 1 of 3
	// rest at 90 s for 60 s (false), round 1 of 3
}

func ExampleProfile_WriteSVG() {
	w, _ := workouts.Parse("hills.yaml", []byte(`name: Hills
steps:
  - warmup: 10 min
  - repeat: 4
    steps:
      - run: 2 min
      - recover: 1 min
  - cooldown: 10 min
`))
	r, _ := workouts.Resolve(w, workouts.ResolveOptions{})
	var b strings.Builder
	preview.New(r).WriteSVG(&b)
	svg := b.String()
	fmt.Println(strings.HasPrefix(svg, `<svg xmlns="http://www.w3.org/2000/svg"`))
	fmt.Println(strings.Count(svg, `<rect class="step"`), "blocks")
	// Output:
	// true
	// 10 blocks
}
