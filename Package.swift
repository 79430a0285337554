// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// weft: a Neovim-style terminal kernel in Swift hosting Lua 5.4, with a
/// stock chat UI on top. Layers point one way:
/// Kernel <- Render <- LuaAPI, Chat <- weft (see docs/architecture.md).
/// Every target compiles in Swift 6 language mode (the default of tools
/// version 6.1), so concurrency is checked completely.

/// libFuzzer's runtime without its `main`, from the toolchain that reads
/// this manifest (`<toolchain>/usr/lib/clang/<version>/lib/linux/`): the
/// quick fuzz driver `weft-fuzz` links it and calls `LLVMFuzzerRunDriver`
/// itself, because SwiftPM gives every executable its own `main`. Nil when
/// no such toolchain is on PATH; `weft-fuzz` then says so when run.
func libFuzzerWithoutMain() -> String? {
    let fm = FileManager.default
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let swift = URL(fileURLWithPath: String(dir)).appendingPathComponent("swift")
        guard fm.isExecutableFile(atPath: swift.path) else { continue }
        let clang = swift.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lib/clang")
        for version in (try? fm.contentsOfDirectory(atPath: clang.path)) ?? [] {
            let linux = clang.appendingPathComponent(version).appendingPathComponent("lib/linux")
            for file in (try? fm.contentsOfDirectory(atPath: linux.path)) ?? []
            where file.hasPrefix("libclang_rt.fuzzer_no_main-") && file.hasSuffix(".a") {
                return linux.appendingPathComponent(file).path
            }
        }
    }
    return nil
}
let libFuzzer = libFuzzerWithoutMain()

func systemLibrary(_ name: String, _ pkg: String?, _ apt: [String]) -> Target {
    .systemLibrary(name: name, path: "Sources/\(name)", pkgConfig: pkg, providers: [.apt(apt)])
}

/// Release code reaches generic type metadata (a `Dictionary` of a kernel
/// type, say) through accessor functions instead of by mangled name: the
/// runtime instantiates a mangled name by demangling it and checking each
/// generic requirement with a conformance lookup, a linear scan over the
/// binary's ~10,000 conformance records the first time a type is used,
/// which was most of the start-up time spent in the runtime.
let release: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release)),
]

let package = Package(
    name: "weft",
    products: [
        .executable(name: "weft", targets: ["weft"]),
        .library(name: "Kernel", targets: ["Kernel"]),
        .library(name: "Render", targets: ["Render"]),
        .library(name: "LuaAPI", targets: ["LuaAPI"]),
        .library(name: "Chat", targets: ["Chat"]),
        .library(name: "OpenAIProvider", targets: ["OpenAIProvider"]),
        .library(name: "AnthropicProvider", targets: ["AnthropicProvider"]),
        .library(name: "FuzzHarnesses", targets: ["FuzzHarnesses"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk.git", exact: "0.12.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        systemLibrary("CLua", "lua5.4", ["liblua5.4-dev"]),
        systemLibrary("CTermKey", "termkey", ["libtermkey-dev"]),
        systemLibrary("CUnibilium", "unibilium", ["libunibilium-dev"]),
        systemLibrary("CUtf8proc", "libutf8proc", ["libutf8proc-dev"]),
        systemLibrary("CCmark", "libcmark-gfm", ["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]),
        systemLibrary("CVTerm", "vterm", ["libvterm-dev"]),
        .target(name: "CLuaShim", dependencies: ["CLua"]),

        .target(name: "Kernel", swiftSettings: release, linkerSettings: [.linkedLibrary("m")]),
        .target(name: "Render",
                dependencies: ["Kernel", "CTermKey", "CUnibilium", "CUtf8proc"], swiftSettings: release),
        .target(name: "LuaAPI",
                dependencies: ["Kernel", "Render", "CLua", "CLuaShim",
                               .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: release),
        .target(name: "Chat",
                dependencies: ["Kernel", "Render", "CCmark"], swiftSettings: release),
        .target(name: "OpenAIProvider",
                dependencies: ["Chat", "Kernel", "ProviderHTTP"]),
        .target(name: "ProviderHTTP",
                dependencies: ["Chat", "Kernel", .product(name: "AsyncHTTPClient", package: "async-http-client")]),
        .target(name: "AnthropicProvider",
                dependencies: ["Chat", "Kernel", "ProviderHTTP",
                               .product(name: "AsyncHTTPClient", package: "async-http-client")]),
        .target(name: "MCPClient",
                dependencies: ["Chat", "Kernel", "ProviderHTTP", .product(name: "MCP", package: "swift-sdk"),
                               .product(name: "AsyncHTTPClient", package: "async-http-client")]),
        // The checks of every fuzz target (fuzz/Harnesses), and a quick
        // driver running them in the normal build (`make test`, no
        // sanitizer, no coverage); fuzz/Package.swift builds them
        // instrumented for `make fuzz`.
        .target(name: "FuzzHarnesses",
                dependencies: ["Kernel", "Render", "LuaAPI", "Chat", "CLua", "CLuaShim", "CVTerm"],
                path: "fuzz/Harnesses"),
        .executableTarget(name: "weft-fuzz", dependencies: ["FuzzHarnesses"], path: "fuzz/Quick",
                          swiftSettings: libFuzzer == nil ? [.define("WEFT_NO_LIBFUZZER")] : [],
                          linkerSettings: libFuzzer.map { [.unsafeFlags(["-Xlinker", $0, "-lstdc++"])] } ?? []),
        .executableTarget(name: "weft",
                          dependencies: ["Kernel", "Render", "LuaAPI", "Chat", "OpenAIProvider", "AnthropicProvider", "MCPClient",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: release),

        .testTarget(name: "KernelTests", dependencies: ["Kernel"]),
        .testTarget(name: "RenderTests",
                    dependencies: ["Render", "Kernel", "CTermKey", "CUnibilium", "CUtf8proc", "CVTerm", "FuzzHarnesses"]),
        .testTarget(name: "LuaAPITests",
                    dependencies: ["LuaAPI", "Kernel", "Render", "CLua", "CLuaShim",
                                   .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "ChatTests", dependencies: ["Chat", "Kernel", "Render", "CCmark"]),
        .testTarget(name: "OpenAIProviderTests", dependencies: ["OpenAIProvider", "ProviderHTTP", "Chat", "Kernel"]),
        .testTarget(name: "MCPClientTests", dependencies: ["MCPClient", "Chat", "Kernel"]),
        .testTarget(name: "AnthropicProviderTests", dependencies: ["AnthropicProvider", "ProviderHTTP", "Chat", "Kernel"]),
    ]
)
