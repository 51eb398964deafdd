package connect

import (
	"bytes"
	"os"
	"testing"

	"github.com/workoutc/workoutc/encode"
)

func BenchmarkEncode(b *testing.B) {
	data, err := os.ReadFile("../../testdata/connect-targets.json")
	if err != nil {
		b.Fatal(err)
	}
	w, _, err := Decode(data)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, _, err := Encode(w, encode.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	data, err := os.ReadFile("../../testdata/connect-targets.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeMinified4MB reads a reply of 4 MB on one line (the size
// cap): linear, columns counted once.
func BenchmarkDecodeMinified4MB(b *testing.B) {
	step := []byte(`{"type":"ExecutableStepDTO","stepType":{"stepTypeId":3},"endCondition":{"conditionTypeId":2},"endConditionValue":60.0,"targetType":{"workoutTargetTypeId":4},"zoneNumber":2,"description":"Étape"},`)
	var buf bytes.Buffer
	buf.WriteString(`{"workoutName":"big","sportType":{"sportTypeId":1},"workoutSegments":[{"workoutSteps":[`)
	n := 0
	for buf.Len()+len(step) < MaxSize-100 && n < maxSteps {
		buf.Write(step)
		n++
	}
	buf.Truncate(buf.Len() - 1)
	buf.WriteString(`]}]}`)
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		w, _, err := Decode(data)
		if err != nil || len(w.Steps) != n {
			b.Fatal(err)
		}
	}
}
