module github.com/rules-artiq/rules_artiq

go 1.24

require (
	github.com/bazelbuild/buildtools v0.0.0-20240313121412-66c605173954
	github.com/google/go-cmp v0.6.0
	github.com/llir/llvm v0.3.6
)

require (
	github.com/golang/protobuf v1.4.3 // indirect
	github.com/mewmew/float v0.0.0-20201204173432-505706aa38fa // indirect
	github.com/pkg/errors v0.9.1 // indirect
	google.golang.org/protobuf v1.25.0 // indirect
)
