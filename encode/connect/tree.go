package connect

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/workoutc/workoutc/workouts"
)

// MaxSize is the largest JSON Decode reads. A workout with 50 steps as a
// reply spells it (every field, nulls included) is about 60 kB.
const MaxSize = 4 << 20

// maxDepth bounds the nesting of the JSON (a workout nests repeats a few
// levels; the tree adds about three per level).
const maxDepth = 100

// node is one JSON value with where it starts in the input.
type node struct {
	kind  byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, 'z' null
	off   int
	keys  []string // object keys, in input order
	vals  []*node  // object values, by key order
	elems []*node  // array elements
	str   string   // string, or a number's text
	b     bool
}

// get returns the value of key in an object, nil when absent.
func (n *node) get(key string) *node {
	if n == nil || n.kind != 'o' {
		return nil
	}
	if i := slices.Index(n.keys, key); i >= 0 {
		return n.vals[i]
	}
	return nil
}

// has reports whether n is an object with key, null or not.
func (n *node) has(key string) bool { return n.get(key) != nil }

// isNull reports whether n is absent or null.
func (n *node) isNull() bool { return n == nil || n.kind == 'z' }

// number returns n as a number: a JSON number or a numeric string (a peer
// reports that the service takes both).
func (n *node) number() (float64, bool) {
	if n == nil || n.kind != 'n' && n.kind != 's' {
		return 0, false
	}
	v, err := strconv.ParseFloat(n.str, 64)
	return v, err == nil
}

// text returns n as a string; "" when it is not one.
func (n *node) text() string {
	if n == nil || n.kind != 's' {
		return ""
	}
	return n.str
}

// parser reads a JSON text into nodes.
type parser struct {
	data []byte
	dec  *json.Decoder
	dups []int // offsets of keys given twice
}

func parse(data []byte) (*node, *parser, error) {
	p := &parser{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	n, err := p.value(0)
	if err != nil {
		return nil, p, err
	}
	off := p.start()
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, p, &syntaxError{off: off, msg: "more than one JSON value"}
	}
	return n, p, nil
}

// syntaxError is an error at a byte offset.
type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

// start returns the offset of the next token: InputOffset is where the
// previous one ended, before blanks, commas and colons.
func (p *parser) start() int {
	i := int(p.dec.InputOffset())
	for i < len(p.data) {
		switch p.data[i] {
		case ' ', '\t', '\r', '\n', ',', ':':
			i++
			continue
		}
		break
	}
	return i
}

func (p *parser) value(depth int) (*node, error) {
	off := p.start()
	tok, err := p.dec.Token()
	if err != nil {
		return nil, p.wrap(off, err)
	}
	n := &node{off: off}
	switch t := tok.(type) {
	case json.Delim:
		if depth >= maxDepth {
			return nil, &syntaxError{off: off, msg: fmt.Sprintf("JSON nested more than %d deep", maxDepth)}
		}
		switch t {
		case '{':
			n.kind = 'o'
			seen := map[string]int{} // a key's index in keys
			for p.dec.More() {
				koff := p.start()
				kt, err := p.dec.Token()
				if err != nil {
					return nil, p.wrap(koff, err)
				}
				k, _ := kt.(string)
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				if i, dup := seen[k]; dup {
					p.dups = append(p.dups, koff)
					n.vals[i] = v // the last one counts, as in encoding/json
					continue
				}
				seen[k] = len(n.keys)
				n.keys = append(n.keys, k)
				n.vals = append(n.vals, v)
			}
		case '[':
			n.kind = 'a'
			for p.dec.More() {
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, v)
			}
		}
		if _, err := p.dec.Token(); err != nil { // the closing delimiter
			return nil, p.wrap(p.start(), err)
		}
	case string:
		n.kind, n.str = 's', t
	case json.Number:
		n.kind, n.str = 'n', t.String()
	case bool:
		n.kind, n.b = 'b', t
	case nil:
		n.kind = 'z'
	}
	return n, nil
}

func (p *parser) wrap(off int, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &syntaxError{off: int(se.Offset), msg: "not valid JSON: " + se.Error()}
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &syntaxError{off: len(p.data), msg: "not valid JSON: the text ends early"}
	}
	return &syntaxError{off: off, msg: "not valid JSON: " + err.Error()}
}

// lines turns byte offsets into positions.
type lines struct {
	file   string
	starts []int // offset of each line's first byte
	data   []byte
	// The last position asked for: positions are asked in input order,
	// so counting the characters from there keeps a one-line (minified)
	// file linear.
	lastOff, lastLine, lastCol int
}

func newLines(file string, data []byte) *lines {
	l := &lines{file: file, starts: []int{0}, data: data}
	for i, c := range data {
		if c == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// pos returns the position of offset off: line and column count from 1,
// the column in characters.
func (l *lines) pos(off int) workouts.Pos {
	off = max(0, min(off, len(l.data)))
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	from, col := l.starts[i], 1
	if l.lastLine == i+1 && l.lastOff <= off {
		from, col = l.lastOff, l.lastCol
	}
	col += utf8.RuneCount(l.data[from:off])
	l.lastOff, l.lastLine, l.lastCol = off, i+1, col
	return workouts.Pos{File: l.file, Line: i + 1, Col: col}
}
