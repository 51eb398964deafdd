//go:build batchfault && unix

package batch

import (
	"os"
	"time"
)

// Built only with -tags batchfault, for the tests that kill and signal
// the real binary (kill_test.go): the environment slows a run down so
// that a kill lands anywhere in it, or holds it once it has the lock.
//
//	WORKOUTC_BATCH_FAULT_DELAY=2ms   sleep before every file write and rename
//	WORKOUTC_BATCH_FAULT_HOLD=FILE   after taking the lock, wait until FILE exists
//	WORKOUTC_BATCH_FAULT_READY=FILE  create FILE once signals stop the run
func init() {
	if ready := os.Getenv("WORKOUTC_BATCH_FAULT_READY"); ready != "" {
		onSignals = func() { os.WriteFile(ready, nil, 0o644) }
	}
	delay, _ := time.ParseDuration(os.Getenv("WORKOUTC_BATCH_FAULT_DELAY"))
	hold := os.Getenv("WORKOUTC_BATCH_FAULT_HOLD")
	if delay <= 0 && hold == "" {
		return
	}
	fault = func(op, name string) error {
		if op == "locked" && hold != "" {
			for i := 0; i < 12000; i++ { // at most two minutes
				if _, err := os.Stat(hold); err == nil {
					break
				}
				time.Sleep(10 * time.Millisecond)
			}
		}
		if delay > 0 && (op == "write" || op == "rename") {
			time.Sleep(delay)
		}
		return nil
	}
}
