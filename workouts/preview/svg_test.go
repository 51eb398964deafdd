package preview_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/preview"
)

// executed counts the steps a watch runs: repeats multiplied out.
func executed(steps []workouts.Step) int {
	n := 0
	for i := range steps {
		if steps[i].Kind == workouts.KindRepeat {
			n += steps[i].Count * executed(steps[i].Steps)
		} else {
			n++
		}
	}
	return n
}

// svgElements parses an SVG with encoding/xml (so it must be well-formed)
// and returns its elements.
func svgElements(t *testing.T, data []byte) []xml.StartElement {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var out []xml.StartElement
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if depth == 0 && (el.Name.Local != "svg" || el.Name.Space != "http://www.w3.org/2000/svg") {
				t.Fatalf("root element is %v, want svg in the SVG namespace", el.Name)
			}
			depth++
			out = append(out, el.Copy())
		case xml.EndElement:
			depth--
		case xml.ProcInst, xml.Directive:
			t.Errorf("unexpected %T in the SVG", el)
		}
	}
	if len(out) == 0 {
		t.Fatal("empty SVG")
	}
	return out
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func hasClass(el xml.StartElement, class string) bool {
	for _, c := range strings.Fields(attr(el, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// TestSVGShapes parses the SVG of every golden definition: it is
// well-formed XML with exactly one step shape per executed step, numbered
// in order, and it is self-contained (no script, no link, no external
// reference, no font but the generic sans-serif).
func TestSVGShapes(t *testing.T) {
	want := map[string]int{"hill-repeats": 10, "strength-circuit": 18, "nested-repeats": 20}
	for _, name := range goldenNames {
		t.Run(name, func(t *testing.T) {
			w := load(t, name)
			data := preview.SVG(w)
			steps := 0
			for _, el := range svgElements(t, data) {
				switch el.Name.Local {
				case "script", "foreignObject", "image", "a", "use", "style", "link":
					t.Errorf("<%s> in a self-contained SVG", el.Name.Local)
				}
				for _, a := range el.Attr {
					if a.Name.Local == "href" || strings.Contains(a.Value, "url(") || strings.HasPrefix(a.Name.Local, "on") {
						t.Errorf("<%s %s=%q>: an external reference or a script", el.Name.Local, a.Name.Local, a.Value)
					}
					if a.Name.Local == "font-family" && a.Value != "sans-serif" {
						t.Errorf("font-family %q; only the generic sans-serif is self-contained", a.Value)
					}
				}
				if hasClass(el, "step") {
					steps++
					if el.Name.Local != "rect" {
						t.Errorf("step shape is <%s>, want <rect>", el.Name.Local)
					}
					if got := attr(el, "data-step"); got != itoa(steps) {
						t.Errorf("step shape %d has data-step %q", steps, got)
					}
				}
			}
			if n := executed(w.Steps); steps != n {
				t.Errorf("%d step shapes, want one per executed step: %d", steps, n)
			}
			if n, ok := want[name]; ok && steps != n {
				t.Errorf("%d step shapes, want %d", steps, n)
			}
			if !bytes.Equal(data, preview.SVG(w)) {
				t.Error("two renders of the same workout differ")
			}
		})
	}
}

func itoa(n int) string {
	var b []byte
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// TestSVGEstimates: blocks whose time is estimated or unknown are marked
// in the drawing (a "~" in the label or tooltip, a dashed "unknown" block)
// and explained under the legend.
func TestSVGEstimates(t *testing.T) {
	hill := string(preview.SVG(load(t, "hill-repeats")))
	for _, want := range []string{"1 mi · ~10:00", "~ estimated time: distance at the middle of the pace range."} {
		if !strings.Contains(hill, want) {
			t.Errorf("hill-repeats SVG lacks %q", want)
		}
	}
	if strings.Contains(hill, `class="step unknown"`) {
		t.Error("hill-repeats has no step of unknown length, but the SVG draws one")
	}
	circuit := string(preview.SVG(load(t, "strength-circuit")))
	if !strings.Contains(circuit, "~ estimated time: 3 s a rep.") {
		t.Error("strength-circuit SVG does not say that exercise times are estimated")
	}
	nested := string(preview.SVG(load(t, "nested-repeats")))
	if n := strings.Count(nested, `class="step unknown"`); n != 1 {
		t.Errorf("nested-repeats: %d dashed blocks, want 1 (the lap-button cool-down)", n)
	}
	if !strings.Contains(nested, "Dashed blocks end on the lap button") {
		t.Error("nested-repeats SVG does not explain the dashed block")
	}
	for _, label := range []string{"round 1 of 2", "round 2 of 2", "round 4/4"} {
		if !strings.Contains(nested, ">"+label+"<") {
			t.Errorf("nested-repeats SVG lacks the bracket label %q", label)
		}
	}
}
