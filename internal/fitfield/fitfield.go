// Package fitfield writes FIT message names and field values as text, the
// one way the FIT reader's warnings and the test dump of a FIT file
// (internal/testkit/fitdump) both show them.
package fitfield

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"
)

// MesgName returns the profile name of message number n ("workout_step"),
// or "mesg_N" for a number the profile does not know.
func MesgName(n typedef.MesgNum) string {
	s := n.String()
	if strings.HasSuffix(s, ")") { // "MesgNumInvalid(1234)"
		return "mesg_" + strconv.Itoa(int(n))
	}
	return s
}

// Value formats any field value: numbers raw (with the scaled value and
// units when the profile gives them), text quoted.
func Value(v proto.Value, scale, offset float64, units string) string {
	switch v.Type() {
	case proto.TypeString:
		return strconv.Quote(v.String())
	case proto.TypeSliceString:
		ss := v.SliceString()
		q := make([]string, len(ss))
		for i, s := range ss {
			q[i] = strconv.Quote(s)
		}
		return "[" + strings.Join(q, ", ") + "]"
	case proto.TypeInvalid:
		return "(invalid)"
	}
	s := fmt.Sprint(v.Any())
	if (scale != 1 && scale != 0) || offset != 0 || units != "" {
		var f float64
		switch x := reflect.ValueOf(v.Any()); x.Kind() {
		case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			f = float64(x.Int())
		case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			f = float64(x.Uint())
		case reflect.Float32, reflect.Float64:
			f = x.Float()
		default:
			return s
		}
		if scale == 0 {
			scale = 1
		}
		m := strconv.FormatFloat(f/scale-offset, 'f', -1, 64)
		if units != "" {
			m += " " + units
		}
		s += " (" + m + ")"
	}
	return s
}
