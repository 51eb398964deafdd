package schema_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/workoutc/workoutc/workouts/schema"
)

// compile compiles the schema of kind with a real validator, which also
// checks it against the draft 2020-12 meta-schema.
func compile(t *testing.T, kind string) *jsonschema.Schema {
	t.Helper()
	b, err := schema.JSON(kind)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: the schema is not JSON: %v", kind, err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	url := "mem:///" + kind + ".schema.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("%s: the schema does not compile: %v", kind, err)
	}
	return s
}

// value turns a YAML document into the JSON value an editor's YAML
// language server validates: mappings, lists, and scalars by their tag
// (an unquoted 2027-01-04 is a string, as in YAML 1.2's JSON schema).
func value(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return value(n.Content[0])
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := value(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			v, err := value(c)
			if err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		return l, nil
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!int", "!!float":
			return json.Number(n.Value), nil
		case "!!bool":
			return strconv.ParseBool(strings.ToLower(n.Value))
		case "!!null":
			return nil, nil
		}
		return n.Value, nil
	}
	return nil, fmt.Errorf("line %d: unsupported YAML node", n.Line)
}

func validate(s *jsonschema.Schema, src []byte) error {
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil {
		return err
	}
	v, err := value(&n)
	if err != nil {
		return err
	}
	// The validator wants its own number type: go through JSON.
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return err
	}
	return s.Validate(inst)
}

// kindOf says which kind of YAML file a testdata path holds.
func kindOf(path string) string {
	switch {
	case strings.Contains(filepath.ToSlash(path), "/athletes/"):
		return "athlete"
	case filepath.Base(path) == "plan.yaml":
		return "plan"
	}
	return "workout"
}

// TestTestdataValidates: every YAML file of the repository's testdata is
// valid against the schema of its kind, except the files of
// testdata/errors, which are wrong on purpose; those whose mistakes are of
// keys and values the schema knows (a missing key, a mistyped key or
// sport) must fail it, so that the check can fail.
func TestTestdataValidates(t *testing.T) {
	schemas := map[string]*jsonschema.Schema{}
	for _, k := range schema.Kinds {
		schemas[k] = compile(t, k)
	}
	var files []string
	err := filepath.WalkDir("../../testdata", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "node_modules" {
			return filepath.SkipDir
		}
		if !d.IsDir() && filepath.Ext(p) == ".yaml" {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	mustFail := map[string]bool{"missing.yaml": true, "typos.yaml": true}
	failed := 0
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		kind := kindOf(p)
		err = validate(schemas[kind], src)
		if filepath.Base(filepath.Dir(p)) == "errors" {
			if mustFail[filepath.Base(p)] {
				if err == nil {
					t.Errorf("%s is wrong on purpose but passes the %s schema", p, kind)
				} else {
					failed++
				}
			}
			continue
		}
		if err != nil {
			t.Errorf("%s (%s): %v", p, kind, err)
		}
		counts[kind]++
	}
	if counts["workout"] < 5 || counts["athlete"] < 2 || counts["plan"] < 1 || failed != len(mustFail) {
		t.Errorf("validated %v and refused %d; want the 5 golden workouts, 2 athletes, the plan, and 2 refused", counts, failed)
	}
	t.Logf("validated %v; refused %d files of testdata/errors", counts, failed)
}

var yamlBlock = regexp.MustCompile("(?s)```yaml\n(.*?)```")

// TestREADMEValidates: the README's YAML examples are valid too (a block
// with steps is a workout, one with sessions a plan, else an athlete).
func TestREADMEValidates(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := yamlBlock.FindAllSubmatch(readme, -1)
	if len(blocks) < 3 {
		t.Fatalf("%d yaml blocks in README.md, want the workout, athlete and plan examples at least", len(blocks))
	}
	for i, b := range blocks {
		src := b[1]
		kind := "athlete"
		switch {
		case regexp.MustCompile(`(?m)^steps:`).Match(src):
			kind = "workout"
		case regexp.MustCompile(`(?m)^sessions:`).Match(src):
			kind = "plan"
		}
		if err := validate(compile(t, kind), src); err != nil {
			t.Errorf("README yaml block %d (%s):\n%s\n%v", i+1, kind, src, err)
		}
	}
}

// TestSchemaCatchesMistakes: what an editor should underline is refused.
func TestSchemaCatchesMistakes(t *testing.T) {
	w := compile(t, "workout")
	for name, src := range map[string]string{
		"unknown key":      "name: x\nstpes: []\nsteps:\n  - run: 1 min\n",
		"two kinds":        "name: x\nsteps:\n  - run: 1 min\n    warmup: 1 min\n",
		"no kind":          "name: x\nsteps:\n  - name: y\n",
		"bad sport":        "name: x\nsport: runing\nsteps:\n  - run: 1 min\n",
		"bad intensity":    "name: x\nsteps:\n  - run: 1 min\n    intensity: hard\n",
		"nested bad key":   "name: x\nsteps:\n  - repeat: 2\n    steps:\n      - run: 1 min\n        tagret: hr 140-150\n",
		"each_side string": "name: x\nsport: strength\nsteps:\n  - exercise: squat\n    each_side: yes please\n",
		"no steps":         "name: x\n",
	} {
		if err := validate(w, []byte(src)); err == nil {
			t.Errorf("%s: the workout schema accepts\n%s", name, src)
		}
	}
	if err := validate(compile(t, "athlete"), []byte("name: a\nzones:\n  speed:\n    easy: 9:30-10:30 /mi\n")); err == nil {
		t.Error("the athlete schema accepts zones.speed")
	}
	if err := validate(compile(t, "plan"), []byte("start: 2027-01-04\nweeks: 8\nsessions:\n  - workout: a.yaml\n    days: [tues]\n")); err == nil {
		t.Error("the plan schema accepts days: [tues]")
	}
	if _, err := schema.JSON("roster"); err == nil || !strings.Contains(err.Error(), `unknown kind "roster" (kinds: workout, athlete, plan)`) {
		t.Errorf("JSON(roster) error %v", err)
	}
}
