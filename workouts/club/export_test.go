package club

// The parser's tables, for the schema agreement test (schema_agree_test.go,
// package club_test).
var (
	ParserPlanKeys    = planKeys
	ParserSessionKeys = sessionKeys
	ParserDays        = dayNames
)
