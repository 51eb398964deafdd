package device_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/workoutc/workoutc/internal/device"
)

func ExampleParseManifest() {
	const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Device xmlns="http://www.garmin.com/xmlschemas/GarminDevice/v2">
  <Model><Description>Forerunner 245</Description></Model>
  <MassStorageMode>
    <DataType>
      <Name>FIT_TYPE_5</Name>
      <File>
        <Location><Path>GARMIN/WORKOUTS</Path><FileExtension>FIT</FileExtension></Location>
        <TransferDirection>OutputFromUnit</TransferDirection>
      </File>
      <File>
        <Location><Path>GARMIN/NEWFILES</Path><FileExtension>FIT</FileExtension></Location>
        <TransferDirection>InputToUnit</TransferDirection>
      </File>
    </DataType>
  </MassStorageMode>
</Device>`
	m, err := device.ParseManifest(strings.NewReader(xml))
	if err != nil {
		fmt.Println(err)
		return
	}
	workouts, _ := m.Route(5)  // FIT_TYPE_5
	schedules, _ := m.Route(7) // FIT_TYPE_7
	fmt.Println(m.Model)
	fmt.Printf("workouts: declared %v, into %s, kept in %v\n", workouts.Declared, workouts.Inbox, workouts.Stores)
	fmt.Printf("schedules: declared %v\n", schedules.Declared)
	// Output:
	// Forerunner 245
	// workouts: declared true, into GARMIN/NEWFILES, kept in [GARMIN/WORKOUTS]
	// schedules: declared false
}

func ExampleOpen() {
	dir, _ := os.MkdirTemp("", "watch")
	defer os.RemoveAll(dir)
	os.MkdirAll(filepath.Join(dir, "GARMIN"), 0o755)
	os.WriteFile(filepath.Join(dir, "GARMIN", "GarminDevice.xml"), []byte(
		`<Device xmlns="http://www.garmin.com/xmlschemas/GarminDevice/v2"><Model><Description>Edge 530</Description></Model>
		<MassStorageMode><DataType><Name>FIT_TYPE_5</Name></DataType></MassStorageMode></Device>`), 0o644)
	os.WriteFile(filepath.Join(dir, "easy.fit"), []byte("not a FIT file"), 0o644)

	dev, err := device.Open(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(dev.Manifest.Model)
	srcs, _, err := device.ReadSources([]string{filepath.Join(dir, "easy.fit")})
	if err != nil {
		fmt.Println(err)
		return
	}
	_, diags, err := dev.Plan(srcs, false)
	fmt.Println(err, len(diags), strings.Contains(diags.Error(), "not a FIT file"))

	empty := filepath.Join(dir, "stick")
	os.Mkdir(empty, 0o755)
	_, err = device.Open(empty)
	fmt.Println(err != nil)
	// Output:
	// Edge 530
	// <nil> 1 true
	// true
}
