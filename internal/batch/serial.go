package batch

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/workoutc/workoutc/encode"
	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/club"
)

// blockBits is how many low bits of a FIT serial number tell one
// athlete's files apart; the high 32-blockBits bits are the athlete's
// block.
const blockBits = 14

// BlockSize is how many serial numbers each athlete's block holds: the
// most FIT files a plan can give one athlete.
const BlockSize = 1 << blockBits

// MaxAthletes is the most athletes a batch holds: one block each, of all
// the blocks but the first and the last, whose serial numbers could be 0
// and 0xFFFFFFFF, the values FIT reads as invalid.
const MaxAthletes = 1<<(32-blockBits) - 2

// blockVersion starts what a member's first-choice block is hashed from.
// Change it only on purpose: every batch's serial numbers change with it.
const blockVersion = "workoutc/batch serial block 1\x00"

// Serials are the blocks of FIT serial numbers of a club's members, one
// block each, no two alike (see the package doc). Work them out once per
// club with NewSerials; they take four bytes per member.
type Serials struct {
	file   string   // the roster, for messages
	bits   uint     // low bits numbering a member's files
	blocks []uint32 // per roster index: the block's number (the high bits)
}

// NewSerials gives every member of c a block of BlockSize serial
// numbers. Each member's first choice is a block picked by a hash of
// their folder name; taking the folder names in sorted order, a member
// whose choice an earlier one took gets the next free block. The same
// folder names thus give the same blocks, whatever their order in the
// roster. More than MaxAthletes members is an error (a
// workouts.Diagnostics at the roster).
func NewSerials(c *club.Club) (*Serials, error) {
	return newSerials(c.File, c.Slugs, blockBits)
}

// newSerials is NewSerials for slugs, with blocks of 2^bits serial
// numbers (tests use small numbers of large blocks to force collisions).
func newSerials(file string, slugs []string, bits uint) (*Serials, error) {
	last := uint32(1)<<(32-bits) - 2 // the usable blocks are 1..last
	if uint64(len(slugs)) > uint64(last) {
		var ds workouts.Diagnostics
		ds.Errorf(workouts.Pos{File: file}, "%d athletes; a batch holds at most %d, as each athlete's FIT files are numbered in a block of %d serial numbers of their own: split the roster into smaller batches",
			len(slugs), last, 1<<bits)
		return nil, ds
	}
	order := make([]int32, len(slugs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(slugs[a], slugs[b]) })
	taken := newBits(int(last) + 1)
	blocks := make([]uint32, len(slugs))
	var buf []byte
	for _, i := range order {
		var b uint32
		buf, b = homeBlock(buf, slugs[i], last)
		for taken.get(int(b)) { // linear probing: some block is free
			if b++; b > last {
				b = 1
			}
		}
		taken.set(int(b))
		blocks[i] = b
	}
	return &Serials{file: file, bits: bits, blocks: blocks}, nil
}

// homeBlock returns a member's first-choice block, 1..last, hashed from
// their folder name; buf is scratch space, returned for reuse.
func homeBlock(buf []byte, slug string, last uint32) ([]byte, uint32) {
	buf = append(append(buf[:0], blockVersion...), slug...)
	sum := sha256.Sum256(buf)
	return buf, uint32(binary.BigEndian.Uint64(sum[:8])%uint64(last)) + 1
}

// Block returns the serial numbers of the member with roster index i: the
// block first to last (last = first + BlockSize - 1).
func (s *Serials) Block(i int) (first, last uint32) {
	first = s.blocks[i] << s.bits
	return first, first | s.mask()
}

// mask is the low bits of a serial number that number a member's files.
func (s *Serials) mask() uint32 { return 1<<s.bits - 1 }

// check reports whether s are the serials of c's members, and whether a
// member's FIT files, one per job of the plan and FIT encoder, fit into a
// block; a plan with more is an error at the plan.
func (s *Serials) check(c *club.Club, encs []encode.Encoder) error {
	if len(s.blocks) != len(c.Slugs) {
		return fmt.Errorf("batch: the serial numbers are for a roster of %d athletes, not %d", len(s.blocks), len(c.Slugs))
	}
	fits := 0
	for _, e := range encs {
		if e.Format() == "fit" {
			fits++
		}
	}
	if n := len(c.Plan.Jobs()) * fits; n > 1<<s.bits {
		var ds workouts.Diagnostics
		ds.Errorf(workouts.Pos{File: c.Plan.File}, "the plan gives each athlete %d FIT files; a batch gives an athlete at most %d, as each athlete's files are numbered in a block of %d serial numbers of their own: split the plan into shorter blocks",
			n, 1<<s.bits, 1<<s.bits)
		return ds
	}
	return nil
}

// bits is a fixed-size bit set.
type bits []uint64

func newBits(n int) bits      { return make(bits, (n+63)/64) }
func (b bits) set(i int)      { b[i/64] |= 1 << (i % 64) }
func (b bits) get(i int) bool { return b[i/64]&(1<<(i%64)) != 0 }
