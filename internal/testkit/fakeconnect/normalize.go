package fakeconnect

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// flt is a number the service writes as a float (1000 → 1000.0).
type flt float64

// MarshalJSON writes f with a decimal point, as the service does.
func (f flt) MarshalJSON() ([]byte, error) {
	s := strconv.FormatFloat(float64(f), 'f', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return []byte(s), nil
}

func decode(body []byte) (map[string]any, error) {
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil || m == nil {
		return nil, errors.New("the body is not a JSON object")
	}
	return m, nil
}

// typeTable is one of the service's enumerations: id → key, displayOrder.
type typeTable struct {
	idField, keyField string
	keys              map[int64]string
	order             map[int64]int64 // when not the id
	extra             map[string]func(id int64) any
}

var (
	sportTypes = typeTable{"sportTypeId", "sportTypeKey", map[int64]string{1: "running", 2: "cycling", 3: "other", 4: "swimming",
		5: "strength_training", 6: "cardio_training", 7: "yoga", 8: "pilates", 9: "hiit", 10: "multi_sport", 11: "mobility"},
		map[int64]int64{4: 3, 10: 4}, nil}
	stepTypes = typeTable{"stepTypeId", "stepTypeKey", map[int64]string{1: "warmup", 2: "cooldown", 3: "interval", 4: "recovery",
		5: "rest", 6: "repeat", 7: "other", 8: "main"}, nil, nil}
	conditionTypes = typeTable{"conditionTypeId", "conditionTypeKey", map[int64]string{1: "lap.button", 2: "time", 3: "distance",
		4: "calories", 5: "power", 6: "heart.rate", 7: "iterations", 10: "reps"}, nil,
		map[string]func(int64) any{"displayable": func(id int64) any { return id != 7 }}}
	targetTypes = typeTable{"workoutTargetTypeId", "workoutTargetTypeKey", map[int64]string{1: "no.target", 2: "power.zone",
		3: "cadence", 4: "heart.rate.zone", 5: "speed.zone", 6: "pace.zone"}, nil, nil}
	strokeTypes = typeTable{"strokeTypeId", "strokeTypeKey", map[int64]string{0: "", 1: "any_stroke", 2: "backstroke",
		3: "breaststroke", 4: "drill", 5: "fly", 6: "free", 7: "individual_medley"}, nil, nil}
	equipmentTypes = typeTable{"equipmentTypeId", "equipmentTypeKey", map[int64]string{0: "", 1: "fins", 2: "kickboard",
		3: "paddles", 4: "pull_buoy", 5: "snorkel"}, nil, nil}
)

// units by id and by key: {unitId, unitKey, factor}.
var units = []struct {
	id     int64
	key    string
	factor float64
}{{1, "meter", 100}, {2, "kilometer", 100000}, {8, "kilogram", 1000}, {9, "pound", 453.59237}, {230, "yard", 91.44}}

func intOf(v any) (int64, bool) {
	switch n := v.(type) {
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return i, true
		}
		if f, err := n.Float64(); err == nil && f == float64(int64(f)) {
			return int64(f), true
		}
	case string: // the service takes numeric strings too (Kaiord's notes)
		if i, err := strconv.ParseInt(n, 10, 64); err == nil {
			return i, true
		}
	}
	return 0, false
}

func floatOf(v any) (any, error) {
	switch n := v.(type) {
	case nil:
		return nil, nil
	case json.Number:
		f, err := n.Float64()
		return flt(f), err
	case string:
		f, err := strconv.ParseFloat(n, 64)
		return flt(f), err
	}
	return nil, fmt.Errorf("%v is not a number", v)
}

// expand reads a type object ({id} or {id, key}) and returns the full
// {id, key, displayOrder}; an unknown id is an error. nil stays nil.
func (t typeTable) expand(v any, where string) (any, error) {
	if v == nil {
		return nil, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: not an object", where)
	}
	id, ok := intOf(m[t.idField])
	if !ok {
		return nil, fmt.Errorf("%s: %s is required", where, t.idField)
	}
	return t.byID(id, where)
}

