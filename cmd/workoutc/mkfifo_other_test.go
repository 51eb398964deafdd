//go:build !unix

package main

import "errors"

// mkfifo: no named pipes here; the tests that need one skip.
func mkfifo(string) error { return errors.New("no named pipes on this OS") }
