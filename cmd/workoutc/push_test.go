package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const pushManifest = `<?xml version="1.0" encoding="UTF-8"?>
<Device xmlns="http://www.garmin.com/xmlschemas/GarminDevice/v2">
  <Model><Description>Forerunner 245</Description></Model>
  <MassStorageMode><DataType><Name>FIT_TYPE_5</Name><File>
    <Location><Path>GARMIN/NEWFILES</Path><FileExtension>FIT</FileExtension></Location>
    <TransferDirection>InputToUnit</TransferDirection>
  </File></DataType></MassStorageMode>
</Device>`

// TestPushReadOnlyDevice pushes to a watch whose drive refuses writes: a
// read-only tmpfs mounted on the device folder when running as root (where
// chmod stops nothing), else a folder without write permission. push exits
// 3, says the device is read-only, and leaves nothing behind.
func TestPushReadOnlyDevice(t *testing.T) {
	dir := t.TempDir()
	def := filepath.Join(dir, "easy.yaml")
	os.WriteFile(def, []byte("name: Easy\nsteps:\n  - run: 30 min\n"), 0o644)
	var out, errb bytes.Buffer
	getenv := func(string) string { return "" }
	if code := run([]string{"workoutc", "build", "-q", "-o", dir, def}, nil, &out, &errb, getenv); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errb.String())
	}
	dev := filepath.Join(dir, "watch")
	if err := os.MkdirAll(filepath.Join(dev, "GARMIN", "NEWFILES"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dev, "GARMIN", "GarminDevice.xml"), []byte(pushManifest), 0o644)
	inbox := filepath.Join(dev, "GARMIN", "NEWFILES")
	readOnly := false
	if os.Geteuid() != 0 {
		readOnly = os.Chmod(inbox, 0o555) == nil
		t.Cleanup(func() { os.Chmod(inbox, 0o755) })
	} else if err := mountReadOnly(t, inbox); err == nil {
		readOnly = true
	} else {
		t.Logf("cannot mount a read-only tmpfs: %v", err)
	}
	if !readOnly {
		t.Skip("cannot make a read-only folder here (root without mount rights); internal/device's TestApplyReadOnly covers the error path")
	}
	out.Reset()
	errb.Reset()
	code := run([]string{"workoutc", "push", "--device", dev, filepath.Join(dir, "easy.fit")}, nil, &out, &errb, getenv)
	if code != exitIO {
		t.Errorf("exit %d, want %d", code, exitIO)
	}
	msg := errb.String()
	if !strings.Contains(msg, "workoutc: "+dev+" (Forerunner 245) is mounted read-only") && !strings.Contains(msg, "workoutc: no permission to write to "+dev) {
		t.Errorf("stderr:\n%s", msg)
	}
	if out.Len() != 0 {
		t.Errorf("stdout on failure:\n%s", out.String())
	}
	if entries, _ := os.ReadDir(inbox); len(entries) != 0 {
		t.Errorf("left on the device: %v", entries)
	}
}