func (t typeTable) byID(id int64, where string) (map[string]any, error) {
	key, ok := t.keys[id]
	if !ok {
		return nil, fmt.Errorf("%s: unknown %s %d", where, t.idField, id)
	}
	order := id
	if o, ok := t.order[id]; ok {
		order = o
	}
	out := map[string]any{t.idField: id, t.keyField: key, "displayOrder": order}
	if key == "" {
		out[t.keyField] = nil
	}
	for k, f := range t.extra {
		out[k] = f(id)
	}
	return out, nil
}

func unit(v any, where string) (any, error) {
	if v == nil {
		return nil, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: not an object", where)
	}
	id, hasID := intOf(m["unitId"])
	key, _ := m["unitKey"].(string)
	if !hasID && key == "" {
		return nil, nil // seen: a unit object of nulls comes back as null
	}
	for _, u := range units {
		if (hasID && u.id == id) || (!hasID && u.key == key) {
			return map[string]any{"unitId": u.id, "unitKey": u.key, "factor": flt(u.factor)}, nil
		}
	}
	return nil, fmt.Errorf("%s: unknown unit", where)
}

// store validates and normalises body and keeps it as workout id (0: a
// new one). It returns the stored workout.
func (s *Server) store(body []byte, id int64) (map[string]any, error) {
	m, err := decode(body)
	if err != nil {
		return nil, err
	}
	old := s.workouts[id]
	if id == 0 {
		id = s.nextWID
	}
	w, err := s.normalize(m, id)
	if err != nil {
		return nil, err
	}
	if old != nil {
		w["createdDate"] = old["createdDate"]
	} else {
		s.nextWID++
	}
	s.workouts[id] = w
	return w, nil
}

// normalize turns a request body into the stored workout, or says why the
// service refuses it.
func (s *Server) normalize(m map[string]any, id int64) (map[string]any, error) {
	name, _ := m["workoutName"].(string)
	if strings.TrimSpace(name) == "" {
		return nil, errors.New("workoutName is required")
	}
	if utf8.RuneCountInString(name) > 256 { // seen: cut to 253 + "..."
		name = string([]rune(name)[:253]) + "..."
	}
	sport, err := sportTypes.expand(m["sportType"], "sportType")
	if err != nil {
		return nil, err
	}
	if sport == nil {
		return nil, errors.New("sportType is required")
	}
	multi := sport.(map[string]any)["sportTypeId"] == int64(10)
	segs, _ := m["workoutSegments"].([]any)
	if len(segs) == 0 {
		return nil, errors.New("workoutSegments is required")
	}
	now := s.now().UTC().Format("2006-01-02T15:04:05") + ".0"
	n := &numbering{stepID: s.nextStep}
	var outSegs []any
	for i, sv := range segs {
		seg, ok := sv.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("workoutSegments[%d]: not an object", i)
		}
		os, err := n.segment(seg, i, multi)
		if err != nil {
			return nil, err
		}
		outSegs = append(outSegs, os)
	}
	s.nextStep = n.stepID + 100 // the next workout's ids start further on
	w := map[string]any{
		"workoutId": id, "ownerId": int64(99999999), "workoutName": name, "description": nil,
		"updatedDate": now, "createdDate": now, "sportType": sport, "subSportType": nil, "trainingPlanId": nil,
		"author": map[string]any{"userProfilePk": int64(99999999), "displayName": "test-user", "fullName": "Test User",
			"profileImgNameLarge": nil, "profileImgNameMedium": nil, "profileImgNameSmall": nil, "userPro": false, "vivokidUser": false},
		"sharedWithUsers": nil, "estimatedDurationInSecs": int64(0), "estimatedDistanceInMeters": flt(0), "workoutSegments": outSegs,
		"poolLength": nil, "poolLengthUnit": nil, "locale": nil, "workoutProvider": nil, "workoutSourceId": nil,
		"uploadTimestamp": nil, "atpPlanId": nil, "consumer": nil, "consumerName": nil, "consumerImageURL": nil,
		"consumerWebsiteURL": nil, "workoutNameI18nKey": nil, "descriptionI18nKey": nil, "avgTrainingSpeed": flt(0),
		"estimateType": nil, "estimatedDistanceUnit": map[string]any{"unitId": nil, "unitKey": nil, "factor": nil},
		"workoutThumbnailUrl": nil, "isSessionTransitionEnabled": nil, "shared": false,
	}
	if d, ok := m["description"].(string); ok {
		if s.MaxDescription > 0 && utf8.RuneCountInString(d) > s.MaxDescription { // not seen: a test's what-if
			d = string([]rune(d)[:s.MaxDescription])
		}
		w["description"] = d
	}
	if v, ok := intOf(m["estimatedDurationInSecs"]); ok {
		w["estimatedDurationInSecs"] = v
	}
	for _, k := range []string{"estimatedDistanceInMeters", "avgTrainingSpeed", "poolLength"} {
		if m[k] != nil {
			f, err := floatOf(m[k])
			if err != nil {
				return nil, fmt.Errorf("%s: %v", k, err)
			}
			w[k] = f
		}
	}
	if m["poolLengthUnit"] != nil {
		if w["poolLengthUnit"], err = unit(m["poolLengthUnit"], "poolLengthUnit"); err != nil {
			return nil, err
		}
	}
	if b, ok := m["isSessionTransitionEnabled"].(bool); ok {
		w["isSessionTransitionEnabled"] = b
	}
	return w, nil
}

