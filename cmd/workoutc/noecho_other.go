//go:build !linux

package main

import "io"

// noEcho is a no-op where workoutc does not know how to turn the
// terminal's echo off: the secret shows as it is typed.
func noEcho(io.Reader) func() { return func() {} }
