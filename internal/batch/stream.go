package batch

import (
	"bytes"
	"errors"
	"io"
	"os"
)

// stream is a file of the stage written as a stream (the index, the
// manifest, the journal) that most runs write exactly as the last run
// did. While what is written equals old, the file in place, nothing is
// written; at the first difference the stage file is created and given
// head and the equal part of old, and from then on it is written as it
// comes. A re-run that changes nothing creates none of them.
type stream struct {
	o    *outDir
	name string      // in the stage
	head []byte      // written first, never compared: the manifest's run line
	old  io.ReaderAt // nil: nothing in place, every byte differs
	oldN int64       // old's size
	n    int64       // bytes written so far (all equal to old's while f is nil)
	f    *os.File
	buf  []byte // old's bytes from bufAt
	at   int64
	err  error
}

// Write compares p with old or, once they differ, writes it to the stage.
func (s *stream) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.f == nil && s.equal(p) {
		s.n += int64(len(p))
		return len(p), nil
	}
	if s.f == nil {
		if s.err = s.create(); s.err != nil {
			return 0, s.err
		}
	}
	if _, s.err = (faulty{s.f, s.f.Name()}).Write(p); s.err != nil {
		return 0, s.err
	}
	s.n += int64(len(p))
	return len(p), nil
}

// equal reports whether old holds p at s.n, reading old in large pieces.
func (s *stream) equal(p []byte) bool {
	if s.old == nil || s.n+int64(len(p)) > s.oldN {
		return false
	}
	for pos := s.n; len(p) > 0; {
		if pos < s.at || pos >= s.at+int64(len(s.buf)) {
			if s.buf == nil {
				s.buf = make([]byte, 64<<10)
			}
			k, err := s.old.ReadAt(s.buf[:cap(s.buf)], pos)
			if k == 0 && err != nil {
				return false
			}
			s.buf, s.at = s.buf[:k], pos
		}
		from := s.buf[pos-s.at:]
		k := min(len(from), len(p))
		if !bytes.Equal(from[:k], p[:k]) {
			return false
		}
		p, pos = p[k:], pos+int64(k)
	}
	return true
}

// create starts the stage file: head, then the s.n bytes that equalled old.
func (s *stream) create() error {
	f, err := s.o.createStage(s.name)
	if err != nil {
		return err
	}
	s.f = f
	w := faulty{f, f.Name()}
	if _, err := w.Write(s.head); err != nil {
		return err
	}
	if s.n > 0 {
		if _, err := io.Copy(w, io.NewSectionReader(s.old, 0, s.n)); err != nil {
			return err
		}
	}
	return nil
}

// same reports whether everything written equals old, whole.
func (s *stream) same() bool {
	return s.err == nil && s.f == nil && s.old != nil && s.n == s.oldN
}

// stage makes sure the stage file holds everything written (creating it
// when all so far equalled old), then fsyncs and closes it.
func (s *stream) stage() error {
	if s.err != nil {
		return s.err
	}
	if s.f == nil {
		if s.err = s.create(); s.err != nil {
			return s.err
		}
	}
	err := syncClose(s.f)
	s.f = nil
	s.err = errStaged
	return err
}

// errStaged stops writes to a stream once it is staged.
var errStaged = errors.New("batch: stream written after it was staged")

// close closes the stage file if a failure left it open.
func (s *stream) close() {
	if s.f != nil {
		s.f.Close()
		s.f = nil
	}
}
