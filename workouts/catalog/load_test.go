package catalog

import (
	"sync"
	"testing"
)

// BenchmarkLoad is the catalog's start-up: the tables every command that
// reads a strength workout builds once.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		once = sync.Once{}
		idx = nil
		load()
	}
}
