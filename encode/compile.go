package encode

import (
	"errors"

	"github.com/workoutc/workoutc/workouts"
)

// Compiled is a parsed definition resolved and encoded in one or more
// formats.
type Compiled struct {
	// Workout is the resolved workout; nil when resolution failed.
	Workout *workouts.Workout
	// Data holds each encoder's bytes, in the order of the encoders; an
	// entry is nil where that encoder failed.
	Data [][]byte
	// Diags holds every problem of resolution and encoding, sorted.
	Diags workouts.Diagnostics
}

// Compile resolves the parsed workout w with ro and encodes it with each of
// encs: the one pipeline that build, check and preview share. Every
// problem is in the result's Diags, located where the encoder located it.
func Compile(w *workouts.Workout, ro workouts.ResolveOptions, encs []Encoder, opts Options) Compiled {
	r, diags := workouts.Resolve(w, ro)
	c := Compiled{Diags: diags}
	if diags.HasErrors() {
		c.Diags.Sort()
		return c
	}
	c.Workout = r
	for _, enc := range encs {
		b, wd, err := enc.Encode(r, opts)
		c.Diags = append(c.Diags, wd...)
		if err != nil {
			c.Diags = append(c.Diags, Errors(w.Pos, enc, err)...)
			b = nil
		}
		c.Data = append(c.Data, b)
	}
	c.Diags.Sort()
	return c
}

// Errors returns an encoder's error as diagnostics: its own when the error
// locates the problems (what an input asks that the format cannot hold),
// else one at pos naming the format.
func Errors(pos workouts.Pos, enc Encoder, err error) workouts.Diagnostics {
	var located workouts.Diagnostics
	if errors.As(err, &located) && len(located) > 0 {
		return located
	}
	var ds workouts.Diagnostics
	ds.Errorf(pos, "%s: %v", enc.Format(), err)
	return ds
}
