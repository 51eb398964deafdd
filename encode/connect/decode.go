package connect

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/workoutc/workoutc/workouts"
	"github.com/workoutc/workoutc/workouts/catalog"
)

// IsJSON reports whether data looks like Connect JSON: after a byte order
// mark and blanks it starts with "{" or "[". Inspect and import tell it
// from FIT (a binary header) and TCX (XML) by that; Decode then says what
// a JSON that is not one workout is (a list of summaries, a calendar).
func IsJSON(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	data = bytes.TrimLeft(data, " \t\r\n")
	return len(data) > 0 && (data[0] == '{' || data[0] == '[')
}

// Decode reads a Connect workout JSON back into the model: a request body
// (ours or another tool's), a stored workout as GET
// /workout-service/workout/{id} returns it, or a recorded reply. What the
// language cannot say (several segments, smart repeats, a pool in a
// multisport workout, ...) is kept in the model where
// it has a place (workouts.Format marks it "# import:") and warned about,
// located, either way. Positions have no file name; see DecodeFile.
func Decode(data []byte) (*workouts.Workout, workouts.Diagnostics, error) {
	return DecodeFile("", data)
}

// DecodeFile is Decode with positions naming the file name.
func DecodeFile(name string, data []byte) (*workouts.Workout, workouts.Diagnostics, error) {
	if len(data) > MaxSize {
		return nil, nil, fmt.Errorf("more than %d MB; not a Connect workout", MaxSize>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	l := newLines(name, data)
	root, p, err := parse(data)
	if err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			var ds workouts.Diagnostics
			ds.Errorf(l.pos(se.off), "%s", se.msg)
			return nil, nil, ds
		}
		return nil, nil, err
	}
	d := &decoder{l: l, titles: map[[2]uint16]string{}}
	for _, off := range p.dups {
		d.warns.Warnf(l.pos(off), "a key given twice; the last value is read")
	}
	w, err := d.workout(root)
	if err != nil {
		return nil, nil, err
	}
	d.warns.Sort()
	return w, d.warns, nil
}

type decoder struct {
	l      *lines
	warns  workouts.Diagnostics
	steps  int
	titles map[[2]uint16]string // exercise titles by first use, as FIT keeps them
}

func (d *decoder) fail(n *node, format string, args ...any) error {
	var ds workouts.Diagnostics
	off := 0
	if n != nil {
		off = n.off
	}
	ds.Errorf(d.l.pos(off), format, args...)
	return ds
}

// maxSteps bounds the steps of one workout read (Connect's editor makes 50).
const maxSteps = 10000

