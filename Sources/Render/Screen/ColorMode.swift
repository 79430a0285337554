/// How many colours the terminal can show, which decides how `Color`s are
/// sent.
public enum ColorMode: String, Hashable, Sendable, CaseIterable {
    /// 24-bit colour: `.rgb` is sent as `38;2;r;g;b`.
    case truecolor
    /// The xterm 256-colour palette: `.rgb` becomes the nearest cube or
    /// gray-ramp entry.
    case color256
    /// The 16 ANSI colours: everything becomes the nearest of palette 0-15.
    case color16
    /// No colour at all (`NO_COLOR`, or a monochrome terminal); attributes
    /// such as bold and reverse are still sent.
    case none

    /// Picks the mode for a terminal from its environment and terminfo.
    ///
    /// Rules, first match wins:
    /// 1. `NO_COLOR` set to a non-empty value -> `.none` (the user asked;
    ///    see no-color.org).
    /// 2. `COLORTERM` is `truecolor` or `24bit` -> `.truecolor`.
    /// 3. terminfo `colors` >= 256 -> `.color256`; >= 8 -> `.color16`.
    /// 4. otherwise `.none`.
    public static func detect(env: [String: String], terminfoColors: Int) -> ColorMode {
        if let noColor = env["NO_COLOR"], !noColor.isEmpty { return .none }
        if let ct = env["COLORTERM"]?.lowercased(), ct == "truecolor" || ct == "24bit" {
            return .truecolor
        }
        if terminfoColors >= 256 { return .color256 }
        if terminfoColors >= 8 { return .color16 }
        return .none
    }

    /// The colour as this mode can show it: unchanged in truecolor, matched
    /// to the nearest palette entry in 256/16-colour mode, `.default` in
    /// `.none`.
    public func downgrade(_ color: Color) -> Color {
        switch (self, color) {
        case (_, .default), (.truecolor, _): return color
        case (.none, _): return .default
        case (.color256, .indexed): return color
        case (.color256, .rgb(let r, let g, let b)): return .indexed(ColorMode.nearest256(r, g, b))
        case (.color16, .indexed(let i)) where i < 16: return color
        case (.color16, _):
            guard let c = color.rgbComponents else { return .default }
            return .indexed(ColorMode.nearest16(c.r, c.g, c.b))
        }
    }

    /// The nearest xterm palette entry among the 6x6x6 cube (16-231) and
    /// the gray ramp (232-255), by squared RGB distance. Entries 0-15 are
    /// skipped because users re-theme them.
    public static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let ri = nearestCubeLevel(r), gi = nearestCubeLevel(g), bi = nearestCubeLevel(b)
        let cubeIndex = 16 + 36 * ri + 6 * gi + bi
        let cube = Color.xtermRGB(UInt8(cubeIndex))
        let cubeDist = distance((r, g, b), cube)
        let avg = (Int(r) + Int(g) + Int(b)) / 3
        let grayStep = min(23, max(0, (avg - 3) / 10))
        var best = (index: cubeIndex, dist: cubeDist)
        for step in max(0, grayStep - 1)...min(23, grayStep + 1) {
            let d = distance((r, g, b), Color.xtermRGB(UInt8(232 + step)))
            if d < best.dist { best = (232 + step, d) }
        }
        return UInt8(best.index)
    }

    /// The nearest of the 16 ANSI colours (xterm default values) by
    /// squared RGB distance.
    public static func nearest16(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        var best = (index: 0, dist: Int.max)
        for (i, c) in Color.ansi16.enumerated() {
            let d = distance((r, g, b), c)
            if d < best.dist { best = (i, d) }
        }
        return UInt8(best.index)
    }

    private static func nearestCubeLevel(_ v: UInt8) -> Int {
        var best = (index: 0, dist: Int.max)
        for (i, level) in Color.cubeLevels.enumerated() {
            let d = abs(Int(level) - Int(v))
            if d < best.dist { best = (i, d) }
        }
        return best.index
    }

    private static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (r: UInt8, g: UInt8, b: UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.r), dg = Int(a.1) - Int(b.g), db = Int(a.2) - Int(b.b)
        return dr * dr + dg * dg + db * db
    }
}
