import Benchmark
import BenchSupport
import Kernel
import Render

/// Render paths at 200x50 (shared/PERF.md): streaming append, full redraw,
/// page scroll and resize reflow on transcripts of several lengths
/// (10 to 100,000 messages for the scaling table).
/// Rigs kept across samples: ordo-one/benchmark calls a closure once per
/// sample, and building a 100,000-message transcript takes seconds, so
/// without this the setup, not the frames, would use up `maxDuration`.
nonisolated(unsafe) var rigs: [String: RenderRig] = [:]

/// Runs `body` on the rig kept under `key` (built by `make` the first time)
/// and keeps its new state for the next sample.
func withRig(_ key: String, _ make: () throws -> RenderRig, _ body: (inout RenderRig) throws -> Void) throws {
    var rig = try rigs[key] ?? make()
    try body(&rig)
    rigs[key] = rig
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal],
                                           maxDuration: .seconds(3), maxIterations: 10_000)

    // The scaling table of docs/performance.md: frame cost must stay flat
    // from 10 to 100,000 messages (drawing is bounded by visible rows).
    for messages in [10, 100, 1_000, 10_000, 100_000] {
        nonisolated(unsafe) var appended = 0
        Benchmark("render.stream_append/\(messages)") { benchmark in
            try withRig("append/\(messages)", { try RenderRig(messages: messages) }) { rig in
                var bytes = 0
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    appended += 1
                    let last = rig.buffer.lineCount - 1
                    let len = rig.buffer.line(last)?.utf8.count ?? 0
                    try rig.buffer.setText(last, len, last, len, [appended % 12 == 11 ? "" : " tok"])
                    if appended % 12 == 11 { try rig.buffer.append([""]) }
                    bytes += rig.frame()
                }
                benchmark.stopMeasurement()
                blackHole(bytes)
            }
        }

        // Inline mode: the transcript above the live reply is in the
        // terminal's scrollback; a token costs a live-area frame whatever
        // the transcript's length. Every 600 tokens the reply finishes
        // (its rows are written out as scrollback text) and a new one starts.
        nonisolated(unsafe) var inlineTokens = 0
        Benchmark("render.inline_stream_append/\(messages)") { benchmark in
            try withInlineRig("inline/\(messages)", { try InlineRig(messages: messages) }) { rig in
                var bytes = 0
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    inlineTokens += 1
                    bytes += try rig.token(inlineTokens)
                }
                benchmark.stopMeasurement()
                blackHole(bytes)
            }
        }

        nonisolated(unsafe) var pages = 0
        Benchmark("render.scroll_page/\(messages)") { benchmark in
            try withRig("scroll/\(messages)", { try RenderRig(messages: messages) }) { rig in
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    pages += 1
                    rig.compositor.scroll(rig.window, in: rig.editor, rows: pages % 2 == 1 ? -48 : 48)
                    blackHole(rig.frame())
                }
                benchmark.stopMeasurement()
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
        // Stop before the rig is freed: its teardown is not the frame's cost.
        benchmark.stopMeasurement()
        withExtendedLifetime(rig) {}
    }

    // Key in, bytes out, minus the key decoding (termkey): one character
    // typed into the last line of a 200x50 window showing a 1,000-message
    // transcript, the cursor moved after it, the frame composed and encoded.
    nonisolated(unsafe) var keys = 0
    Benchmark("input.keystroke_echo") { benchmark in
        try withRig("keys", {
            let rig = try RenderRig(messages: 1_000)
            rig.window.options.cursorVisible = true
            return rig
        }) { rig in
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                keys += 1
                let last = rig.buffer.lineCount - 1
                let len = rig.buffer.line(last)?.utf8.count ?? 0
                if len >= 150 {
                    try rig.buffer.setText(last, 0, last, len, [""])
                    rig.window.cursor = Position(row: last, col: 0)
                } else {
                    try rig.buffer.setText(last, len, last, len, [keys % 5 == 4 ? " " : "k"])
                    rig.window.cursor = Position(row: last, col: len + 1)
                }
                blackHole(rig.frame())
            }
            benchmark.stopMeasurement()
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
        benchmark.stopMeasurement()
        withExtendedLifetime(rig) {}
    }
}

nonisolated(unsafe) var inlineRigs: [String: InlineRig] = [:]

/// `withRig` for inline rigs.
func withInlineRig(_ key: String, _ make: () throws -> InlineRig, _ body: (inout InlineRig) throws -> Void) throws {
    var rig = try inlineRigs[key] ?? make()
    try body(&rig)
    inlineRigs[key] = rig
}
