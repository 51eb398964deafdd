package catalog_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/muktihari/fit/profile/typedef"

	"github.com/workoutc/workoutc/workouts/catalog"
)

// The generated table holds the whole profile: 1,846 names in 51 tables,
// and the numbers agree with muktihari's typedefs.
func TestCatalogIsWholeProfile(t *testing.T) {
	if n := catalog.Len(); n != 1846 {
		t.Errorf("catalog has %d exercises, want 1846 (FIT profile 21.188)", n)
	}
	checks := []struct {
		cat, num uint16
		want     string
	}{
		{uint16(typedef.ExerciseCategorySquat), uint16(typedef.SquatExerciseNameDumbbellSquat), "squat/dumbbell_squat"},
		{uint16(typedef.ExerciseCategoryDeadlift), uint16(typedef.DeadliftExerciseNameSingleLegRomanianDeadliftWithDumbbell), "deadlift/single_leg_romanian_deadlift_with_dumbbell"},
		{uint16(typedef.ExerciseCategoryHipRaise), uint16(typedef.HipRaiseExerciseNameWeightedSingleLegHipRaise), "hip_raise/weighted_single_leg_hip_raise"},
		{uint16(typedef.ExerciseCategoryBikeOutdoor), 0, "bike_outdoor/" + typedef.BikeOutdoorExerciseName(0).String()},
		{uint16(typedef.ExerciseCategoryWarmUp), uint16(typedef.WarmUpExerciseNameWalkingLegCradles), "warm_up/walking_leg_cradles"},
	}
	for _, c := range checks {
		e, ok := catalog.ByNumber(c.cat, c.num)
		if !ok || e.Key() != c.want {
			t.Errorf("ByNumber(%d, %d) = %v %v, want %s", c.cat, c.num, e.Key(), ok, c.want)
		}
	}
	for _, cat := range typedef.ListExerciseCategory() {
		if cat == typedef.ExerciseCategoryUnknown || cat == typedef.ExerciseCategoryInvalid {
			continue
		}
		if n, ok := catalog.CategoryName(uint16(cat)); !ok || n != cat.String() {
			t.Errorf("CategoryName(%d) = %q, want %q", cat, n, cat.String())
		}
	}
}

func TestLookup(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		// The seed circuit, as the contract writes it.
		{"dumbbell squat", "squat/dumbbell_squat"},
		{"dumbbell deadlift", "deadlift/dumbbell_deadlift"},
		{"single leg romanian deadlift with dumbbell", "deadlift/single_leg_romanian_deadlift_with_dumbbell"},
		{"weighted hip raise", "hip_raise/weighted_hip_raise"},
		{"weighted single leg hip raise", "hip_raise/weighted_single_leg_hip_raise"},
		// Case, separators, order, plurals and abbreviations.
		{"Dumbbell Squat", "squat/dumbbell_squat"},
		{"dumbbell-squat", "squat/dumbbell_squat"},
		{"squat dumbbell", "squat/dumbbell_squat"},
		{"dumbbell squats", "squat/dumbbell_squat"},
		{"db squat", "squat/dumbbell_squat"},
		{"walking lunges", "lunge/walking_lunge"},
		{"  goblet   squat ", "squat/goblet_squat"},
		// Keys and numbers.
		{"squat/dumbbell_squat", "squat/dumbbell_squat"},
		{"squat/dumbbell squat", "squat/dumbbell_squat"},
		{"28/29", "squat/dumbbell_squat"},
		// A name in several categories resolves to its own category.
		{"plank", "plank/plank"},
		{"squat", "squat/squat"},
		{"lunge", "lunge/lunge"},
		// Categories from the newest tables too.
		{"pose/plank", "pose/plank"},
	} {
		e, err := catalog.Lookup(c.in)
		if err != nil || e.Key() != c.want {
			t.Errorf("Lookup(%q) = %s, %v; want %s", c.in, e.Key(), err, c.want)
		}
	}
}

func TestLookupErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"dumbell squat", `unknown exercise "dumbell squat" (did you mean "dumbbell squat"`},
		{"weighted hip rase", `did you mean "weighted hip raise"`},
		{"squat/dumbel_squat", `category squat has no exercise "dumbel_squat" (did you mean "squat/dumbbell_squat"`},
		{"sqat/dumbbell_squat", `unknown exercise category "sqat" (did you mean "squat"?)`},
		{"deadlift/dumbbell_squat", `(did you mean "squat/dumbbell_squat"?)`},
		{"28/9999", `unknown exercise numbers "28/9999"`},
		{"", `exercise is empty`},
		{"xyzzy frobnicate", `unknown exercise "xyzzy frobnicate" (see "workoutc exercises" for the catalog)`},
		{strings.Repeat("a", 100000), `unknown exercise "aaaaaaaa`},
	} {
		_, err := catalog.Lookup(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Lookup(%.20q) error = %v, want it to contain %q", c.in, err, c.want)
		}
		if err != nil && len(err.Error()) > 300 {
			t.Errorf("Lookup(%.20q) error is %d bytes long", c.in, len(err.Error()))
		}
	}
}

func TestSearch(t *testing.T) {
	got := catalog.Search("hip raise", 3)
	if len(got) != 3 || got[0].Key() != "hip_raise/hip_raise" || got[1].Key() != "hip_raise/weighted_hip_raise" {
		t.Errorf("Search(hip raise) = %v", got)
	}
	if n := len(catalog.Search("", 0)); n != catalog.Len() {
		t.Errorf("empty query lists %d, want the whole catalog", n)
	}
	if got := catalog.Search("28", 0); len(got) == 0 || got[0].CategoryName != "squat" {
		t.Errorf("Search(28) = %v", got)
	}
	if got := catalog.Search("28/29", 0); len(got) != 1 || got[0].Title != "Dumbbell Squat" {
		t.Errorf("Search(28/29) = %v", got)
	}
	if got := catalog.Search("nothing like this", 0); len(got) != 0 {
		t.Errorf("nonsense matched %v", got)
	}
}

// Every exercise's own key finds it again, and so does its phrase, but
// where a plain name means a lifter's exercise (issue 14 item 8): the
// phrase of an exercise of a newer category (banded, sandbag, suspension,
// ...) may mean the classic one ("calf raises" is the standing calf
// raise; banded_exercises/calf_raises keeps its key).
func TestEveryEntryRoundTrips(t *testing.T) {
	shadowed := 0
	for _, e := range catalog.Search("", 0) {
		got, err := catalog.Lookup(e.Key())
		if err != nil || got != e {
			t.Fatalf("Lookup(%s) = %v, %v", e.Key(), got, err)
		}
		got, err = catalog.Lookup(e.Phrase())
		if err != nil {
			t.Errorf("Lookup(%q): %v", e.Phrase(), err)
			continue
		}
		if got.Name == e.Name {
			continue
		}
		shadowed++
		if e.Category <= 32 || got.Category > 32 {
			t.Errorf("Lookup(%q) = %s, not %s: only a newer category's name may mean a classic exercise", e.Phrase(), got.Key(), e.Key())
		}
	}
	if shadowed > 40 {
		t.Errorf("%d phrases mean another exercise than their own; the rules shadow at most 40", shadowed)
	}
}

func FuzzLookup(f *testing.F) {
	for _, s := range []string{"dumbbell squat", "squat/dumbbell_squat", "28/29", "db squats", "dumbell squat", "a/b/c", "/", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := catalog.Lookup(s)
		if err == nil {
			if _, ok := catalog.ByNumber(e.Category, e.Number); !ok {
				t.Fatalf("Lookup(%q) returned %v, not in the catalog", s, e)
			}
		}
		catalog.Search(s, 5)
	})
}

func ExampleLookup() {
	e, err := catalog.Lookup("dumbbell squats")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Key(), e.Category, e.Number, e.Title)
	_, err = catalog.Lookup("dumbell squat")
	fmt.Println(err)
	// Output:
	// squat/dumbbell_squat 28 29 Dumbbell Squat
	// unknown exercise "dumbell squat" (did you mean "dumbbell squat"?)
}