// numbering renumbers steps as the service does: one depth-first
// stepOrder over the whole workout, a group number per repeat group
// (childStepId of the group and its direct children), and step ids of
// its own.
type numbering struct {
	order, group int64
	stepID       int64
}

func (n *numbering) segment(seg map[string]any, i int, multi bool) (map[string]any, error) {
	where := fmt.Sprintf("workoutSegments[%d]", i)
	sport, err := sportTypes.expand(seg["sportType"], where+".sportType")
	if err != nil {
		return nil, err
	}
	out := map[string]any{"segmentOrder": int64(i + 1), "sportType": sport, "poolLengthUnit": nil, "poolLength": nil,
		"avgTrainingSpeed": nil, "estimatedDurationInSecs": nil, "estimatedDistanceInMeters": nil,
		"estimatedDistanceUnit": nil, "estimateType": nil, "description": nil}
	if multi { // a multisport segment keeps its own estimates and pool
		for _, k := range []string{"poolLength", "avgTrainingSpeed", "estimatedDistanceInMeters"} {
			if out[k], err = floatOf(seg[k]); err != nil {
				return nil, fmt.Errorf("%s.%s: %v", where, k, err)
			}
		}
		if v, ok := intOf(seg["estimatedDurationInSecs"]); ok {
			out["estimatedDurationInSecs"] = v
		}
		for _, k := range []string{"poolLengthUnit", "estimatedDistanceUnit"} {
			if out[k], err = unit(seg[k], where+"."+k); err != nil {
				return nil, err
			}
		}
		if e, ok := seg["estimateType"].(string); ok {
			out["estimateType"] = e
		}
	}
	if d, ok := seg["description"].(string); ok {
		out["description"] = d
	}
	steps, _ := seg["workoutSteps"].([]any)
	if len(steps) == 0 {
		return nil, fmt.Errorf("%s: workoutSteps is empty", where)
	}
	if out["workoutSteps"], err = n.steps(steps, where, nil, 0); err != nil {
		return nil, err
	}
	return out, nil
}

const maxDepth = 10

