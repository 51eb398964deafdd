package connectapi

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/workoutc/workoutc/internal/confined"
)

// Token is a Garmin DI OAuth2 sign-in. It prints as "[redacted]" with
// every fmt verb, so that it cannot end up in a message by accident.
type Token struct {
	Access         string    `json:"access_token"`
	Refresh        string    `json:"refresh_token,omitempty"`
	ClientID       string    `json:"client_id"`
	Expires        time.Time `json:"expires"`                  // of the access token
	RefreshExpires time.Time `json:"refresh_expires,omitzero"` // zero when unknown
	DisplayName    string    `json:"display_name,omitempty"`   // who signed in
	FullName       string    `json:"full_name,omitempty"`      //
	Source         string    `json:"source,omitempty"`         // how: ticket, password, garminconnect
	Saved          time.Time `json:"saved,omitzero"`           // when this file was written
}

// Format prints the token as "[redacted]" whatever the verb.
func (t Token) Format(f fmt.State, _ rune) { io.WriteString(f, "[redacted]") }

// redact replaces the token's secrets in s.
func (t *Token) redact(s string) string {
	for _, sec := range []string{t.Access, t.Refresh} {
		if len(sec) >= 8 {
			s = strings.ReplaceAll(s, sec, "[redacted]")
		}
	}
	return s
}

// jwtClaims reads the unverified claims of a JWT access token: its
// expiry and client id (zero values when it is not a JWT).
func jwtClaims(tok string) (exp time.Time, clientID string) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 || len(parts[1]) > 16<<10 {
		return
	}
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return
	}
	var c struct {
		Exp      float64 `json:"exp"`
		ClientID string  `json:"client_id"`
	}
	if json.Unmarshal(b, &c) != nil {
		return
	}
	if c.Exp > 0 && c.Exp < 1e11 {
		exp = time.Unix(int64(c.Exp), 0).UTC()
	}
	return exp, c.ClientID
}

// Store keeps the token in a folder: Dir/connect-token.json, mode 0600 in
// a folder of mode 0700, replaced atomically.
type Store struct{ Dir string }

// TokenFile is the token's file name in the store's folder.
const TokenFile = "connect-token.json"

// DefaultStore is the store in the user's config folder
// (os.UserConfigDir()/workoutc).
func DefaultStore() (*Store, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return nil, fmt.Errorf("no config folder to keep the sign-in in: %v", err)
	}
	return &Store{Dir: filepath.Join(d, "workoutc")}, nil
}

// Path is the token file.
func (s *Store) Path() string { return filepath.Join(s.Dir, TokenFile) }

// Load reads the stored token; ErrNotSignedIn when there is none.
func (s *Store) Load() (*Token, error) {
	b, err := readSmall(s.Path())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotSignedIn
	}
	if err != nil {
		return nil, err
	}
	var t Token
	if err := json.Unmarshal(b, &t); err != nil || t.Access == "" {
		return nil, fmt.Errorf("%s is not a sign-in workoutc wrote; run 'workoutc connect login' again", s.Path())
	}
	return &t, nil
}

// readSmall reads at most 1 MiB of the file path: a token file is a few kB.
func readSmall(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, 1<<20))
}

// Save writes t atomically: a temporary file of mode 0600 in the same
// folder (made 0700), synced, renamed over the old one (confined.Dir's
// write, which refuses to write through a link).
func (s *Store) Save(t *Token) error {
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return err
	}
	if err := os.Chmod(s.Dir, 0o700); err != nil {
		return err
	}
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return err
	}
	d, err := confined.Open(s.Dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.WriteFile(TokenFile, append(b, '\n'), confined.Options{Mode: 0o600})
}

// Remove deletes the stored token; it reports whether there was one.
func (s *Store) Remove() (bool, error) {
	err := os.Remove(s.Path())
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

// GarminConnectTokens is where python-garminconnect keeps its tokens:
// the file or folder in GARMINTOKENS, else ~/.garminconnect; a folder
// holds garmin_tokens.json.
func GarminConnectTokens(getenv func(string) string) (string, error) {
	p := getenv("GARMINTOKENS")
	if p == "" {
		p = "~/.garminconnect"
	}
	if strings.HasPrefix(p, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		p = filepath.Join(home, p[2:])
	}
	if st, err := os.Stat(p); (err == nil && st.IsDir()) || !strings.EqualFold(filepath.Ext(p), ".json") {
		p = filepath.Join(p, "garmin_tokens.json")
	}
	return p, nil
}

// ImportGarminConnect reads a python-garminconnect token file
// ({"di_token", "di_refresh_token", "di_client_id"}).
func ImportGarminConnect(path string) (*Token, error) {
	b, err := readSmall(path)
	if errors.Is(err, fs.ErrNotExist) {
		dir := filepath.Dir(path)
		if _, e := os.Stat(filepath.Join(dir, "oauth2_token.json")); e == nil {
			return nil, fmt.Errorf("%s holds garth's older OAuth1/OAuth2 tokens, not DI tokens; sign in with python-garminconnect 0.3 or later, or use --ticket", dir)
		}
		return nil, fmt.Errorf("no python-garminconnect token file at %s (set GARMINTOKENS, or use --ticket)", path)
	}
	if err != nil {
		return nil, err
	}
	var in struct {
		Access   string `json:"di_token"`
		Refresh  string `json:"di_refresh_token"`
		ClientID string `json:"di_client_id"`
	}
	if err := json.Unmarshal(b, &in); err != nil || in.Access == "" {
		return nil, fmt.Errorf("%s is not a python-garminconnect token file (no di_token)", path)
	}
	exp, cid := jwtClaims(in.Access)
	return &Token{Access: in.Access, Refresh: in.Refresh, ClientID: cmp.Or(in.ClientID, cid, ClientIDs[0]), Expires: exp, Source: "garminconnect"}, nil
}
