// swift-tools-version: 6.1
import PackageDescription

/// weft's libFuzzer targets: one executable per target, built apart from the
/// main package so the normal `swift build` (and CI's one debug build) never
/// compiles with sanitizers. `make fuzz` builds them with
/// `--sanitize fuzzer --sanitize address` and runs each over its seed corpus
/// (`Corpus/<target>/`) and dictionary (`Dictionaries/<target>.dict`); see
/// docs/reliability.md.
let package = Package(
    name: "weft-fuzz",
    dependencies: [
        .package(name: "weft", path: ".."),
    ],
    targets: [
        .systemLibrary(name: "CVTermFuzz", path: "Sources/CVTermFuzz", pkgConfig: "vterm",
                       providers: [.apt(["libvterm-dev"])]),
        .target(name: "FuzzSupport",
                dependencies: [.product(name: "Kernel", package: "weft"), .product(name: "Render", package: "weft"),
                               "CVTermFuzz"]),
        fuzzer("FuzzInputDecoder", ["Render"]),
        fuzzer("FuzzStream", ["Chat"]),
        fuzzer("FuzzAnthropic", ["Chat", "AnthropicProvider"]),
        fuzzer("FuzzJSON", ["Kernel"]),
        fuzzer("FuzzMarkdown", ["Chat"]),
        fuzzer("FuzzText", ["Render"]),
        fuzzer("FuzzSession", ["Chat"]),
        fuzzer("FuzzLuaValues", ["LuaAPI"]),
        fuzzer("FuzzFrame", ["Render"]),
    ]
)

/// One fuzz target: an executable whose only entry is
/// `LLVMFuzzerTestOneInput` (libFuzzer supplies `main`).
func fuzzer(_ name: String, _ products: [String]) -> Target {
    .executableTarget(name: name,
                      dependencies: ["FuzzSupport", .product(name: "Kernel", package: "weft")]
                          + products.filter { $0 != "Kernel" }.map { .product(name: $0, package: "weft") })
}
