package say

import "testing"

// TestWording holds the one wording every command prints.
func TestWording(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Clock(0), "0:00"},
		{Clock(90), "1:30"},
		{Clock(3725), "1:02:05"},
		{Clock(59.6), "1:00"},
		{Clock(1e12), "2.78e+08 h"},
		{Time(45), "45 s"},
		{Time(1.5), "1.5 s"},
		{Time(120), "2:00"},
		{Time(90.25), "1:30.25"},
		{Time(3723), "1:02:03"},
		{Number(72.5), "72.5"},
		{Range(155, 140), "140-155"},
		{Range(150, 150), "150"},
		{"hr " + Range(70, 80) + HRUnit(true), "hr 70-80% of max"},
		{"hr " + Range(140, 155) + HRUnit(false), "hr 140-155 bpm"},
		{"power " + Range(85, 95) + PowerUnit(true), "power 85-95% of FTP"},
		{"power " + Range(200, 250) + PowerUnit(false), "power 200-250 W"},
		{Pace(1000.0/354, 1000), "5:54"},
		{Pace(0, 1000), "-"},
		{PaceRange(1609.344/630, 1609.344/570, 1609.344), "9:30-10:30"},
		{PaceRange(2.5, 2.5, 1000), "6:40"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
