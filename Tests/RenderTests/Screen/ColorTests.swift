import Testing
@testable import Render

@Suite struct ColorTests {
    @Test func parsing() throws {
        #expect(Color(parsing: "#ff8000") == .rgb(255, 128, 0))
        #expect(Color(parsing: "#FFfFfF") == .rgb(255, 255, 255))
        #expect(Color(parsing: "NONE") == .default)
        #expect(Color(parsing: "red") == .indexed(1))
        #expect(Color(parsing: "Light Red") == .indexed(9))
        #expect(Color(parsing: "white") == .indexed(15))
        #expect(Color(parsing: " 214 ") == .indexed(214))
        #expect(Color(parsing: "256") == nil)
        #expect(Color(parsing: "-1") == nil)
        #expect(Color(parsing: "#12345") == nil)
        #expect(Color(parsing: "#gggggg") == nil)
        #expect(Color(parsing: "chartreuse") == nil)
        #expect(throws: KernelError.self) { try Color.parse("nope") }
        #expect(try Color.parse("blue") == .indexed(4))
    }

    @Test func detection() {
        #expect(ColorMode.detect(env: ["COLORTERM": "truecolor"], terminfoColors: 8) == .truecolor)
        #expect(ColorMode.detect(env: ["COLORTERM": "24bit"], terminfoColors: 256) == .truecolor)
        #expect(ColorMode.detect(env: ["NO_COLOR": "1", "COLORTERM": "truecolor"], terminfoColors: 256) == .none)
        #expect(ColorMode.detect(env: ["NO_COLOR": ""], terminfoColors: 256) == .color256)
        #expect(ColorMode.detect(env: [:], terminfoColors: 8) == .color16)
        #expect(ColorMode.detect(env: [:], terminfoColors: 88) == .color16)
        #expect(ColorMode.detect(env: [:], terminfoColors: 0) == .none)
    }

    @Test func downgradeTo256() {
        #expect(ColorMode.color256.downgrade(.rgb(255, 0, 0)) == .indexed(196))
        #expect(ColorMode.color256.downgrade(.rgb(0, 0, 0)) == .indexed(16))
        #expect(ColorMode.color256.downgrade(.rgb(128, 128, 128)) == .indexed(244))
        #expect(ColorMode.color256.downgrade(.rgb(95, 135, 175)) == .indexed(67))
        #expect(ColorMode.color256.downgrade(.indexed(3)) == .indexed(3))
        #expect(ColorMode.truecolor.downgrade(.rgb(1, 2, 3)) == .rgb(1, 2, 3))
        #expect(ColorMode.none.downgrade(.indexed(3)) == .default)
    }

    @Test func downgradeTo16() {
        #expect(ColorMode.color16.downgrade(.rgb(250, 10, 10)) == .indexed(9))
        #expect(ColorMode.color16.downgrade(.rgb(0, 0, 230)) == .indexed(4))
        #expect(ColorMode.color16.downgrade(.indexed(196)) == .indexed(9))
        #expect(ColorMode.color16.downgrade(.indexed(12)) == .indexed(12))
        #expect(ColorMode.color16.downgrade(.default) == .default)
    }

    /// Every rgb value maps to the nearest cube/gray entry: checked
    /// against a brute-force search over 16...255.
    @Test func nearest256MatchesBruteForce() {
        var rng = ScreenRNG(seed: 7)
        for _ in 0..<500 {
            let (r, g, b) = (UInt8(rng.below(256)), UInt8(rng.below(256)), UInt8(rng.below(256)))
            func dist(_ i: Int) -> Int {
                let c = Color.xtermRGB(UInt8(i))
                let d = [Int(c.r) - Int(r), Int(c.g) - Int(g), Int(c.b) - Int(b)]
                return d.map { $0 * $0 }.reduce(0, +)
            }
            let best = (16...255).map(dist).min() ?? 0
            #expect(dist(Int(ColorMode.nearest256(r, g, b))) == best, "rgb \(r),\(g),\(b)")
        }
    }
}
