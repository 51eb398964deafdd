package device

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/workoutc/workoutc/internal/term"
)

// MaxManifestSize is the largest GarminDevice.xml ParseManifest reads.
// Real ones are 10–60 kB.
const MaxManifestSize = 1 << 20

// namespacePrefix starts the namespace of GarminDevice.xml
// (http://www.garmin.com/xmlschemas/GarminDevice/v2). Elements in other
// namespaces (device extensions) are skipped.
const namespacePrefix = "http://www.garmin.com/xmlschemas/GarminDevice/"

// Transfer directions of a File entry in GarminDevice.xml.
const (
	InputToUnit    = "InputToUnit"    // the watch takes files from this folder (its inbox)
	OutputFromUnit = "OutputFromUnit" // the watch writes files there
	InputOutput    = "InputOutput"    // both
)

// Manifest is what push reads from GARMIN/GarminDevice.xml: the model's
// name and the data types with their folders. Nothing else of the file is
// kept: it can hold device keys, and it is never printed whole.
type Manifest struct {
	// Model is Device/Model/Description, e.g. "Forerunner 245"; may be
	// empty.
	Model string
	// DataTypes are the Device/MassStorageMode/DataType entries, in file
	// order.
	DataTypes []DataType
}

// DataType is one Device/MassStorageMode/DataType entry.
type DataType struct {
	// Name is the data type's name: FIT_TYPE_N for FIT files of type N
	// (5 workouts, 7 schedules), or an older name (FitnessWorkouts, ...).
	Name  string
	Files []File
}

// File is one DataType/File entry: where files of the data type live and
// which way they travel.
type File struct {
	// Path is Location/Path, relative to the drive's root, as the manifest
	// spells it ("GARMIN/NEWFILES"); empty when not given.
	Path string
	// Extension is Location/FileExtension ("FIT", "TCX").
	Extension string
	// Direction is TransferDirection: InputToUnit, OutputFromUnit or
	// InputOutput.
	Direction string
}

// Input reports whether files travel from a computer to the watch.
func (f File) Input() bool { return f.Direction == InputToUnit || f.Direction == InputOutput }

// ParseManifest reads a GarminDevice.xml document from r: namespace-aware
// (elements of the GarminDevice namespace, any version, or of no
// namespace), at most MaxManifestSize bytes. Its errors never quote the
// document's text.
func ParseManifest(r io.Reader) (*Manifest, error) {
	lr := &io.LimitedReader{R: r, N: MaxManifestSize + 1}
	d := xml.NewDecoder(lr)
	d.Strict = true
	d.CharsetReader = func(charset string, input io.Reader) (io.Reader, error) {
		switch strings.ToLower(charset) {
		case "utf-8", "us-ascii", "ascii":
			return input, nil
		}
		return nil, fmt.Errorf("encoding %q is not supported", charset)
	}
	// Only the first maxPathDepth open elements are kept by name, and the
	// path of open elements is matched against the few known ones only
	// while it is that shallow: work per element stays constant however
	// deep a hostile document nests (joining the whole stack at every
	// element was quadratic).
	const maxPathDepth = 7 // Device/MassStorageMode/DataType/File/Location/Path
	var (
		m     Manifest
		stack []string // local names of the open elements, ours only, up to maxPathDepth
		depth int      // how many of ours are open
		text  strings.Builder
		long  bool // text went past maxText
		root  bool
		dt    *DataType
		file  *File
	)
	const maxText = 4096
	at := func() string {
		if depth > maxPathDepth {
			return ""
		}
		return strings.Join(stack, "/")
	}
	fail := func(err error) (*Manifest, error) {
		if lr.N <= 0 {
			return nil, fmt.Errorf("larger than %d bytes", MaxManifestSize)
		}
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("not well-formed XML (line %d)", se.Line)
		}
		return nil, fmt.Errorf("not readable XML: %s", clip(err.Error())) // encoding/xml can quote some of the input
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != "" && !strings.HasPrefix(t.Name.Space, namespacePrefix) {
				if err := d.Skip(); err != nil {
					return fail(err)
				}
				continue
			}
			if depth == 0 {
				if root {
					return nil, errors.New("more than one root element")
				}
				if t.Name.Local != "Device" {
					return nil, fmt.Errorf("root element is <%s>, want <Device>", clip(t.Name.Local))
				}
				root = true
			}
			depth++
			if depth <= maxPathDepth {
				stack = append(stack, t.Name.Local)
			}
			text.Reset()
			long = false
			switch at() {
			case "Device/MassStorageMode/DataType":
				m.DataTypes = append(m.DataTypes, DataType{})
				dt, file = &m.DataTypes[len(m.DataTypes)-1], nil
			case "Device/MassStorageMode/DataType/File":
				dt.Files = append(dt.Files, File{})
				file = &dt.Files[len(dt.Files)-1]
			}
		case xml.CharData:
			if text.Len()+len(t) <= maxText {
				text.Write(t)
			} else {
				long = true
			}
		case xml.EndElement:
			if depth == 0 {
				continue
			}
			v := strings.TrimSpace(text.String())
			switch at() {
			case "Device/Model/Description":
				m.Model = clip(v)
			case "Device/MassStorageMode/DataType/Name":
				dt.Name = clip(v)
			case "Device/MassStorageMode/DataType/File/Location/Path":
				// The path is used as it is written, never clipped: clip
				// is for messages only.
				if long {
					line, _ := d.InputPos()
					return nil, fmt.Errorf("a folder path longer than %d bytes (line %d)", maxText, line)
				}
				file.Path = v
			case "Device/MassStorageMode/DataType/File/Location/FileExtension":
				file.Extension = clip(v)
			case "Device/MassStorageMode/DataType/File/TransferDirection":
				file.Direction = clip(v)
			}
			if depth <= maxPathDepth {
				stack = stack[:len(stack)-1]
			}
			depth--
			text.Reset()
			long = false
		}
	}
	if lr.N <= 0 {
		return nil, fmt.Errorf("larger than %d bytes", MaxManifestSize)
	}
	if !root {
		return nil, errors.New("no <Device> element")
	}
	return &m, nil
}

