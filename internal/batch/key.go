package batch

import (
	"encoding/binary"
	"math"
	"reflect"
	"slices"
	"strings"

	"github.com/workoutc/workoutc/workouts"
)

var posType = reflect.TypeFor[workouts.Pos]()

// appendValue appends every field of v to b, whatever its type holds:
// strings with their length, numbers as their bits, maps in the order of
// their keys; but not positions (workouts.Pos), which only place messages,
// so that a row moved in the roster keeps its files. A field added to the
// athlete profile is in a member's key without anyone remembering to add
// it, at a fraction of the cost of formatting the profile (%#v).
func appendValue(b []byte, v reflect.Value) []byte {
	num := binary.LittleEndian.AppendUint64
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return num(b, 0)
		}
		return appendValue(num(b, 1), v.Elem())
	case reflect.Struct:
		if v.Type() == posType {
			return b
		}
		for i := 0; i < v.NumField(); i++ {
			b = appendValue(b, v.Field(i))
		}
		return b
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			panic("batch: cannot key a " + v.Type().String())
		}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(x, y reflect.Value) int { return strings.Compare(x.String(), y.String()) })
		b = num(b, uint64(len(keys)))
		for _, k := range keys {
			b = appendValue(appendValue(b, k), v.MapIndex(k))
		}
		return b
	case reflect.Slice, reflect.Array:
		b = num(b, uint64(v.Len()))
		for i := 0; i < v.Len(); i++ {
			b = appendValue(b, v.Index(i))
		}
		return b
	case reflect.String:
		return append(num(b, uint64(v.Len())), v.String()...)
	case reflect.Bool:
		if v.Bool() {
			return num(b, 1)
		}
		return num(b, 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return num(b, uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return num(b, v.Uint())
	case reflect.Float32, reflect.Float64:
		return num(b, math.Float64bits(v.Float()))
	}
	panic("batch: cannot key a " + v.Type().String())
}
