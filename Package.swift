// swift-tools-version: 6.1
import PackageDescription

/// weft: a Neovim-style terminal kernel in Swift hosting Lua 5.4, with a
/// stock chat UI on top. Layers point one way:
/// Kernel <- Render <- LuaAPI, Chat <- weft (see docs/architecture.md).
let swift5: [SwiftSetting] = [.swiftLanguageMode(.v5)]

func systemLibrary(_ name: String, _ pkg: String?, _ apt: [String]) -> Target {
    .systemLibrary(name: name, path: "Sources/\(name)", pkgConfig: pkg, providers: [.apt(apt)])
}

let package = Package(
    name: "weft",
    products: [
        .executable(name: "weft", targets: ["weft"]),
        .library(name: "Kernel", targets: ["Kernel"]),
        .library(name: "Render", targets: ["Render"]),
        .library(name: "LuaAPI", targets: ["LuaAPI"]),
        .library(name: "Chat", targets: ["Chat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        systemLibrary("CLua", "lua5.4", ["liblua5.4-dev"]),
        systemLibrary("CTermKey", "termkey", ["libtermkey-dev"]),
        systemLibrary("CUnibilium", "unibilium", ["libunibilium-dev"]),
        systemLibrary("CUtf8proc", "libutf8proc", ["libutf8proc-dev"]),
        systemLibrary("CCmark", "libcmark-gfm", ["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]),
        systemLibrary("CVTerm", "vterm", ["libvterm-dev"]),
        .target(name: "CLuaShim", dependencies: ["CLua"]),

        .target(name: "Kernel", swiftSettings: swift5, linkerSettings: [.linkedLibrary("m")]),
        .target(name: "Render",
                dependencies: ["Kernel", "CTermKey", "CUnibilium", "CUtf8proc"],
                swiftSettings: swift5),
        .target(name: "LuaAPI",
                dependencies: ["Kernel", "Render", "CLua", "CLuaShim"],
                swiftSettings: swift5),
        .target(name: "Chat",
                dependencies: ["Kernel", "Render", "CCmark"],
                swiftSettings: swift5),
        .target(name: "OpenAIProvider",
                dependencies: ["Chat", "Kernel", .product(name: "AsyncHTTPClient", package: "async-http-client")],
                path: "Sources/OpenAIProvider",
                swiftSettings: swift5),
        .executableTarget(name: "weft",
                          dependencies: ["Kernel", "Render", "LuaAPI", "Chat", "OpenAIProvider"],
                          swiftSettings: swift5),

        .testTarget(name: "KernelTests", dependencies: ["Kernel"], swiftSettings: swift5),
        .testTarget(name: "RenderTests",
                    dependencies: ["Render", "Kernel", "CTermKey", "CUnibilium", "CUtf8proc", "CVTerm"],
                    swiftSettings: swift5),
        .testTarget(name: "LuaAPITests",
                    dependencies: ["LuaAPI", "Kernel", "Render", "CLua", "CLuaShim"],
                    swiftSettings: swift5),
        .testTarget(name: "ChatTests", dependencies: ["Chat", "Kernel", "Render", "CCmark"],
                    swiftSettings: swift5),
        .testTarget(name: "OpenAIProviderTests", dependencies: ["OpenAIProvider", "Chat", "Kernel"],
                    swiftSettings: swift5),
    ]
)
