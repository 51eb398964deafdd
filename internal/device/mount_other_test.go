//go:build !linux

package device

import (
	"errors"
	"testing"
)

func mountReadOnly(*testing.T, string) error { return errors.New("no tmpfs mounts on this OS") }
