package catalog

import "testing"

// TestCommonGymNames pins what the commonest gym names mean (issue 14
// item 8): the category named like the name first, then exercises Connect's
// catalogue also has, then the classic categories, the plainest variant
// (barbell, standing, dumbbell) of a name a category only has with more
// words. A change here changes what users' workouts compile to: make it
// on purpose.
func TestCommonGymNames(t *testing.T) {
	for _, c := range []struct{ in, want, why string }{
		{"squat", "squat/squat", whyCategory},
		{"back squat", "squat/back_squats", whyCategory},
		{"front squat", "squat/barbell_front_squat", whyCategory},
		{"goblet squat", "squat/goblet_squat", whyCategory},
		{"split squat", "squat/dumbbell_split_squat", whyCategory},
		{"bulgarian split squat", "lunge/barbell_bulgarian_split_squat", whySuperset},
		{"lunge", "lunge/lunge", whyCategory},
		{"walking lunge", "lunge/walking_lunge", whyCategory},
		{"reverse lunge", "lunge/barbell_reverse_lunge", whyCategory},
		{"step up", "squat/step_up", whyExact},
		{"deadlift", "deadlift/barbell_deadlift", whyCategory},
		{"romanian deadlift", "deadlift/romanian_deadlift", whyCategory},
		{"sumo deadlift", "deadlift/sumo_deadlift", whyCategory},
		{"single leg deadlift", "deadlift/single_leg_barbell_deadlift", whyCategory},
		{"good morning", "leg_curl/good_morning", whyExact},
		{"hip thrust", "hip_raise/barbell_hip_thrust_with_bench", whySuperset},
		{"glute bridge", "banded_exercises/glute_bridge", whyExact},
		{"hip raise", "hip_raise/hip_raise", whyCategory},
		{"calf raise", "calf_raise/standing_calf_raise", whyCategory},
		{"leg press", "squat/leg_press", whyExact},
		{"leg curl", "leg_curl/leg_curl", whyCategory},
		{"leg extension", "crunch/leg_extensions", whyExact},
		{"bench press", "bench_press/barbell_bench_press", whyCategory},
		{"incline bench press", "bench_press/incline_barbell_bench_press", whyCategory},
		{"dumbbell bench press", "bench_press/dumbbell_bench_press", whyCategory},
		{"chest fly", "suspension/chest_fly", whyExact},
		{"dumbbell fly", "flye/dumbbell_flye", whyCategory},
		{"push up", "push_up/push_up", whyCategory},
		{"dip", "triceps_extension/body_weight_dip", whySuperset},
		{"pull up", "pull_up/pull_up", whyCategory},
		{"chin up", "pull_up/chin_up", whyExact},
		{"lat pulldown", "pull_up/lat_pulldown", whyExact},
		{"row", "row/row", whyCategory},
		{"bent over row", "row/bent_over_row_with_barbell", whyCategory},
		{"dumbbell row", "row/dumbbell_row", whyCategory},
		{"seated cable row", "row/seated_cable_row", whyCategory},
		{"face pull", "row/face_pull", whyExact},
		{"overhead press", "shoulder_press/overhead_barbell_press", whySuperset},
		{"shoulder press", "shoulder_press/barbell_shoulder_press", whyCategory},
		{"military press", "shoulder_press/military_press", whyExact},
		{"arnold press", "shoulder_press/arnold_press", whyExact},
		{"lateral raise", "lateral_raise/dumbbell_lateral_raise", whyCategory},
		{"front raise", "lateral_raise/front_raise", whyExact},
		{"shrug", "shrug/barbell_shrug", whyCategory},
		{"bicep curl", "curl/barbell_biceps_curl", whyCategory},
		{"hammer curl", "curl/dumbbell_hammer_curl", whyCategory},
		{"triceps extension", "triceps_extension/dumbbell_lying_triceps_extension", whyCategory},
		{"tricep pushdown", "triceps_extension/triceps_pressdown", whyExact},
		{"plank", "plank/plank", whyCategory},
		{"side plank", "plank/side_plank", whyCategory},
		{"crunch", "crunch/crunch", whyCategory},
		{"sit up", "sit_up/sit_up", whyCategory},
		{"russian twist", "core/russian_twist", whyExact},
		{"leg raise", "leg_raise/hanging_leg_raise", whyCategory},
		{"mountain climber", "plank/mountain_climber", whyExact},
		{"burpee", "total_body/burpee", whyExact},
		{"kettlebell swing", "hip_raise/kettlebell_swing", whyExact},
		{"box jump", "plyo/box_jump", whyExact},
		{"farmers carry", "carry/farmers_carry", whyCategory},
		{"clean", "olympic_lift/clean", whyExact},
		{"snatch", "olympic_lift/snatch", whyExact},
		{"thruster", "squat/thrusters", whyExact},
		{"wall ball", "squat/wall_ball", whyExact},
		{"hyperextension", "hyperextension/swiss_ball_hyperextension", whyCategory},
		{"dead bug", "hip_stability/dead_bug", whyExact},
		{"jumping jack", "cardio/jumping_jacks", whyExact},
	} {
		e, why, err := Explain(c.in)
		if err != nil || e.Key() != c.want || why != c.why {
			t.Errorf("Explain(%q) = %s (%s), %v; want %s (%s)", c.in, e.Key(), why, err, c.want, c.why)
			continue
		}
		if l, err := Lookup(c.in); err != nil || l != e {
			t.Errorf("Lookup(%q) = %s, Explain says %s", c.in, l.Key(), e.Key())
		}
		if !InConnect(e) {
			t.Errorf("%q means %s, which Garmin Connect's catalogue lacks", c.in, e.Key())
		}
	}
}

// The example of the issue: a plain "calf raise" was the banded exercise of
// a newer category; it is the calf-raise category's standing calf raise.
func TestCalfRaise(t *testing.T) {
	for _, in := range []string{"calf raise", "calf raises", "Calf-Raise"} {
		if e, err := Lookup(in); err != nil || e.Key() != "calf_raise/standing_calf_raise" {
			t.Errorf("Lookup(%q) = %s, %v", in, e.Key(), err)
		}
	}
	if e, err := Lookup("banded_exercises/calf_raises"); err != nil || e.CategoryName != "banded_exercises" {
		t.Errorf("the banded one by key: %s, %v", e.Key(), err)
	}
}
