package fit

import (
	"math"

	"github.com/muktihari/fit/profile/typedef"

	"github.com/workoutc/workoutc/workouts"
)

// pool reads the workout's pool_length (m × 100) in the unit the file
// shows it: yards as the shortest number of yards that encodes to the same
// value.
func (d *fitReader) pool(raw, unit uint64, hasUnit bool) *workouts.Pool {
	if raw == 0 {
		d.warnf("pool length 0; ignored")
		return nil
	}
	if hasUnit && unit == uint64(typedef.DisplayMeasureStatute) {
		exact := float64(raw) / 100 / 0.9144
		for dec := 0; dec <= 4; dec++ {
			p := math.Pow(10, float64(dec))
			yd := math.Round(exact*p) / p
			if math.Round(yd*0.9144*100) == float64(raw) {
				return &workouts.Pool{Length: yd, Unit: "yd"}
			}
		}
		return &workouts.Pool{Length: exact, Unit: "yd"}
	}
	if hasUnit && unit != uint64(typedef.DisplayMeasureMetric) {
		d.warnf("pool length unit %d; read the length in metres", unit)
	}
	return &workouts.Pool{Length: float64(raw) / 100, Unit: "m"}
}

// strokeOf moves a swim_stroke target (primary or secondary) of s into its
// Stroke.
func (d *fitReader) strokeOf(idx int, s *workouts.Step) {
	// A stroke first and another target second stays so: the encoder
	// writes a stroke as the target when the step has no other.
	for _, t := range [2]*workouts.Target{&s.Target, &s.Secondary} {
		if t.Kind != workouts.TargetOther || t.Other != typedef.WktStepTargetSwimStroke.String() {
			continue
		}
		switch stroke := workouts.Stroke(t.Zone + 1); {
		case t.Zone < 0 || t.Zone > int(workouts.StrokeIM-1):
			d.warnf("step %d: swim stroke %d is not one the language knows; ignored", idx, t.Zone)
		case s.Stroke == workouts.StrokeNone:
			s.Stroke = stroke
		case s.Stroke != stroke:
			d.warnf("step %d: a second swim stroke (%s); kept the first", idx, stroke)
		}
		*t = workouts.Target{}
	}
}

// swimPaceUnits shows the paces of a swim per 100 of the pool's unit (per
// 100 m without a pool): FIT keeps speeds only.
func swimPaceUnits(w *workouts.Workout) {
	if w.Sport != workouts.SportSwimming {
		return
	}
	unit := "/100m"
	if w.Pool != nil && w.Pool.Unit == "yd" {
		unit = "/100yd"
	}
	workouts.Walk(w.Steps, func(s *workouts.Step, _ int) {
		for _, t := range []*workouts.Target{&s.Target, &s.Secondary} {
			if t.Kind == workouts.TargetPace {
				t.Unit = unit
			}
		}
	})
}
