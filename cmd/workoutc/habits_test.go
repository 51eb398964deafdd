package main

import (
	"runtime/debug"
	"testing"
)

// TestFormatVersion: --version shows the module version, the VCS revision
// and whether the tree was modified, from the build information.
func TestFormatVersion(t *testing.T) {
	cases := []struct {
		info debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.3"}}, "v1.2.3 go1.26.0"},
		{debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "451b6d96eaf9"}, {Key: "vcs.modified", Value: "true"},
		}}, "(devel) (revision 451b6d96eaf9, modified) go1.26.0"},
		{debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261202055518-451b6d96eaf9"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "451b6d96eaf9"}, {Key: "vcs.modified", Value: "false"},
		}}, "v0.0.0-20261202055518-451b6d96eaf9 (revision 451b6d96eaf9)"},
		{debug.BuildInfo{}, "(devel)"},
	}
	for _, c := range cases {
		if got := formatVersion(&c.info); got != c.want {
			t.Errorf("formatVersion(%+v) = %q, want %q", c.info.Main, got, c.want)
		}
	}
}