func (d *decoder) workout(root *node) (*workouts.Workout, error) {
	switch {
	case root.kind == 'a':
		n := 0
		for _, e := range root.elems {
			if e.has("workoutId") {
				n++
			}
		}
		if len(root.elems) > 0 && root.elems[0].has("format") && root.elems[0].has("steps") {
			return nil, d.fail(root, "the output of workoutc inspect --json, not a Connect workout; import the file it describes")
		}
		if n > 0 {
			return nil, d.fail(root, "a list of %d workout summaries (the reply of GET /workout-service/workouts), not one workout: summaries hold no steps; read one workout with GET /workout-service/workout/{id}", n)
		}
		return nil, d.fail(root, "a JSON array, not a Connect workout (an object with workoutSegments)")
	case root.kind != 'o':
		return nil, d.fail(root, "not a Connect workout: the JSON is not an object")
	case root.has("calendarItems"):
		return nil, d.fail(root, "a Connect calendar (calendar-service), not a workout: its workout items name workouts by workoutId; read one with GET /workout-service/workout/{id}")
	case !root.has("workoutSegments") && root.has("workoutId"):
		return nil, d.fail(root, "a workout summary without steps (as the list endpoint gives them), not a whole workout; read it with GET /workout-service/workout/{id}")
	case !root.has("workoutSegments"):
		return nil, d.fail(root, "not a Connect workout: no workoutSegments (a workout body has workoutName, sportType and workoutSegments)")
	}
	w := &workouts.Workout{Pos: workouts.Pos{File: d.l.file}}
	w.Name = strings.TrimSpace(root.get("workoutName").text())
	w.Description = strings.TrimSpace(root.get("description").text())
	w.Sport = d.sport(root.get("sportType"), root)

	segs := root.get("workoutSegments")
	if segs.kind != 'a' || len(segs.elems) == 0 {
		return nil, d.fail(segs, "workoutSegments holds no segment; a workout has one (or one per sport)")
	}
	if len(segs.elems) > 1 {
		var names []string
		for _, s := range segs.elems {
			names = append(names, sportKey(s.get("sportType")))
		}
		d.warns.Warnf(d.l.pos(segs.off), "%d segments (%s): the language has one sport a workout, so their steps are read one after the other", len(segs.elems), strings.Join(names, ", "))
	}
	for _, s := range segs.elems {
		if s.kind != 'o' {
			return nil, d.fail(s, "a segment is not an object")
		}
		steps := s.get("workoutSteps")
		if steps.isNull() || steps.kind != 'a' {
			return nil, d.fail(s, "a segment without workoutSteps")
		}
		if pl := s.get("poolLength"); !pl.isNull() && len(segs.elems) > 1 {
			if v, ok := pl.number(); ok && v > 0 {
				d.warns.Warnf(d.l.pos(pl.off), "pool length %v of one segment of several: the language gives a pool to a single-sport swim only; left out", v)
			}
		}
		got, err := d.stepList(steps, 0)
		if err != nil {
			return nil, err
		}
		w.Steps = append(w.Steps, got...)
	}
	if pl := root.get("poolLength"); !pl.isNull() {
		if v, ok := pl.number(); ok && v > 0 {
			d.pool(w, v, pl, root.get("poolLengthUnit"), len(segs.elems))
		}
	}
	if len(w.Steps) == 0 {
		return nil, d.fail(segs, "the workout has no steps")
	}
	return w, nil
}

func sportKey(n *node) string {
	if k := n.get("sportTypeKey").text(); k != "" {
		return k
	}
	if v, ok := n.get("sportTypeId").number(); ok {
		return fmt.Sprintf("sport %v", v)
	}
	return "no sport"
}

// sport reads a sportType object: by id, else by key.
func (d *decoder) sport(n, root *node) workouts.Sport {
	pos := d.l.pos(root.off)
	if n != nil {
		pos = d.l.pos(n.off)
	}
	id, ok := n.get("sportTypeId").number()
	key := n.get("sportTypeKey").text()
	for _, x := range sports {
		if ok && float64(x.t.ID) == id || !ok && key == x.t.Key {
			if x.sport == workouts.SportWalking {
				continue // "other" reads as generic
			}
			return x.sport
		}
	}
	switch {
	case ok && id == sportMulti || key == "multi_sport":
		d.warns.Warnf(pos, "sport multi_sport: the language has one sport a workout; read as generic")
	case ok && id == sportMobility || key == "mobility":
		d.warns.Warnf(pos, "sport mobility: the language has no mobility sport; read as generic")
	default:
		d.warns.Warnf(pos, "sport %s is not one the language has; read as generic", sportKey(n))
	}
	return workouts.SportGeneric
}

