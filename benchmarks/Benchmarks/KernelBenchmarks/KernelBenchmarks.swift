import Benchmark
import BenchSupport
import Kernel

/// Extmark storage at scale (shared/PERF.md: insert_100k <= 100 ms total,
/// edit_shift <= 50 us per edit with 100k marks).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(3))

    Benchmark("extmark.insert_100k") { benchmark in
        for _ in benchmark.scaledIterations {
            let store = ExtmarkStore()
            var rng = Corpus.Rng(seed: 7)
            let ns = NamespaceID(1)
            for _ in 0..<100_000 {
                try store.set(ns: ns, start: Position(row: rng.int(100_000), col: rng.int(80)))
            }
            blackHole(store.count)
        }
    }

    Benchmark("extmark.edit_shift (100k marks)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let store = ExtmarkStore()
        let ns = NamespaceID(1)
        for r in 0..<100_000 { try store.set(ns: ns, start: Position(row: r, col: 0)) }
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            if i % 2 == 0 {
                store.splice(start: Position(row: 0, col: 0), oldEnd: Position(row: 0, col: 0), newEnd: Position(row: 1, col: 0))
            } else {
                store.splice(start: Position(row: 0, col: 0), oldEnd: Position(row: 1, col: 0), newEnd: Position(row: 0, col: 0))
            }
        }
        benchmark.stopMeasurement()
        withExtendedLifetime(store) {}
    }

    Benchmark("buffer.append_line (100k lines)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let b = Buffer(id: BufferID(1))
        try b.setLines(0, -1, Corpus.prose(bytes: 8_000_000))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { try b.append(["token"]) }
        benchmark.stopMeasurement()
        withExtendedLifetime(b) {}
    }
}
