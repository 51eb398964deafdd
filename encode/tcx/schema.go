package tcx

import "encoding/xml"

// Namespaces and the schema's published location.
const (
	// Namespace is the target namespace of TrainingCenterDatabasev2.xsd.
	Namespace = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
	// SchemaURL is where Garmin published the schema.
	SchemaURL = "http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd"
	xsiNS     = "http://www.w3.org/2001/XMLSchema-instance"
)

// Limits of the schema (format-notes §9.2).
const (
	// MaxName is the most characters of a workout or step name
	// (RestrictedToken_t).
	MaxName = 15
	// MaxSteps is the most steps of a workout, repeats included
	// (StepId_t is 1..20 and unique within a workout).
	MaxSteps = 20
	// MinRepeat and MaxRepeat bound Repeat_t's Repetitions.
	MinRepeat, MaxRepeat = 2, 99
	// MaxSeconds and MaxMeters are the largest Time_t and Distance_t
	// values (xsd:unsignedShort).
	MaxSeconds, MaxMeters = 65535, 65535
)

// The write side: structs whose field order is the schema's xsd:sequence.
// Abstract types carry their concrete type in an "xsi:type" attribute; the
// prefix is declared on the root as xmlns:xsi, so the attribute is named
// literally (encoding/xml would otherwise invent a prefix of its own).

type xDatabase struct {
	XMLName        xml.Name   `xml:"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2 TrainingCenterDatabase"`
	XSI            string     `xml:"xmlns:xsi,attr"`
	SchemaLocation string     `xml:"xsi:schemaLocation,attr"`
	Workouts       []xWorkout `xml:"Workouts>Workout"`
}

type xWorkout struct {
	Sport string  `xml:"Sport,attr"`
	Name  string  `xml:"Name"`
	Steps []xStep `xml:"Step"`
	Notes text    `xml:"Notes,omitempty"`
}

// xStep is a Step_t or a Repeat_t; the fields of the other type stay empty
// and are omitted. StepId comes first in both, then Repeat_t's Repetitions
// and Child+, or Step_t's Name?, Duration, Intensity, Target.
type xStep struct {
	Type        string     `xml:"xsi:type,attr"`
	StepID      int        `xml:"StepId"`
	Repetitions int        `xml:"Repetitions,omitempty"`
	Children    []xStep    `xml:"Child"`
	Name        string     `xml:"Name,omitempty"`
	Duration    *xDuration `xml:"Duration"`
	Intensity   string     `xml:"Intensity,omitempty"`
	Target      *xTarget   `xml:"Target"`
}

type xDuration struct {
	Type      string   `xml:"xsi:type,attr"`
	Seconds   *int     `xml:"Seconds"`
	Meters    *int     `xml:"Meters"`
	HeartRate *xHRRate `xml:"HeartRate"`
	Calories  *int     `xml:"Calories"`
}

type xTarget struct {
	Type          string      `xml:"xsi:type,attr"`
	SpeedZone     *xSpeedZone `xml:"SpeedZone"`
	HeartRateZone *xHRZone    `xml:"HeartRateZone"`
	Low           string      `xml:"Low,omitempty"` // Cadence_t
	High          string      `xml:"High,omitempty"`
}

type xSpeedZone struct {
	Type   string `xml:"xsi:type,attr"`
	Number int    `xml:"Number,omitempty"`
	ViewAs string `xml:"ViewAs,omitempty"`
	Low    string `xml:"LowInMetersPerSecond,omitempty"`
	High   string `xml:"HighInMetersPerSecond,omitempty"`
}

type xHRZone struct {
	Type   string   `xml:"xsi:type,attr"`
	Number int      `xml:"Number,omitempty"`
	Low    *xHRRate `xml:"Low"`
	High   *xHRRate `xml:"High"`
}

type xHRRate struct {
	Type  string `xml:"xsi:type,attr"`
	Value int    `xml:"Value"`
}

// text is character data written with its line breaks as they are
// (encoding/xml writes a string field's newlines as "&#xA;", which is
// valid but unreadable in notes).
type text string

// MarshalXML writes t as the element start with t as its character data.
func (t text) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if err := e.EncodeToken(xml.CharData(t)); err != nil {
		return err
	}
	return e.EncodeToken(start.End())
}