func (d *decoder) stepList(n *node, depth int) ([]workouts.Step, error) {
	if depth > 32 {
		return nil, d.fail(n, "repeats nested more than 32 deep")
	}
	out := make([]workouts.Step, 0, len(n.elems))
	for _, e := range n.elems {
		if e.kind != 'o' {
			return nil, d.fail(e, "a step is not an object")
		}
		d.steps++
		if d.steps > maxSteps {
			return nil, d.fail(e, "more than %d steps; not a workout Connect would hold", maxSteps)
		}
		s, err := d.step(e, depth)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// typeID reads the id of a type object ({"stepTypeId": 3, "stepTypeKey":
// "interval"} for prefix "stepType"), or the id of its key in keys when it
// has no id.
func typeID(n *node, prefix string, keys []string) (int, bool) {
	if n.isNull() {
		return 0, false
	}
	if v, ok := n.get(prefix + "Id").number(); ok && v == math.Trunc(v) && math.Abs(v) < 1<<31 {
		return int(v), true
	}
	if id := slices.Index(keys, n.get(prefix+"Key").text()); id > 0 {
		return id, true
	}
	return 0, false
}

func (d *decoder) step(n *node, depth int) (workouts.Step, error) {
	pos := d.l.pos(n.off)
	s := workouts.Step{Pos: pos}
	st, hasST := typeID(n.get("stepType"), "stepType", stepKeys)
	if n.get("type").text() == repeatGroup || st == stepRepeat || n.has("workoutSteps") {
		return d.repeat(n, s, depth)
	}
	if t := n.get("type").text(); t != "" && t != executable {
		d.warns.Warnf(pos, "step type %q is not one Connect was seen to use; read as a step", t)
	}
	s.Kind, s.Intensity = workouts.KindRun, workouts.IntensityActive
	if i := slices.IndexFunc(stepKinds, func(k stepKind) bool { return k.id == st }); i >= 0 {
		s.Kind, s.Intensity = stepKinds[i].kind, stepKinds[i].intensity
	} else if hasST {
		d.warns.Warnf(pos, "step type %d is not one Connect was seen to use; read as a run", st)
	} else {
		d.warns.Warnf(pos, "a step without a stepType; read as a run")
	}
	d.text(n, &s)
	s.Duration = d.condition(n, pos)
	s.Target = d.target(n, pos, "targetType", "targetValueOne", "targetValueTwo", "zoneNumber")
	if !n.get("secondaryTargetType").isNull() {
		// workouts.Format marks and warns about it, as for FIT's.
		s.Secondary = d.target(n, pos, "secondaryTargetType", "secondaryTargetValueOne", "secondaryTargetValueTwo", "secondaryZoneNumber")
	}
	d.stroke(n, &s, pos)
	d.exercise(n, &s, pos)
	return s, nil
}

// text reads a step's description: a first line "[NAME]" is the step's
// name (Connect steps have none of their own; Encode writes it so), the
// rest its notes.
func (d *decoder) text(n *node, s *workouts.Step) {
	desc := strings.TrimSpace(strings.ReplaceAll(n.get("description").text(), "\r\n", "\n"))
	if first, rest, _ := strings.Cut(desc, "\n"); isNameLine(strings.TrimSpace(first)) {
		first = strings.TrimSpace(first)
		s.Name = strings.TrimSpace(first[1 : len(first)-1])
		desc = strings.TrimSpace(rest)
	}
	s.Notes = desc
}

func (d *decoder) repeat(n *node, s workouts.Step, depth int) (workouts.Step, error) {
	s.Kind = workouts.KindRepeat
	children := n.get("workoutSteps")
	if children.isNull() || children.kind != 'a' || len(children.elems) == 0 {
		return s, d.fail(n, "a repeat group without workoutSteps")
	}
	cond, hasCond := typeID(n.get("endCondition"), "conditionType", conditionKeys)
	iters, hasIters := n.get("numberOfIterations").number()
	switch {
	case hasCond && cond != condIterations:
		u := d.condition(n, s.Pos)
		s.Until = &u
	case hasIters:
	case hasCond:
		iters, hasIters = n.get("endConditionValue").number()
	}
	if s.Until == nil {
		if !hasIters || iters != math.Trunc(iters) || iters < 1 || iters > 1e6 {
			return s, d.fail(n, "a repeat group without a count of iterations (numberOfIterations 1 or more)")
		}
		s.Count = int(iters)
	}
	if sr := n.get("smartRepeat"); sr != nil && sr.kind == 'b' && sr.b {
		d.warns.Warnf(s.Pos, "smartRepeat is on (repeat until the lap button): the language repeats a count of times")
	}
	if sk := n.get("skipLastRestStep"); sk != nil && sk.kind == 'b' && sk.b {
		d.warns.Warnf(s.Pos, "skipLastRestStep is on: the language runs every step of every round")
	}
	steps, err := d.stepList(children, depth+1)
	if err != nil {
		return s, err
	}
	s.Steps = steps
	return s, nil
}

// condition reads a step's end condition.
func (d *decoder) condition(n *node, pos workouts.Pos) workouts.Duration {
	id, ok := typeID(n.get("endCondition"), "conditionType", conditionKeys)
	v, hasV := n.get("endConditionValue").number()
	lap := workouts.Duration{Kind: workouts.DurationLap}
	switch {
	case !ok:
		d.warns.Warnf(pos, "a step without an endCondition; it ends on lap")
		return lap
	case id == condLap:
		return lap
	case !slices.Contains([]int{condTime, condDistance, condReps, condCalories, condHeartRate, condPower}, id):
		key := cmp.Or(n.get("endCondition").get("conditionTypeKey").text(), fmt.Sprintf("condition %d", id))
		return workouts.Duration{Kind: workouts.DurationOther, Other: key, Value: v}
	case !hasV || !(v > 0) || math.IsInf(v, 0):
		what := conditionKeys[id]
		if id == condHeartRate || id == condPower {
			what = "heart-rate or power"
		}
		d.warns.Warnf(pos, "a %s end condition without a value above 0; it ends on lap", what)
		return lap
	}
	switch id {
	case condTime:
		return workouts.Duration{Kind: workouts.DurationTime, Seconds: v}
	case condDistance:
		return workouts.Duration{Kind: workouts.DurationDistance, Meters: v}
	case condReps:
		return workouts.Duration{Kind: workouts.DurationReps, Reps: int(math.Round(v))}
	case condCalories:
		return workouts.Duration{Kind: workouts.DurationCalories, Value: v}
	}
	below, above := workouts.DurationHRBelow, workouts.DurationHRAbove
	if id == condPower {
		below, above = workouts.DurationPowerBelow, workouts.DurationPowerAbove
	}
	k := below
	switch cmp := strings.ToLower(n.get("endConditionCompare").text()); cmp {
	case "gt", "greater_than", ">":
		k = above
	case "":
		d.warns.Warnf(pos, "a %s end condition without endConditionCompare; read as %s", conditionKeys[id], workouts.DescribeDuration(workouts.Duration{Kind: below, Value: v}))
	}
	return workouts.Duration{Kind: k, Value: v}
}

// target reads a step's target (or its secondary target, by the keys).
func (d *decoder) target(n *node, pos workouts.Pos, typeKey, oneKey, twoKey, zoneKey string) workouts.Target {
	t := workouts.Target{Pos: pos}
	tn := n.get(typeKey)
	id, ok := typeID(tn, "workoutTargetType", targetKeys)
	if !ok && tn.get("workoutTargetTypeKey").text() == "cadence" {
		id, ok = targetCadence, true
	}
	if !ok || id == targetNone {
		return t
	}
	one, hasOne := n.get(oneKey).number()
	two, hasTwo := n.get(twoKey).number()
	z, hasZone := n.get(zoneKey).number()
	hasRange := hasOne && hasTwo && one > 0 && two > 0 && !math.IsInf(one+two, 0)
	lo, hi := math.Min(one, two), math.Max(one, two) // either order reads the same
	zone := int(z)
	zoneOK := hasZone && z == math.Trunc(z) && z >= 1 && z <= 10
	r, known := targetReads[id]
	if !known {
		t.Kind, t.Other = workouts.TargetOther, cmp.Or(tn.get("workoutTargetTypeKey").text(), fmt.Sprintf("target %d", id))
		if hasRange {
			t.Low, t.High = lo, hi
		}
		if zoneOK {
			t.Zone = zone
		}
		return t
	}
	switch zoneOK = zoneOK && zone <= r.zones; {
	case zoneOK && (r.zoneFirst || !hasRange):
		t.Kind, t.Zone = r.zone, zone
	case hasRange:
		t.Kind, t.Low, t.High = r.rng, lo, hi
	default:
		d.warns.Warnf(pos, "a %s target without a zone or a range; read as open", targetKeys[id])
	}
	return t
}

// targetReads is how a target type reads: the language's kind of a range
// and of a zone, the most zones (0: it has none), and whether a zone wins
// over a range when a step gives both.
var targetReads = map[int]struct {
	rng, zone workouts.TargetKind
	zones     int
	zoneFirst bool
}{
	targetPace:    {workouts.TargetPace, workouts.TargetOpen, 0, false},
	targetSpeed:   {workouts.TargetPace, workouts.TargetSpeedZone, 10, false},
	targetHR:      {workouts.TargetHR, workouts.TargetHRZone, workouts.HRZones, true},
	targetPower:   {workouts.TargetPower, workouts.TargetPowerZone, workouts.PowerZones, true},
	targetCadence: {workouts.TargetCadence, workouts.TargetCadenceZone, 10, false},
}

// stroke reads a swim step's stroke and equipment.
func (d *decoder) stroke(n *node, s *workouts.Step, pos workouts.Pos) {
	if id, _ := typeID(n.get("strokeType"), "strokeType", strokeKeys); id != 0 {
		if id > 0 && id < len(strokes) {
			s.Stroke = strokes[id]
		} else {
			d.warns.Warnf(pos, "swim stroke %d is not one Connect was seen or reported to use; left out", id)
		}
	}
	if id, _ := typeID(n.get("equipmentType"), "equipmentType", equipmentKeys); id != 0 {
		if id >= 1 && id <= int(workouts.EquipmentSnorkel) {
			s.Equipment = workouts.Equipment(id)
		} else {
			d.warns.Warnf(pos, "swim equipment %d is not one Connect was seen or reported to use; left out", id)
		}
	}
}

// pool reads the workout's pool length (v) and unit: the pool of a
// single-sport swim.
func (d *decoder) pool(w *workouts.Workout, v float64, pl, unit *node, segments int) {
	pos := d.l.pos(pl.off)
	if segments > 1 || w.Sport != workouts.SportSwimming {
		d.warns.Warnf(pos, "pool length %v: the language gives a pool to a single-sport swim only; left out", v)
		return
	}
	key := strings.ToLower(unit.get("unitKey").text())
	if id, ok := unit.get("unitId").number(); ok && key == "" {
		key = map[float64]string{1: "meter"}[id]
	}
	if u, ok := map[string]string{"meter": "m", "": "m", "yard": "yd"}[key]; ok {
		w.Pool = &workouts.Pool{Length: v, Unit: u, Pos: pos}
	} else {
		d.warns.Warnf(pos, "pool length %v %s: the language measures pools in m or yd; left out", v, key)
	}
}

// exercise reads category, exerciseName and the weight.
func (d *decoder) exercise(n *node, s *workouts.Step, pos workouts.Pos) {
	cat := n.get("category").text()
	name := n.get("exerciseName").text()
	if cat == "" {
		if name != "" {
			d.warns.Warnf(pos, "exerciseName %s without a category; Connect needs both, so it is read as a plain step", name)
		}
		if !n.get("weightValue").isNull() {
			d.warns.Warnf(pos, "a weight on a step without an exercise; left out")
		}
		return
	}
	e, ok := catalog.FromConnect(cat, name)
	if !ok {
		d.warns.Warnf(pos, "exercise %s/%s is in neither FIT's catalogue nor Connect's; read as a plain step", cat, name)
		return
	}
	// The title is the first step's name or the catalogue's, as FIT's
	// exercise titles are (Connect keeps none).
	k := [2]uint16{e.Category, e.Number}
	title, seen := d.titles[k]
	if !seen {
		if title = s.Name; title == "" {
			title = e.Title
		}
		d.titles[k] = title
	}
	ex := &workouts.Exercise{Category: e.Category, Number: e.Number, Title: title}
	if e.Number == catalog.NoName {
		ex.Number, ex.Key = workouts.NoExerciseName, e.CategoryName
	} else {
		ex.Key, ex.Query = e.Key(), e.Phrase()
	}
	s.Kind, s.Exercise = workouts.KindExercise, ex
	if v, ok := n.get("weightValue").number(); ok {
		if !(v > 0) || math.IsInf(v, 0) {
			d.warns.Warnf(pos, "weight %v: not a load; left out", v)
			return
		}
		wu := n.get("weightUnit")
		if wu.isNull() {
			d.warns.Warnf(pos, "a weight without a weightUnit; read as kilograms")
		}
		id, _ := wu.get("unitId").number()
		s.Weight = &workouts.Weight{Value: v, Unit: weightUnit(int(id), wu.get("unitKey").text()), Pos: pos}
	}
}
