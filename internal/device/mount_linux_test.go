package device

import (
	"syscall"
	"testing"
)

// mountReadOnly mounts an empty read-only tmpfs on dir until the test ends.
func mountReadOnly(t *testing.T, dir string) error {
	if err := syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_RDONLY, "size=64k"); err != nil {
		return err
	}
	t.Cleanup(func() { syscall.Unmount(dir, 0) })
	return nil
}
