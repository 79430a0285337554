// swift-tools-version: 6.1
import PackageDescription

/// weft's libFuzzer targets, instrumented: one executable per target, built
/// apart from the main package so the normal `swift build` never compiles
/// with sanitizers. Each is a thin `LLVMFuzzerTestOneInput` over the
/// target's checks in the main package's `FuzzHarnesses` (fuzz/Harnesses/),
/// which the normal build also runs, uninstrumented, through `weft-fuzz`.
/// `make fuzz` builds these with `--sanitize fuzzer --sanitize address` and
/// coverage counters, and runs each over its seed corpus
/// (`Corpus/<target>/`) and dictionary (`Dictionaries/<target>.dict`); see
/// docs/reliability.md.
let package = Package(
    name: "weft-fuzz",
    dependencies: [
        .package(name: "weft", path: ".."),
    ],
    targets: ["FuzzInputDecoder", "FuzzStream", "FuzzAnthropic", "FuzzJSON", "FuzzMarkdown",
              "FuzzText", "FuzzSession", "FuzzLuaValues", "FuzzFrame"].map { name in
        .executableTarget(name: name, dependencies: [.product(name: "FuzzHarnesses", package: "weft")])
    }
)
