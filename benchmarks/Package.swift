// swift-tools-version: 6.1
import PackageDescription

/// weft's benchmark suite (ordo-one/benchmark). `make bench` runs it and
/// regenerates docs/performance.md. Scenario names follow shared/PERF.md.
let package = Package(
    name: "weft-benchmarks",
    dependencies: [
        .package(name: "weft", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(name: "BenchSupport",
                dependencies: [.product(name: "Kernel", package: "weft"), .product(name: "Render", package: "weft")],
                path: "Benchmarks/BenchSupport"),
        .executableTarget(
            name: "RenderBenchmarks",
            dependencies: [.product(name: "Benchmark", package: "benchmark"), "BenchSupport",
                           .product(name: "Kernel", package: "weft"), .product(name: "Render", package: "weft")],
            path: "Benchmarks/RenderBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "TextBenchmarks",
            dependencies: [.product(name: "Benchmark", package: "benchmark"), "BenchSupport",
                           .product(name: "Render", package: "weft")],
            path: "Benchmarks/TextBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "KernelBenchmarks",
            dependencies: [.product(name: "Benchmark", package: "benchmark"), "BenchSupport",
                           .product(name: "Kernel", package: "weft")],
            path: "Benchmarks/KernelBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "LuaBenchmarks",
            dependencies: [.product(name: "Benchmark", package: "benchmark"), "BenchSupport",
                           .product(name: "Kernel", package: "weft"), .product(name: "Render", package: "weft"),
                           .product(name: "LuaAPI", package: "weft")],
            path: "Benchmarks/LuaBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .target(name: "ChatBenchSupport",
                dependencies: [.product(name: "Kernel", package: "weft"), .product(name: "Render", package: "weft"),
                               .product(name: "Chat", package: "weft")],
                path: "Benchmarks/ChatBenchSupport"),
        .executableTarget(
            name: "ChatBenchmarks",
            dependencies: [.product(name: "Benchmark", package: "benchmark"), "ChatBenchSupport",
                           .product(name: "OpenAIProvider", package: "weft")],
            path: "Benchmarks/ChatBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "BytesReport",
            dependencies: ["BenchSupport", .product(name: "Kernel", package: "weft"), .product(name: "Render", package: "weft")],
            path: "Tools/BytesReport"),
        .executableTarget(
            name: "Profile",
            dependencies: ["BenchSupport", .product(name: "Kernel", package: "weft"), .product(name: "Render", package: "weft"),
                           .product(name: "LuaAPI", package: "weft"), .product(name: "Chat", package: "weft"),
                           "ChatBenchSupport", .product(name: "OpenAIProvider", package: "weft")],
            path: "Tools/Profile"),
    ]
)
