package buildfile

import "testing"

// The directives of the module root's BUILD file count also when the
// workspace root has a BUILD file of the same name (both BUILD.bazel).
func TestModuleRootDirectivesBesideRootBuild(t *testing.T) {
	root := workspace(t, map[string]string{
		"BUILD.bazel":       "# the workspace root\n",
		"src/BUILD.bazel":   "# buildgen:exclude vendored\n",
		"src/lib/a.py":      "@kernel\ndef f() -> None:\n    pass\n",
		"src/vendored/v.py": "@kernel\ndef f() -> None:\n    pass\n",
	})
	changed, _ := generate(t, root, Config{ModuleRoot: "src"})
	if _, ok := changed["src/lib/BUILD.bazel"]; !ok {
		t.Errorf("no BUILD file for src/lib: %v", changed)
	}
	if _, ok := changed["src/vendored/BUILD.bazel"]; ok {
		t.Error("the module root's exclude directive was ignored: the excluded directory got a BUILD file")
	}
}
