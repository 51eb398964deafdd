package workouts

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/workoutc/workoutc/internal/term"
)

// Athlete is an athlete profile: how to show paces and loads, and the
// values of named zones and loads that workouts refer to.
type Athlete struct {
	Pos   Pos    // the profile file (or roster row)
	Name  string // the athlete's name
	Units string // "imperial", "metric" or "" (as each value was written)
	MaxHR int    // 0 when unknown
	// Zones maps a zone kind ("pace", "hr", "power") to named zones.
	Zones map[string]map[string]Target
	// Loads maps a load name ("medium") to its weight.
	Loads map[string]Weight
}

// Units of an athlete profile.
var unitSystems = []string{"imperial", "metric"}

var athleteKeys = []string{"name", "units", "max_hr", "zones", "loads"}
var athleteAliases = map[string]string{"unit": "units", "maxhr": "max_hr", "max-hr": "max_hr", "hrmax": "max_hr", "weights": "loads", "load": "loads", "zone": "zones"}
var zoneKinds = []string{"pace", "hr", "power"}

// ParseAthlete reads an athlete profile (--athlete FILE.yaml). Like Parse it
// returns every problem found.
func ParseAthlete(file string, data []byte) (*Athlete, Diagnostics) {
	p := &parser{file: file, doc: athleteDoc}
	var a *Athlete
	if root := p.document(data); root != nil {
		a = p.athlete(root)
	}
	p.diags.Sort()
	return a, p.diags
}

func (p *parser) athlete(root *yaml.Node) *Athlete {
	a := &Athlete{Pos: Pos{File: p.file}, Zones: map[string]map[string]Target{}, Loads: map[string]Weight{}}
	for _, kv := range p.mapping(root, "the athlete profile", athleteKeys, athleteAliases) {
		switch kv.Key.Value {
		case "name": // text gives "" for a bad value
			a.Name, _ = p.text(kv.Key, kv.Val)
		case "units":
			if s, ok := p.scalar(kv.Key, kv.Val); ok {
				if err := a.SetUnits(s); err != nil {
					p.errorf(kv.Val, "%s", err.Error())
				}
			}
		case "max_hr":
			if s, ok := p.scalar(kv.Key, kv.Val); ok {
				if err := a.SetMaxHR(s); err != nil {
					p.errorf(kv.Val, "%s", err.Error())
				}
			}
		case "zones":
			if kv.Val.Kind != yaml.MappingNode {
				p.errorf(kv.Val, "zones is a mapping of pace, hr and power zones, not %s", describe(kv.Val))
				continue
			}
			for _, z := range p.mapping(kv.Val, "zones", zoneKinds, map[string]string{"heart_rate": "hr", "speed": "pace"}) {
				if z.Val.Kind != yaml.MappingNode {
					p.errorf(z.Val, "zones.%s maps zone names to ranges (e.g. \"easy: %s\"), not %s", z.Key.Value, zoneExample(z.Key.Value), describe(z.Val))
					continue
				}
				p.named(z.Val, func(name, s string) error { return a.SetZone(z.Key.Value, name, s) }, func(name string, pos Pos) {
					t := a.Zones[z.Key.Value][name]
					t.Pos = pos
					a.Zones[z.Key.Value][name] = t
				})
			}
		case "loads":
			if kv.Val.Kind != yaml.MappingNode {
				p.errorf(kv.Val, "loads maps load names to weights (e.g. \"medium: 15 lb\"), not %s", describe(kv.Val))
				continue
			}
			p.named(kv.Val, a.SetLoad, func(name string, pos Pos) {
				l := a.Loads[name]
				l.Pos = pos
				a.Loads[name] = l
			})
		}
	}
	return a
}

// named reads a mapping of names to values with set, and gives place the
// position of each value set.
func (p *parser) named(m *yaml.Node, set func(name, value string) error, place func(name string, pos Pos)) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		nk, nv := m.Content[i], m.Content[i+1]
		if s, ok := p.scalar(nk, nv); ok {
			if err := set(nk.Value, s); err != nil {
				e, ok := err.(*valueError)
				if !ok {
					e = &valueError{Msg: err.Error()}
				}
				p.valueErr(nv, e)
			} else {
				place(nk.Value, p.pos(nv))
			}
		}
	}
}

func zoneExample(kind string) string {
	switch kind {
	case "hr":
		return "125-145"
	case "power":
		return "200-250"
	}
	return "9:30-10:30 /mi"
}

// SetUnits sets how paces and loads are shown: "imperial" or "metric".
func (a *Athlete) SetUnits(s string) error {
	s = strings.TrimSpace(s)
	if !slices.Contains(unitSystems, s) {
		return verr(0, "unknown units %q%s", term.Cut(s, 40), didYouMean(s, unitSystems, map[string]string{"us": "imperial", "lb": "imperial", "mi": "imperial", "si": "metric", "kg": "metric", "km": "metric"}))
	}
	a.Units = s
	return nil
}

// SetMaxHR sets the athlete's maximum heart rate in bpm.
func (a *Athlete) SetMaxHR(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 100 || n > 250 {
		return verr(0, "max_hr %q is not a heart rate from 100 to 250 bpm", term.Cut(s, 40))
	}
	a.MaxHR = n
	return nil
}

// SetZone sets the named zone name of kind ("pace", "hr" or "power") from its
// range as the language writes it ("9:30-10:30 /mi", "125-145").
func (a *Athlete) SetZone(kind, name, value string) error {
	if !slices.Contains(zoneKinds, kind) {
		return verr(0, "unknown zone kind %q%s", kind, didYouMean(kind, zoneKinds, nil))
	}
	if !IsProfileName(name) {
		return verr(0, "zone name %q is not a word (letters, digits, - and _)", term.Cut(name, 40))
	}
	t, e := parseTarget(kind + " " + value)
	if e != nil {
		e.Off = max(0, e.Off-len(kind)-1)
		return e
	}
	if t.Name != "" {
		return verr(0, "zone %s.%s must be a range such as %q, not another zone name", kind, name, zoneExample(kind))
	}
	if a.Zones == nil {
		a.Zones = map[string]map[string]Target{}
	}
	if a.Zones[kind] == nil {
		a.Zones[kind] = map[string]Target{}
	}
	a.Zones[kind][name] = t
	return nil
}

// SetLoad sets the named load name ("medium") from a weight ("15 lb").
func (a *Athlete) SetLoad(name, value string) error {
	if !IsProfileName(name) {
		return verr(0, "load name %q is not a word (letters, digits, - and _)", term.Cut(name, 40))
	}
	w, e := parseWeight(value)
	if e != nil {
		return e
	}
	if w.Name != "" {
		return verr(0, "load %s must be a weight such as \"15 lb\" or \"7 kg\", not another load name", name)
	}
	if a.Loads == nil {
		a.Loads = map[string]Weight{}
	}
	a.Loads[name] = w
	return nil
}

// sortedNames lists the names of m (the athlete's zones of a kind, or
// loads), sorted, for messages.
func sortedNames[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
