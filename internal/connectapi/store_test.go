package connectapi

import (
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestStoreModesAndAtomic(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "workoutc")
	if err := os.MkdirAll(dir, 0o755); err != nil { // made too open by someone else
		t.Fatal(err)
	}
	s := &Store{Dir: dir}
	if _, err := s.Load(); !errors.Is(err, ErrNotSignedIn) {
		t.Fatalf("Load of nothing = %v, want ErrNotSignedIn", err)
	}
	tok := &Token{Access: "a.b.c", Refresh: "r", ClientID: "id", Expires: time.Unix(2e9, 0).UTC()}
	for i := 0; i < 2; i++ { // a new file, then a replaced one
		if err := s.Save(tok); err != nil {
			t.Fatal(err)
		}
	}
	for p, want := range map[string]os.FileMode{dir: 0o700, s.Path(): 0o600} {
		st, err := os.Stat(p)
		if err != nil || st.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v (%v)", p, st.Mode().Perm(), want, err)
		}
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("the folder holds %d entries, want only %s (no temporary file left)", len(ents), TokenFile)
	}
	got, err := s.Load()
	if err != nil || got.Access != tok.Access || !got.Expires.Equal(tok.Expires) {
		t.Fatalf("Load = %v, %v", got, err)
	}
	if had, err := s.Remove(); !had || err != nil {
		t.Fatalf("Remove = %v, %v", had, err)
	}
	if had, err := s.Remove(); had || err != nil {
		t.Fatalf("second Remove = %v, %v", had, err)
	}
}

func TestStoreRefusesForeignFile(t *testing.T) {
	s := &Store{Dir: t.TempDir()}
	os.WriteFile(s.Path(), []byte(`{"something":"else"}`), 0o600)
	if _, err := s.Load(); err == nil || !strings.Contains(err.Error(), "is not a sign-in workoutc wrote") {
		t.Fatalf("err = %v", err)
	}
}

func fakeJWT(claims string) string {
	e := base64.RawURLEncoding.EncodeToString
	return e([]byte(`{"alg":"RS256"}`)) + "." + e([]byte(claims)) + ".c2ln"
}

func TestImportGarminConnect(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	p, err := GarminConnectTokens(getenv)
	if err != nil || p != filepath.Join(home, ".garminconnect", "garmin_tokens.json") {
		t.Fatalf("default = %q, %v", p, err)
	}
	dir := t.TempDir()
	env["GARMINTOKENS"] = dir
	if p, _ := GarminConnectTokens(getenv); p != filepath.Join(dir, "garmin_tokens.json") {
		t.Fatalf("GARMINTOKENS folder = %q", p)
	}
	env["GARMINTOKENS"] = filepath.Join(dir, "mine.json")
	if p, _ := GarminConnectTokens(getenv); p != filepath.Join(dir, "mine.json") {
		t.Fatalf("GARMINTOKENS file = %q", p)
	}

	if _, err := ImportGarminConnect(filepath.Join(dir, "garmin_tokens.json")); err == nil || !strings.Contains(err.Error(), "no python-garminconnect token file") {
		t.Fatalf("missing: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "oauth2_token.json"), []byte("{}"), 0o600)
	if _, err := ImportGarminConnect(filepath.Join(dir, "garmin_tokens.json")); err == nil || !strings.Contains(err.Error(), "garth's older") {
		t.Fatalf("garth folder: %v", err)
	}
	access := fakeJWT(`{"exp":2000000000,"client_id":"GARMIN_CONNECT_MOBILE_ANDROID_DI_2024Q4"}`)
	file := filepath.Join(dir, "garmin_tokens.json")
	os.WriteFile(file, []byte(`{"di_token": "`+access+`", "di_refresh_token": "refresh-xyz", "di_client_id": null}`), 0o600)
	tok, err := ImportGarminConnect(file)
	if err != nil {
		t.Fatal(err)
	}
	if tok.Access != access || tok.Refresh != "refresh-xyz" || tok.ClientID != "GARMIN_CONNECT_MOBILE_ANDROID_DI_2024Q4" ||
		!tok.Expires.Equal(time.Unix(2e9, 0)) || tok.Source != "garminconnect" {
		t.Fatalf("imported %+v", *tok) // Format keeps the values out of this message
	}
	os.WriteFile(file, []byte(`{"di_token": null}`), 0o600)
	if _, err := ImportGarminConnect(file); err == nil || !strings.Contains(err.Error(), "no di_token") {
		t.Fatalf("empty: %v", err)
	}
}

func TestJWTClaims(t *testing.T) {
	for _, c := range []struct {
		tok string
		exp int64
		cid string
	}{
		{fakeJWT(`{"exp":1700000000,"client_id":"X"}`), 1700000000, "X"},
		{fakeJWT(`{"exp":1e30}`), 0, ""},
		{"not-a-jwt", 0, ""},
		{"a.!!!.c", 0, ""},
		{fakeJWT(`[1,2]`), 0, ""},
	} {
		exp, cid := jwtClaims(c.tok)
		if (c.exp == 0) != exp.IsZero() || (!exp.IsZero() && exp.Unix() != c.exp) || cid != c.cid {
			t.Errorf("jwtClaims(%q) = %v, %q", c.tok, exp, cid)
		}
	}
}
