//go:build unix

package batch

import (
	"os"
	"syscall"
)

// fileNumber is the inode of the file at p: a file written again has
// another.
func fileNumber(p string) (uint64, error) {
	st, err := os.Stat(p)
	if err != nil {
		return 0, err
	}
	return st.Sys().(*syscall.Stat_t).Ino, nil
}
