package preview

// Internals under test (preview_test.go, package preview_test).
var (
	StepTime     = stepTime
	StepDistance = stepDistance
)

// NominalSeconds is nominalSeconds, for preview_test.go.
const NominalSeconds = nominalSeconds

// DrawnSeconds is drawnSeconds, for preview_test.go.
func (p *Profile) DrawnSeconds() float64 { return p.drawnSeconds() }