func (n *numbering) steps(steps []any, where string, group any, depth int) ([]any, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("%s: repeats nested too deep", where)
	}
	nested := false
	for _, sv := range steps {
		if m, ok := sv.(map[string]any); ok && m["type"] == "RepeatGroupDTO" {
			nested = true
		}
	}
	var out []any
	for i, sv := range steps {
		st, ok := sv.(map[string]any)
		w := fmt.Sprintf("%s.workoutSteps[%d]", where, i)
		if !ok {
			return nil, fmt.Errorf("%s: not an object", w)
		}
		n.order++
		n.stepID++
		// Seen: inside a repeat of plain steps the ids go two apart.
		if group != nil && !nested && i > 0 {
			n.stepID++
		}
		var o map[string]any
		var err error
		switch st["type"] {
		case "RepeatGroupDTO":
			o, err = n.repeat(st, w, depth)
		case "ExecutableStepDTO":
			o, err = n.executable(st, w, group)
		default:
			err = fmt.Errorf("%s: type must be ExecutableStepDTO or RepeatGroupDTO", w)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

func (n *numbering) repeat(st map[string]any, w string, depth int) (map[string]any, error) {
	if st["stepType"] != nil {
		if t, err := stepTypes.expand(st["stepType"], w+".stepType"); err != nil || t.(map[string]any)["stepTypeId"] != int64(6) {
			return nil, fmt.Errorf("%s: a repeat's stepType must be 6 (repeat)", w)
		}
	}
	// A repeat runs N times (numberOfIterations, ended by iterations, 7)
	// or until a condition (time, distance, calories, power, heart rate:
	// Connect's editor offers these; reported, not recorded).
	iters, counted := intOf(st["numberOfIterations"])
	cond := int64(7)
	if st["endCondition"] != nil {
		c, err := conditionTypes.expand(st["endCondition"], w+".endCondition")
		if err != nil {
			return nil, err
		}
		cond = c.(map[string]any)["conditionTypeId"].(int64)
	}
	value, hasValue := st["endConditionValue"], st["endConditionValue"] != nil
	switch {
	case counted && (iters < 1 || iters > 99):
		return nil, fmt.Errorf("%s: numberOfIterations must be 1 to 99", w)
	case counted && cond != 7:
		return nil, fmt.Errorf("%s: a repeat with numberOfIterations ends by iterations (conditionTypeId 7)", w)
	case counted && hasValue:
		if got, ok := intOf(value); !ok || got != iters {
			return nil, fmt.Errorf("%s: endConditionValue must equal numberOfIterations", w)
		}
	case !counted && (cond == 7 || cond == 1 || cond == 10):
		return nil, fmt.Errorf("%s: a repeat needs numberOfIterations (1 to 99) or an end condition of time, distance, calories, power or heart rate", w)
	case !counted && !hasValue:
		return nil, fmt.Errorf("%s: a repeat until a condition needs endConditionValue", w)
	}
	n.group++
	g := n.group
	o := map[string]any{"type": "RepeatGroupDTO", "stepId": n.stepID, "stepOrder": n.order, "childStepId": g,
		"numberOfIterations": nil, "endConditionValue": nil, "preferredEndConditionUnit": nil,
		"endConditionCompare": nil, "skipLastRestStep": nil, "smartRepeat": st["smartRepeat"] == true}
	o["stepType"], _ = stepTypes.byID(6, "")
	o["endCondition"], _ = conditionTypes.byID(cond, "")
	if counted {
		o["numberOfIterations"], o["endConditionValue"] = iters, flt(iters)
	} else {
		f, err := floatOf(value)
		if err != nil {
			return nil, fmt.Errorf("%s.endConditionValue: %v", w, err)
		}
		o["endConditionValue"] = f
		if c, ok := st["endConditionCompare"].(string); ok {
			o["endConditionCompare"] = c
		}
	}
	if b, ok := st["skipLastRestStep"].(bool); ok {
		o["skipLastRestStep"] = b
	}
	kids, _ := st["workoutSteps"].([]any)
	if len(kids) == 0 {
		return nil, fmt.Errorf("%s: a repeat needs workoutSteps", w)
	}
	var err error
	if o["workoutSteps"], err = n.steps(kids, w, g, depth+1); err != nil {
		return nil, err
	}
	return o, nil
}

func (n *numbering) executable(st map[string]any, w string, group any) (map[string]any, error) {
	o := map[string]any{"type": "ExecutableStepDTO", "stepId": n.stepID, "stepOrder": n.order, "childStepId": group,
		"description": nil, "preferredEndConditionUnit": nil, "endConditionCompare": nil, "targetValueUnit": nil,
		"secondaryTargetType": nil, "secondaryTargetValueOne": nil, "secondaryTargetValueTwo": nil,
		"secondaryTargetValueUnit": nil, "secondaryZoneNumber": nil, "endConditionZone": nil, "category": nil,
		"exerciseName": nil, "workoutProvider": nil, "providerExerciseSourceId": nil, "weightValue": nil, "weightUnit": nil,
		"zoneNumber": nil, "targetValueOne": nil, "targetValueTwo": nil, "endConditionValue": nil}
	var err error
	if st["stepType"] == nil {
		return nil, fmt.Errorf("%s: stepType is required", w)
	}
	if o["stepType"], err = stepTypes.expand(st["stepType"], w+".stepType"); err != nil {
		return nil, err
	}
	if o["stepType"].(map[string]any)["stepTypeId"] == int64(6) {
		return nil, fmt.Errorf("%s: stepType repeat needs type RepeatGroupDTO", w)
	}
	if st["endCondition"] == nil {
		return nil, fmt.Errorf("%s: endCondition is required", w)
	}
	if o["endCondition"], err = conditionTypes.expand(st["endCondition"], w+".endCondition"); err != nil {
		return nil, err
	}
	if o["endCondition"].(map[string]any)["conditionTypeId"] == int64(7) {
		return nil, fmt.Errorf("%s: iterations end only a repeat", w)
	}
	tt := st["targetType"]
	if tt == nil {
		tt = map[string]any{"workoutTargetTypeId": json.Number("1")}
	}
	if o["targetType"], err = targetTypes.expand(tt, w+".targetType"); err != nil {
		return nil, err
	}
	if o["secondaryTargetType"], err = targetTypes.expand(st["secondaryTargetType"], w+".secondaryTargetType"); err != nil {
		return nil, err
	}
	for _, k := range []string{"endConditionValue", "targetValueOne", "targetValueTwo", "secondaryTargetValueOne", "secondaryTargetValueTwo", "weightValue"} {
		if o[k], err = floatOf(st[k]); err != nil {
			return nil, fmt.Errorf("%s.%s: %v", w, k, err)
		}
	}
	for _, k := range []string{"zoneNumber", "secondaryZoneNumber"} {
		if st[k] != nil {
			z, ok := intOf(st[k])
			if !ok || z < 1 || z > 10 {
				return nil, fmt.Errorf("%s.%s: a zone is 1 to 10", w, k)
			}
			o[k] = z
		}
	}
	if o["preferredEndConditionUnit"], err = unit(st["preferredEndConditionUnit"], w+".preferredEndConditionUnit"); err != nil {
		return nil, err
	}
	for _, k := range []string{"description", "endConditionCompare", "targetValueUnit", "secondaryTargetValueUnit", "endConditionZone"} {
		if v, ok := st[k]; ok && v != nil {
			o[k] = v
		}
	}
	if o["weightUnit"], err = unit(st["weightUnit"], w+".weightUnit"); err != nil {
		return nil, err
	}
	// Strokes and equipment may come as a bare id; a null one is 0 ("none").
	for i, t := range []typeTable{strokeTypes, equipmentTypes} {
		k := [...]string{"strokeType", "equipmentType"}[i]
		v := st[k]
		if m, ok := v.(map[string]any); ok && m[t.idField] == nil || v == nil {
			v = map[string]any{t.idField: json.Number("0")}
		} else if id, ok := intOf(v); ok {
			v = map[string]any{t.idField: json.Number(strconv.FormatInt(id, 10))}
		}
		if o[k], err = t.expand(v, w+"."+k); err != nil {
			return nil, err
		}
	}
	cat, _ := st["category"].(string)
	ex, _ := st["exerciseName"].(string)
	switch {
	case cat == "" && ex != "":
		return nil, fmt.Errorf("%s: exerciseName %s without a category", w, ex)
	case cat == "UNASSIGNED" || cat == "OTHER":
		return nil, fmt.Errorf("%s: category %s is refused", w, cat)
	case cat != "" && !validKey(cat), ex != "" && !validKey(ex):
		return nil, fmt.Errorf("%s: category and exerciseName are upper-case keys", w)
	}
	if cat != "" {
		o["category"] = cat
	}
	if ex != "" {
		o["exerciseName"] = ex
	}
	return o, nil
}

func validKey(s string) bool {
	if len(s) > 100 {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}
