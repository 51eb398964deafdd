package device

import (
	"runtime"
	"strings"
	"testing"
)

// deepManifest is a device description that nests n unknown elements
// inside the Device element.
func deepManifest(n int) string {
	return `<Device xmlns="http://www.garmin.com/xmlschemas/GarminDevice/v2"><MassStorageMode>` +
		strings.Repeat("<DataType>", n) + strings.Repeat("</DataType>", n) + `</MassStorageMode></Device>`
}

// allocated is how many bytes parsing doc allocates.
func allocated(t *testing.T, doc string) uint64 {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if _, err := ParseManifest(strings.NewReader(doc)); err != nil {
		t.Fatalf("ParseManifest: %v", err)
	}
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestParseManifestDeepLinear: the work of parsing grows in proportion to
// the document, however deep it nests. Joining the path of all open
// elements at each element allocated O(depth) bytes an element: 40,000
// levels took gigabytes. Measured in bytes allocated, not time.
func TestParseManifestDeepLinear(t *testing.T) {
	small, big := deepManifest(10000), deepManifest(40000)
	a, b := allocated(t, small), allocated(t, big)
	perByte := float64(b) / float64(len(big))
	t.Logf("%d levels: %d bytes allocated; %d levels: %d bytes (%.1f a byte of input)", 10000, a, 40000, b, perByte)
	if perByte > 200 {
		t.Errorf("parsing allocates %.0f bytes a byte of input at 40,000 levels; want a constant under 200", perByte)
	}
	if ratio := float64(b) / float64(a); ratio > 6 {
		t.Errorf("4 times the depth allocates %.1f times as much; want about 4 (linear)", ratio)
	}
}

// TestManifestLongPathNotClipped: a folder path longer than a message
// shows is used whole (or refused), never clipped and then used.
func TestManifestLongPathNotClipped(t *testing.T) {
	long := "GARMIN/" + strings.Repeat("N", 150)
	doc := `<Device><MassStorageMode><DataType><Name>FIT_TYPE_5</Name><File><Location><Path>` + long +
		`</Path><FileExtension>FIT</FileExtension></Location><TransferDirection>InputToUnit</TransferDirection></File></DataType></MassStorageMode></Device>`
	m := parse(t, doc)
	r, err := m.Route(5)
	if err != nil || r.Inbox != long {
		t.Errorf("inbox %q, %v; want the whole path %q", r.Inbox, err, long)
	}
	huge := strings.Replace(doc, long, "GARMIN/"+strings.Repeat("N", 5000), 1)
	if _, err := ParseManifest(strings.NewReader(huge)); err == nil || !strings.Contains(err.Error(), "a folder path longer than 4096 bytes") {
		t.Errorf("a 5000-byte path: %v", err)
	}
	ctl := strings.Replace(doc, long, "GARMIN/New\x1b[2JFiles", 1)
	ctl = strings.Replace(ctl, "\x1b", "&#x1b;", 1)
	if m, err := ParseManifest(strings.NewReader(ctl)); err == nil {
		if _, err := m.Route(5); err == nil || strings.Contains(err.Error(), "\x1b") {
			t.Errorf("a path with an escape: %v", err)
		}
	}
}
