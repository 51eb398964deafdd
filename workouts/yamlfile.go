package workouts

import "go.yaml.in/yaml/v3"

// YAMLFile reads a YAML file of the tool's other than a workout definition
// or an athlete profile (a club plan) with the same rules and the same
// located messages: a size limit, UTF-8 text only, one document, no aliases
// or merge keys (an alias bomb is never expanded), no absurd nesting, and
// unknown keys with a did-you-mean.
type YAMLFile struct {
	p parser
}

// NewYAMLFile prepares to read file. noun names what it holds in messages
// ("plan": "a plan is UTF-8 text"), keys lists its top keys ("name, start,
// weeks and sessions"), content what to write out instead of an alias
// ("the entries"), and maxSize is the largest file accepted, in bytes.
func NewYAMLFile(file, noun, keys, content string, maxSize int) *YAMLFile {
	return &YAMLFile{p: parser{file: file, doc: docKind{noun: noun, one: noun, keys: keys, content: content, maxSize: maxSize}}}
}

// Root checks data and parses it into its top mapping, or returns nil
// after reporting why it cannot.
func (f *YAMLFile) Root(data []byte) *yaml.Node { return f.p.document(data) }

// Mapping returns the keys of the mapping n in order, reporting duplicates
// and keys not in allowed (with a did-you-mean: aliases maps other
// spellings to the key they mean). what names the mapping in messages
// ("a session").
func (f *YAMLFile) Mapping(n *yaml.Node, what string, allowed []string, aliases map[string]string) []KeyValue {
	return f.p.mapping(n, what, allowed, aliases)
}

// Pos is the place of n in the file.
func (f *YAMLFile) Pos(n *yaml.Node) Pos { return f.p.pos(n) }

// Errorf reports an error at n.
func (f *YAMLFile) Errorf(n *yaml.Node, format string, args ...any) { f.p.errorf(n, format, args...) }

// Diags returns the problems reported so far, for the caller to add its
// own (with places in other files) and to sort.
func (f *YAMLFile) Diags() *Diagnostics { return &f.p.diags }

// Describe names a YAML value in messages: "a list", "a mapping", "empty",
// or the quoted scalar (cut at 40 bytes).
func Describe(n *yaml.Node) string { return describe(n) }
