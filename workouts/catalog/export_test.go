package catalog

// Len returns the number of exercises in the catalog; only the tests ask.
func Len() int { return len(load().entries) }

// connectLen returns how many exercises Connect's catalogue has.
func connectLen() int { return len(loadConnect().known) }
