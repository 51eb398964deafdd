package batch

import (
	"context"

	"github.com/workoutc/workoutc/workouts/club"
)

// Run is RunContext with a context that is never done: the tests' way to
// run a batch (the command always passes its interruptible context).
func Run(c *club.Club, open Open, opts Options) (Summary, error) {
	return RunContext(context.Background(), c, open, opts)
}
