package encode

import (
	"fmt"
	"os"
	"path/filepath"
)

// File is one output file: where it goes and what it holds.
type File struct {
	Path string
	Data []byte
}

// WriteFileAtomic writes data to path so that path either keeps what it had
// or holds all of data, never a part: it writes a temporary file in the same
// folder, syncs it, and renames it over path. The file gets mode 0644.
func WriteFileAtomic(path string, data []byte) error { return writeAtomic(path, data, true) }

// WriteFileAtomicNoSync is WriteFileAtomic without the sync: readers still
// see the old file or the new one, never a part, but a crash right after
// may lose the new file. For a batch of thousands of files, where a sync
// costs milliseconds a file, far more than the encoding.
func WriteFileAtomicNoSync(path string, data []byte) error { return writeAtomic(path, data, false) }

func writeAtomic(path string, data []byte, sync bool) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if sync {
		if err = tmp.Sync(); err != nil {
			return err
		}
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// WriteFiles writes every file atomically. All data must already be encoded:
// nothing is written before every input has been checked. When a write
// fails, the files this call already wrote are removed again if they did
// not exist before, so that a failed run leaves no new output.
func WriteFiles(files []File) error {
	var created []string
	for _, f := range files {
		_, statErr := os.Stat(f.Path)
		if err := WriteFileAtomic(f.Path, f.Data); err != nil {
			for _, p := range created {
				os.Remove(p)
			}
			return fmt.Errorf("writing %s: %w", f.Path, err)
		}
		if os.IsNotExist(statErr) {
			created = append(created, f.Path)
		}
	}
	return nil
}
