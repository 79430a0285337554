import Benchmark
import BenchSupport
import Render

/// Measuring and wrapping throughput (shared/PERF.md: measure.ascii >= 1 GB/s,
/// measure.mixed >= 150 MB/s, wrap.prose 1 MB at 80 columns <= 10 ms).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(3))

    let ascii = Corpus.prose(bytes: 1 << 20).joined(separator: "\n")
    let mixed = Corpus.mixed(bytes: 1 << 20).joined(separator: "\n")
    let proseLines = Corpus.prose(bytes: 1 << 20)

    Benchmark("measure.ascii (1 MiB)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(TextMeasure.measure(ascii)) }
    }
    Benchmark("measure.mixed (1 MiB)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(TextMeasure.measure(mixed)) }
    }
    Benchmark("wrap.prose (1 MiB, 80 cols)") { benchmark in
        for _ in benchmark.scaledIterations {
            var rows = 0
            for line in proseLines { rows += Wrapper.rowCount(line, width: 80, options: WrapOptions(linebreak: true)) }
            blackHole(rows)
        }
    }
    Benchmark("wrap.mixed (1 MiB, 80 cols)") { benchmark in
        let lines = Corpus.mixed(bytes: 1 << 20)
        for _ in benchmark.scaledIterations {
            var rows = 0
            for line in lines { rows += Wrapper.rowCount(line, width: 80, options: WrapOptions(linebreak: true)) }
            blackHole(rows)
        }
    }
}
