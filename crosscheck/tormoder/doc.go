// Package tormoder cross-checks workoutc's FIT files against a second,
// independent FIT decoder, github.com/tormoder/fit. It holds only a test.
//
// It is a module of its own so that the main module's go.mod lists only
// what workoutc uses: tormoder/fit brings a tools file whose linters would
// otherwise show up there as indirect requirements. CI (.ci/run) runs its
// test: cd crosscheck/tormoder && go test ./...
package tormoder
