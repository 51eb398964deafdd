package preview_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
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
			n += max(steps[i].Count, 1) * executed(steps[i].Steps) // a repeat until a condition is drawn once
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
			data := svgOf(w)
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
			if !bytes.Equal(data, svgOf(w)) {
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
	hill := string(svgOf(load(t, "hill-repeats")))
	for _, want := range []string{"1 mi · ~10:00", "~ estimated time: distance at the middle of the pace range."} {
		if !strings.Contains(hill, want) {
			t.Errorf("hill-repeats SVG lacks %q", want)
		}
	}
	if strings.Contains(hill, `class="step unknown"`) {
		t.Error("hill-repeats has no step of unknown length, but the SVG draws one")
	}
	circuit := string(svgOf(load(t, "strength-circuit")))
	if !strings.Contains(circuit, "~ estimated time: 3 s a rep.") {
		t.Error("strength-circuit SVG does not say that exercise times are estimated")
	}
	nested := string(svgOf(load(t, "nested-repeats")))
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

// box is an estimated bounding box of a label.
type box struct{ x0, y0, x1, y1 float64 }

func (a box) overlaps(b box) bool {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

// labelBoxes returns the boxes of the block labels of an SVG, with the
// width the layout assumes (0.58 em a character), the ascent and descent
// of an 11 px font, upright or written upwards.
func labelBoxes(t *testing.T, data []byte) ([]box, []string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var boxes []box
	var texts []string
	var cur *xml.StartElement
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local == "text" && hasClass(el, "label") {
				c := el.Copy()
				cur = &c
			}
		case xml.CharData:
			if cur == nil {
				continue
			}
			s := string(el)
			x, y := atof(t, attr(*cur, "x")), atof(t, attr(*cur, "y"))
			w := float64(len([]rune(s))) * 11 * 0.58
			var b box
			switch {
			case strings.HasPrefix(attr(*cur, "transform"), "rotate(-90"):
				b = box{x - 8.5, y - w, x + 2.5, y}
			case attr(*cur, "text-anchor") == "middle":
				b = box{x - w/2, y - 8.5, x + w/2, y + 2.5}
			default:
				b = box{x, y - 8.5, x + w, y + 2.5}
			}
			boxes, texts = append(boxes, b), append(texts, s)
			cur = nil
		}
	}
	return boxes, texts
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("coordinate %q: %v", s, err)
	}
	return v
}

// TestLabelsDoNotOverlap: no two block labels of the golden profiles
// overlap, every block label stays inside the drawing, and the seed
// workouts label every block.
func TestLabelsDoNotOverlap(t *testing.T) {
	for _, name := range goldenNames {
		t.Run(name, func(t *testing.T) {
			w := load(t, name)
			boxes, texts := labelBoxes(t, svgOf(w))
			if len(boxes) == 0 {
				t.Fatal("no block labels found")
			}
			for i := range boxes {
				if boxes[i].x0 < 0 || boxes[i].x1 > 960 || boxes[i].y0 < 0 {
					t.Errorf("label %q leaves the drawing: %+v", texts[i], boxes[i])
				}
				for j := i + 1; j < len(boxes); j++ {
					if boxes[i].overlaps(boxes[j]) {
						t.Errorf("labels %q and %q overlap: %+v %+v", texts[i], texts[j], boxes[i], boxes[j])
					}
				}
			}
			if name == "all-targets" || strings.HasPrefix(name, "pool-swim") {
				return // too many short blocks for every name to fit
			}
			// Every block of the seed workouts has its name (the first,
			// bold line of a label).
			if n := strings.Count(string(svgOf(w)), `class="label" font-weight="bold"`); n != len(preview.New(w).Blocks) {
				t.Errorf("%d of %d blocks have a name label: %q", n, len(preview.New(w).Blocks), texts)
			}
		})
	}
}

// Exercise blocks of the circuit are estimates (3 s a rep) and marked so;
// the rests, given as times, are not.
func TestSVGMarksEstimatedBlocks(t *testing.T) {
	data := svgOf(load(t, "strength-circuit"))
	est, exact := 0, 0
	for _, el := range svgElements(t, data) {
		if !hasClass(el, "step") {
			continue
		}
		switch {
		case attr(el, "data-kind") == "exercise" && hasClass(el, "estimated"):
			est++
		case attr(el, "data-kind") == "rest" && !hasClass(el, "estimated"):
			exact++
		default:
			t.Errorf("step %s (%s): class %q", attr(el, "data-step"), attr(el, "data-kind"), attr(el, "class"))
		}
	}
	if est != 15 || exact != 3 {
		t.Errorf("%d estimated exercise blocks, %d exact rests; want 15 and 3", est, exact)
	}
}
