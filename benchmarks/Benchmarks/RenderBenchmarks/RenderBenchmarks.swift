import Benchmark
import BenchSupport
import Kernel
import Render

/// Render paths at 200x50 (shared/PERF.md): streaming append, full redraw,
/// page scroll and resize reflow on transcripts of several lengths.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal],
                                           maxDuration: .seconds(3), maxIterations: 10_000)

    for messages in [10, 1_000, 10_000] {
        Benchmark("render.stream_append/\(messages)") { benchmark in
            var rig = try RenderRig(messages: messages)
            var bytes = 0
            benchmark.startMeasurement()
            for i in benchmark.scaledIterations {
                let last = rig.buffer.lineCount - 1
                let len = rig.buffer.line(last)?.utf8.count ?? 0
                try rig.buffer.setText(last, len, last, len, [i % 12 == 11 ? "" : " tok"])
                if i % 12 == 11 { try rig.buffer.append([""]) }
                bytes += rig.frame()
            }
            benchmark.stopMeasurement()
            blackHole(bytes)
        }

        Benchmark("render.scroll_page/\(messages)") { benchmark in
            var rig = try RenderRig(messages: messages)
            benchmark.startMeasurement()
            for i in benchmark.scaledIterations {
                rig.compositor.scroll(rig.window, in: rig.editor, rows: i % 2 == 0 ? -48 : 48)
                blackHole(rig.frame())
            }
        }
    }

    Benchmark("render.full_redraw") { benchmark in
        var rig = try RenderRig(messages: 1_000)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            rig.encoder.invalidate()
            blackHole(rig.frame())
        }
    }

    Benchmark("render.resize_reflow/10000") { benchmark in
        var rig = try RenderRig(width: 120, messages: 10_000)
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            rig.editor.screenSize = Size(width: i % 2 == 0 ? 80 : 120, height: 50)
            rig.encoder.invalidate()
            blackHole(rig.frame())
        }
    }
}