// clip cuts s to 100 bytes and escapes control characters, so that nothing
// long or odd from a manifest reaches a terminal. For messages only: a
// clipped value is never used as a path.
func clip(s string) string {
	return term.Clean(term.Cut(s, 100))
}

// fitTypeName is the data type name GarminDevice.xml gives FIT files of
// type t: "FIT_TYPE_5" for workouts.
func fitTypeName(t uint8) string { return "FIT_TYPE_" + strconv.Itoa(int(t)) }

// DefaultInbox is where a watch takes new files when its manifest does not
// name a folder.
const DefaultInbox = "GARMIN/NewFiles"

// Route says where the device takes FIT files of one type.
type Route struct {
	// Declared is true when the manifest lists the type (FIT_TYPE_N).
	Declared bool
	// Inbox is the folder, relative to the drive's root with forward
	// slashes, that new files go to: the first InputToUnit path, else the
	// first InputOutput path, else DefaultInbox.
	Inbox string
	// Default is true when Inbox is DefaultInbox because the manifest
	// names no input folder.
	Default bool
	// Stores are the other folders of the type (where the watch keeps
	// what it imported), for telling whether a file is already there.
	Stores []string
}

// Route returns where the device takes FIT files of type t, or an error
// when the manifest names a folder outside the drive.
func (m *Manifest) Route(t uint8) (Route, error) {
	var r Route
	var in, both []string
	name := fitTypeName(t)
	for _, dt := range m.DataTypes {
		if !strings.EqualFold(strings.TrimSpace(dt.Name), name) {
			continue
		}
		r.Declared = true
		for _, f := range dt.Files {
			if f.Extension != "" && !strings.EqualFold(f.Extension, "fit") {
				continue
			}
			if f.Path == "" {
				continue
			}
			p, err := cleanRel(f.Path)
			if err != nil {
				return Route{}, fmt.Errorf("GarminDevice.xml names the %s folder %q: %w", name, clip(f.Path), err)
			}
			switch f.Direction {
			case InputToUnit:
				in = append(in, p)
			case InputOutput:
				both = append(both, p)
			default:
				r.Stores = append(r.Stores, p)
			}
		}
	}
	r.Stores = append(r.Stores, both...)
	if inputs := append(in, both...); len(inputs) > 0 {
		r.Inbox = inputs[0]
	} else {
		r.Inbox, r.Default = DefaultInbox, true
	}
	r.Stores = dedupFold(r.Stores, r.Inbox)
	return r, nil
}

// declares lists the data type names of the manifest, for messages.
func (m *Manifest) declares() []string {
	var out []string
	for _, dt := range m.DataTypes {
		if dt.Name != "" {
			out = append(out, dt.Name)
		}
	}
	return out
}

// cleanRel checks that p is a folder inside the drive and returns it with
// forward slashes and no "." parts.
func cleanRel(p string) (string, error) {
	p = strings.ReplaceAll(strings.TrimSpace(p), `\`, "/")
	if p == "" {
		return "", errors.New("empty path")
	}
	if strings.HasPrefix(p, "/") || (len(p) >= 2 && p[1] == ':') {
		return "", errors.New("not a path inside the device")
	}
	c := path.Clean(p)
	if c == "." || c == ".." || strings.HasPrefix(c, "../") {
		return "", errors.New("not a path inside the device")
	}
	for _, part := range strings.Split(c, "/") {
		if strings.ContainsAny(part, ":*?\"<>|") || strings.ContainsFunc(part, term.IsControl) {
			return "", errors.New("not a valid folder name")
		}
	}
	return c, nil
}

// dedupFold drops duplicates (ignoring case, as FAT does) and skip.
func dedupFold(list []string, skip string) []string {
	var out []string
	for _, s := range list {
		if !strings.EqualFold(s, skip) && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(s, o) }) {
			out = append(out, s)
		}
	}
	return out
}
