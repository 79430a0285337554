// swift-tools-version: 6.1
import PackageDescription

/// weft: a Neovim-style terminal kernel in Swift hosting Lua 5.4, with a
/// stock chat UI on top. Layers point one way:
/// Kernel <- Render <- LuaAPI, Chat <- weft (see docs/architecture.md).
/// Every target compiles in Swift 6 language mode (the default of tools
/// version 6.1), so concurrency is checked completely.

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
        .library(name: "OpenAIProvider", targets: ["OpenAIProvider"]),
        .library(name: "AnthropicProvider", targets: ["AnthropicProvider"]),
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

        .target(name: "Kernel", linkerSettings: [.linkedLibrary("m")]),
        .target(name: "Render",
                dependencies: ["Kernel", "CTermKey", "CUnibilium", "CUtf8proc"]),
        .target(name: "LuaAPI",
                dependencies: ["Kernel", "Render", "CLua", "CLuaShim",
                               .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Chat",
                dependencies: ["Kernel", "Render", "CCmark"]),
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
        .executableTarget(name: "weft",
                          dependencies: ["Kernel", "Render", "LuaAPI", "Chat", "OpenAIProvider", "AnthropicProvider", "MCPClient",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        .testTarget(name: "KernelTests", dependencies: ["Kernel"]),
        .testTarget(name: "RenderTests",
                    dependencies: ["Render", "Kernel", "CTermKey", "CUnibilium", "CUtf8proc", "CVTerm"]),
        .testTarget(name: "LuaAPITests",
                    dependencies: ["LuaAPI", "Kernel", "Render", "CLua", "CLuaShim",
                                   .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "ChatTests", dependencies: ["Chat", "Kernel", "Render", "CCmark"]),
        .testTarget(name: "OpenAIProviderTests", dependencies: ["OpenAIProvider", "ProviderHTTP", "Chat", "Kernel"]),
        .testTarget(name: "MCPClientTests", dependencies: ["MCPClient", "Chat", "Kernel"]),
        .testTarget(name: "AnthropicProviderTests", dependencies: ["AnthropicProvider", "ProviderHTTP", "Chat", "Kernel"]),
    ]
)
