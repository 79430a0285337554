import Foundation
import Testing
@testable import Render

/// Informal timings of the text hot paths (the real benchmarks live in
/// `benchmarks/`). Run in release with `WEFT_PERF=1`:
/// `WEFT_PERF=1 swift test -c release --filter TextPerfTests`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["WEFT_PERF"] == "1"))
struct TextPerfTests {
    static let megabyte = 1 << 20

    static func repeated(_ unit: String, bytes: Int) -> String {
        var s = ""
        s.reserveCapacity(bytes + unit.utf8.count)
        while s.utf8.count < bytes { s += unit }
        return s
    }

    static let prose = "The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs. "
    static let mixed = "Hello 世界 👩\u{200D}👩\u{200D}👧 café e\u{301}t\u{301}é 한국어 👍🏽 ♻️ 🇯🇵 テキスト "

    /// This thread's CPU time in seconds (the machines here are shared, so
    /// wall time mostly measures the neighbours).
    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Median CPU seconds of `runs` runs of `body`.
    static func median(runs: Int = 15, _ body: () -> Void) -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let start = Self.cpuSeconds()
            body()
            times.append(Self.cpuSeconds() - start)
        }
        return times.sorted()[runs / 2]
    }

    static func report(_ name: String, bytes: Int, seconds: Double) {
        let mbps = Double(bytes) / seconds / 1e6
        print(String(format: "[perf] %@: %.3f ms, %.0f MB/s", name, seconds * 1e3, mbps))
    }

    @Test func measureThroughput() {
        let ascii = Self.repeated(Self.prose, bytes: Self.megabyte)
        let mixed = Self.repeated(Self.mixed, bytes: Self.megabyte)
        var sink = 0
        let a = Self.median { sink &+= TextMeasure.measure(ascii) }
        Self.report("measure.ascii (one 1 MB string)", bytes: ascii.utf8.count, seconds: a)
        let m = Self.median { sink &+= TextMeasure.measure(mixed) }
        Self.report("measure.mixed (one 1 MB string)", bytes: mixed.utf8.count, seconds: m)
        let lines = (0..<(Self.megabyte / 80)).map { _ in String(ascii.prefix(80)) }
        let l = Self.median { for line in lines { sink &+= TextMeasure.measure(line) } }
        Self.report("measure.ascii (80-byte lines)", bytes: lines.count * 80, seconds: l)
        #expect(sink > 0)
    }

    @Test func wrapProse() {
        // 1 MB of paragraphs of ~700 bytes.
        let paragraph = Self.repeated(Self.prose, bytes: 700)
        let lines = Array(repeating: paragraph, count: Self.megabyte / paragraph.utf8.count + 1)
        let bytes = lines.reduce(0) { $0 + $1.utf8.count }
        var sink = 0
        for options in [WrapOptions(), WrapOptions(linebreak: true), WrapOptions(linebreak: true, breakindent: true, showbreak: "↪ ")] {
            let c = Self.median { for line in lines { sink &+= Wrapper.rowCount(line, width: 80, options: options) } }
            Self.report("wrap.prose rowCount 80 cols lb=\(options.linebreak)", bytes: bytes, seconds: c)
            let w = Self.median { for line in lines { sink &+= Wrapper.wrap(line, width: 80, options: options).count } }
            Self.report("wrap.prose wrap 80 cols lb=\(options.linebreak) bi=\(options.breakindent)", bytes: bytes, seconds: w)
        }
        let mixedLines = Array(repeating: Self.repeated(Self.mixed, bytes: 700), count: Self.megabyte / 700)
        let mixedBytes = mixedLines.reduce(0) { $0 + $1.utf8.count }
        let x = Self.median { for line in mixedLines { sink &+= Wrapper.rowCount(line, width: 80, options: WrapOptions(linebreak: true)) } }
        Self.report("wrap.mixed rowCount 80 cols lb=true", bytes: mixedBytes, seconds: x)
        #expect(sink > 0)
    }
}
