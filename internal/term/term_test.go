package term

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// Hostile is the table of texts every printer must defuse.
var hostile = map[string]string{
	"esc":     "a\x1b[2J\x1b]0;pwned\x07b",
	"cr":      "ok\rEVIL",
	"newline": "one\ntwo",
	"nul":     "a\x00b",
	"del":     "a\x7fb",
	"c1":      "a\u009b31mb",
	"bidi":    "a\u202eevil\u2066b",
	"ls":      "a\u2028b",
	"badutf8": "a\xffb",
}

func hasRaw(s string, keepLines bool) bool {
	for _, r := range s {
		if (keepLines && (r == '\n' || r == '\t')) || r == 0xfffd {
			continue
		}
		if IsControl(r) {
			return true
		}
	}
	return strings.Contains(s, "\xff")
}

func TestClean(t *testing.T) {
	for name, s := range hostile {
		got := Clean(s)
		if hasRaw(got, false) {
			t.Errorf("%s: Clean(%q) = %q keeps a control character", name, s, got)
		}
		if !strings.HasPrefix(got, s[:1]) {
			t.Errorf("%s: Clean(%q) = %q lost the text", name, s, got)
		}
	}
	if got := Clean("one\ntwo"); got != `one\ntwo` {
		t.Errorf("Clean newline = %q", got)
	}
	if got := Clean("plain é"); got != "plain é" {
		t.Errorf("Clean changed plain text: %q", got)
	}
}

func TestQuoteCuts(t *testing.T) {
	big := strings.Repeat("é", 1<<19) // 1 MB
	q := Quote(big)
	if len(q) > MaxValue+10 {
		t.Errorf("Quote of 1 MB is %d bytes", len(q))
	}
	if !strings.HasSuffix(q, "…") {
		t.Errorf("no ellipsis: %q", q[len(q)-10:])
	}
	if v := Value(big); len(v) > MaxValue+len("…") {
		t.Errorf("Value of 1 MB is %d bytes", len(v))
	}
	for name, s := range hostile {
		if hasRaw(Quote(s), false) {
			t.Errorf("%s: Quote keeps a control: %q", name, Quote(s))
		}
	}
}

func TestWriter(t *testing.T) {
	for name, s := range hostile {
		var b bytes.Buffer
		w := NewWriter(&b)
		// Byte by byte: characters split over writes are kept whole.
		for i := 0; i < len(s); i++ {
			w.Write([]byte{s[i]})
		}
		w.Write([]byte("\n"))
		w.Flush()
		if hasRaw(b.String(), true) {
			t.Errorf("%s: Writer passed %q", name, b.String())
		}
	}
	var b bytes.Buffer
	w := NewWriter(&b)
	w.Write([]byte("é\tx\n"))
	if b.String() != "é\tx\n" {
		t.Errorf("Writer changed plain text: %q", b.String())
	}
}

func TestJSON(t *testing.T) {
	for name, s := range hostile {
		if name == "badutf8" {
			continue
		}
		raw, _ := json.Marshal(map[string]string{"v": s})
		got := JSON(raw)
		if hasRaw(string(got), false) {
			t.Errorf("%s: JSON kept a control: %q", name, got)
		}
		var back map[string]string
		if err := json.Unmarshal(got, &back); err != nil || back["v"] != s {
			t.Errorf("%s: JSON changed the value: %q %v", name, back["v"], err)
		}
	}
}

// FuzzClean: whatever the text, Clean leaves no control character (and no
// invalid UTF-8), CleanLines none but newline and tab, the Writer none but
// those however the text is split over writes, and Quote is bounded.
func FuzzClean(f *testing.F) {
	for _, s := range hostile {
		f.Add(s, 3)
	}
	f.Add(strings.Repeat("é\x1b", 200), 1)
	f.Fuzz(func(t *testing.T, s string, split int) {
		if got := Clean(s); hasRaw(got, false) || !utf8.ValidString(got) {
			t.Fatalf("Clean(%q) = %q", s, got)
		}
		if got := CleanLines(s); hasRaw(got, true) || !utf8.ValidString(got) {
			t.Fatalf("CleanLines(%q) = %q", s, got)
		}
		if got := Quote(s); len(got) > 8*MaxValue+16 || hasRaw(got, false) {
			t.Fatalf("Quote(%q) = %q", s, got)
		}
		var b bytes.Buffer
		w := NewWriter(&b)
		if split < 1 {
			split = 1
		}
		for i := 0; i < len(s); i += split {
			w.Write([]byte(s[i:min(len(s), i+split)]))
		}
		w.Flush()
		if got := b.String(); hasRaw(got, true) || !utf8.ValidString(got) {
			t.Fatalf("Writer(%q, split %d) = %q", s, split, got)
		}
	})
}

// TestCleanForms pins the escapes a user sees, for server text (Garmin
// Connect's replies) as for file text: Go's forms, one per character.
func TestCleanForms(t *testing.T) {
	for in, want := range map[string]string{
		"plain é": "plain é", "a\nb": `a\nb`, "\x00\x7f": `\x00\x7f`, "bad\xffutf8": `bad\xffutf8`,
		"\u200f rtl": `\u200f rtl`, "tab\t": `tab\t`, "\x1b[31m\r\n\u202e": `\x1b[31m\r\n\u202e`,
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}
