package connect

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
)

// equivalent reports whether two Connect workout JSONs hold the same
// workout: a request body and the stored workout a GET returns, say, which
// Connect renumbers (stepId, stepOrder, childStepId), fills with nulls and
// writes with floats. Compared are the name (as Connect stores it, see
// shorten), description and sport, then, step by step and in order, the
// tree of repeats and their counts, step types, end conditions and their
// values (the lap button's unused value aside) and compares (below,
// above), targets and secondary targets with their values (either order)
// or zones, swim strokes and equipment, exercises, loads and step texts,
// and the pool's length and unit; numbers to 3
// decimals. Keys that do not change the workout (ids, dates, owner,
// display orders, estimates) are not compared. An error says which input
// is not a workout.
func equivalent(a, b []byte) (bool, error) {
	ca, err := canon(a)
	if err != nil {
		return false, fmt.Errorf("first: %w", err)
	}
	cb, err := canon(b)
	if err != nil {
		return false, fmt.Errorf("second: %w", err)
	}
	return ca == cb, nil
}

// canon writes what equivalent compares, one line a step, from the JSON
// itself (not through Decode): types by id, values to 3 decimals, ranges
// low-high, the lap button's unused value left out.
func canon(data []byte) (string, error) {
	root, _, err := parse(data)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	id := func(n *node, key string) string {
		if v, ok := n.get(key).number(); ok {
			return fmt.Sprint(v)
		}
		return "-"
	}
	num := func(n *node) string {
		if v, ok := n.number(); ok {
			return fmt.Sprintf("%.3f", math.Round(v*1000)/1000)
		}
		return "-"
	}
	if root.kind != 'o' || !root.has("workoutSegments") {
		return "", errors.New("not a Connect workout: no workoutSegments")
	}
	fmt.Fprintf(&b, "name %q sport %s description %q pool %s %s\n", shorten(strings.TrimSpace(root.get("workoutName").text())),
		id(root.get("sportType"), "sportTypeId"), strings.TrimSpace(root.get("description").text()),
		num(root.get("poolLength")), root.get("poolLengthUnit").get("unitKey").text())
	var steps func(n *node, depth int)
	steps = func(n *node, depth int) {
		if n == nil {
			return
		}
		for _, s := range n.elems {
			ind := strings.Repeat("  ", depth)
			if s.has("workoutSteps") {
				it := num(s.get("numberOfIterations"))
				if it == "-" {
					it = num(s.get("endConditionValue"))
				}
				end := id(s.get("endCondition"), "conditionTypeId")
				if end == "-" {
					end = "7" // a count of iterations alone
				}
				fmt.Fprintf(&b, "%srepeat %s end %s %s\n", ind, it, end, s.get("endConditionCompare").text())
				steps(s.get("workoutSteps"), depth+1)
				continue
			}
			cond := id(s.get("endCondition"), "conditionTypeId")
			val := num(s.get("endConditionValue"))
			if cond == "1" {
				val = "-"
			}
			tt := id(s.get("targetType"), "workoutTargetTypeId")
			if tt == "-" {
				tt = "1"
			}
			vals := []string{num(s.get("targetValueOne")), num(s.get("targetValueTwo"))}
			sort.Strings(vals)
			svals := []string{num(s.get("secondaryTargetValueOne")), num(s.get("secondaryTargetValueTwo"))}
			sort.Strings(svals)
			stt := id(s.get("secondaryTargetType"), "workoutTargetTypeId")
			if stt == "1" {
				stt = "-" // no.target as a second target is none
			}
			stroke, equip := id(s.get("strokeType"), "strokeTypeId"), id(s.get("equipmentType"), "equipmentTypeId")
			if stroke == "0" {
				stroke = "-" // replies fill {0, null}
			}
			if equip == "0" {
				equip = "-"
			}
			fmt.Fprintf(&b, "%sstep type %s end %s %s %s target %s %s zone %s second %s %s zone %s stroke %s equipment %s ex %s/%s weight %s %s text %q\n", ind,
				id(s.get("stepType"), "stepTypeId"), cond, val, s.get("endConditionCompare").text(), tt, strings.Join(vals, "-"), num(s.get("zoneNumber")),
				stt, strings.Join(svals, "-"), num(s.get("secondaryZoneNumber")), stroke, equip,
				s.get("category").text(), s.get("exerciseName").text(), num(s.get("weightValue")),
				s.get("weightUnit").get("unitKey").text(), s.get("description").text())
		}
	}
	for _, seg := range root.get("workoutSegments").elems {
		steps(seg.get("workoutSteps"), 0)
	}
	return b.String(), nil
}
