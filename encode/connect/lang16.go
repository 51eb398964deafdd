package connect

import (
	"slices"

	"github.com/workoutc/workoutc/workouts"
)

// This file maps the forms of issue 16 to Connect: heart-rate and power
// end conditions, repeats until a condition, pools, strokes and equipment.
// None of the recorded traffic shows a heart-rate or power condition or a
// repeat until one, so their shape (endConditionCompare "lt"/"gt") is
// what peers write, not what the service was seen to take: see
// docs/connect.md.

// Compare values of a heart-rate or power end condition.
const (
	compareBelow = "lt"
	compareAbove = "gt"
)

// strokes are the language's strokes by Connect's strokeTypeId: 1
// any_stroke (recorded: Connect answers "mixed" with it), 2 backstroke,
// 3 breaststroke, 4 drill, 5 fly (recorded), 6 free and 7
// individual_medley (reported by peers, not recorded).
var strokes = []workouts.Stroke{1: workouts.StrokeMixed, workouts.StrokeBack, workouts.StrokeBreast, workouts.StrokeDrill,
	workouts.StrokeFly, workouts.StrokeFree, workouts.StrokeIM}

// Connect's equipmentTypeId has the language's (and FIT's) numbers: 1
// fins, 2 kickboard, 3 paddles, 4 pull_buoy (recorded), 5 snorkel
// (reported, not recorded).

// poolUnits maps the pool's unit to Connect's unitKey.
var poolUnits = map[string]string{"m": "meter", "yd": "yard"}

// pool sets the workout's (and its segment's) pool length, as the recorded
// swim request sends it.
func (e *encoder) pool(x *jWorkout) {
	p := e.w.Pool
	if p == nil {
		return
	}
	key, ok := poolUnits[p.Unit]
	pos := p.Pos.Or(e.w.Pos)
	if !ok || !(p.Length > 0) {
		e.errs.Errorf(pos, "pool %s cannot be written to Connect (a length in m or yd)", p)
		return
	}
	v := round(p.Length, 2)
	x.jPool = jPool{&v, &jUnitKey{key}}
	x.WorkoutSegments[0].jPool = x.jPool
}

// swim sets a step's stroke and equipment.
func (e *encoder) swim(s *workouts.Step, x *jStep) {
	if s.Stroke != workouts.StrokeNone {
		id := slices.Index(strokes, s.Stroke)
		if id < 1 {
			e.errs.Errorf(s.Pos, "unknown stroke %d", s.Stroke)
		}
		x.StrokeType = &jStroke{id}
	}
	if s.Equipment != workouts.EquipmentNone {
		if s.Equipment > workouts.EquipmentSnorkel {
			e.errs.Errorf(s.Pos, "unknown equipment %d", s.Equipment)
		}
		x.EquipmentType = &jEquipment{int(s.Equipment)}
	}
}

// threshold sets a heart-rate or power end condition: conditions 6
// heart.rate and 5 power, in bpm and W (Connect holds neither in percent,
// as for its targets).
func (e *encoder) threshold(pos workouts.Pos, d *workouts.Duration, x *jStep) {
	hr := d.Kind == workouts.DurationHRBelow || d.Kind == workouts.DurationHRAbove
	x.EndCondition = condition(condPower)
	x.EndConditionCompare = compareBelow
	if d.Kind == workouts.DurationHRAbove || d.Kind == workouts.DurationPowerAbove {
		x.EndConditionCompare = compareAbove
	}
	what, unit, max := "power", "W", 5000.0
	if hr {
		x.EndCondition = condition(condHeartRate)
		what, unit, max = "heart rate", "bpm", 255
	}
	value := d.Value
	if d.Percent && hr {
		var ok bool
		if value, _, ok = e.bpm(pos, workouts.DescribeDuration(*d), "heart rate conditions", "write the heart rate in bpm", d.Value, d.Value); !ok {
			return
		}
	} else if d.Percent {
		e.errs.Errorf(pos, "%s: Connect holds %s conditions in %s only (a percentage would be read as %s); write the %s in %s", workouts.DescribeDuration(*d), what, unit, unit, what, unit)
		return
	}
	if !(value >= 1 && value <= max) {
		e.errs.Errorf(pos, "%s is outside 1-%v %s", workouts.DescribeDuration(*d), max, unit)
		return
	}
	x.EndConditionValue = num64(round(value, 0))
}
