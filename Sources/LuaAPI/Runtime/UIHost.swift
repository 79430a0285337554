import Kernel
import Render

/// What the Lua runtime needs from the frontend (the terminal UI or the
/// headless virtual screen) for the `weft.ui` functions that depend on
/// rendering, and for `weft.quit`.
///
/// The frontend sets `LuaRuntime.ui`; with no UI attached, `weft.ui.screen`
/// raises "weft.ui.screen: no UI attached" and `weft.quit` uses
/// `LuaRuntime.onQuit`. `measure`, `truncate`, `wrap` and `windowRect` have
/// default implementations (Render's `TextMeasure` and `Wrapper`, and the
/// editor's layout), so a host only overrides them to differ.
public protocol UIHost: AnyObject {
    /// The screen as text rows, as last rendered (one string per row).
    func screenRows() -> [String]
    /// Renders a frame now (a headless host renders synchronously so that
    /// `screenRows()` reflects the latest state).
    func redraw()
    /// The screen size in cells.
    func screenSize() -> Size
    /// Display width of `s` in cells. These three text functions may end
    /// early, with an incomplete result, when `stop` fires (the runtime
    /// then throws the result away: the Lua handler ran out of time).
    func measure(_ s: String, stop: StopCheck?) -> Int
    /// `s` cut to at most `width` cells, ending in `ellipsis` when cut.
    func truncate(_ s: String, width: Int, ellipsis: String, stop: StopCheck?) -> String
    /// `s` soft-wrapped at `width` cells, one string per screen row.
    func wrap(_ s: String, width: Int, stop: StopCheck?) -> [String]
    /// Where window `id` is on screen now, or nil when it is not shown.
    func windowRect(_ id: WindowID) -> Rect?
    /// Ends the program with exit status `code`.
    func quit(code: Int)
    /// The frontend's options (`weft.ui.get_config`): `inline`.
    func uiConfig() -> [String: Value]
    /// Sets frontend option `key` (`weft.ui.set_config`).
    /// - Throws: a `KernelError` a user can act on (unknown option, wrong
    ///   type, or an option that cannot change now).
    func setUIConfig(_ key: String, _ value: Value) throws
}

extension UIHost {
    /// Render's cluster-width measure.
    public func measure(_ s: String, stop: StopCheck?) -> Int { TextMeasure.measure(s, stop: stop) }

    /// Render's truncation.
    public func truncate(_ s: String, width: Int, ellipsis: String, stop: StopCheck?) -> String {
        TextMeasure.truncate(s, width: width, ellipsis: ellipsis, stop: stop)
    }

    /// Render's wrapper (character wrap, no linebreak).
    public func wrap(_ s: String, width: Int, stop: StopCheck?) -> [String] {
        TextLayout.wrap(s, width: width, stop: stop)
    }

    /// No rectangle: the runtime then computes it from the editor's layout.
    public func windowRect(_ id: WindowID) -> Rect? { nil }

    /// No options.
    public func uiConfig() -> [String: Value] { [:] }

    /// No options.
    public func setUIConfig(_ key: String, _ value: Value) throws {
        throw KernelError.invalidArgument("unknown option '\(key)'")
    }
}

/// Text helpers shared by the default `UIHost` methods and the runtime when
/// no UI is attached.
enum TextLayout {
    /// `s` wrapped at `width` cells into row strings (sanitized, as drawn);
    /// only the first rows when `stop` fires.
    static func wrap(_ s: String, width: Int, stop: StopCheck? = nil) -> [String] {
        let bytes = Array(s.utf8)
        var stop = stop
        var rows: [String] = []
        for seg in Wrapper.wrap(s, width: width, stop: stop) {
            if stop.stop(at: seg.byteRange.lowerBound) { break }
            let lo = max(0, min(seg.byteRange.lowerBound, bytes.count))
            let hi = max(lo, min(seg.byteRange.upperBound, bytes.count))
            rows.append(String(decoding: bytes[lo..<hi], as: UTF8.self))
        }
        return rows
    }
}

/// Where `weft.hl.set` stores highlight definitions. Render's highlight
/// table implements it; the runtime keeps definitions in memory
/// (`MemoryHighlights`) until one is attached.
public protocol HighlightSink: AnyObject {
    /// Defines group `name` from a validated table (keys: fg, bg, sp,
    /// bold, italic, underline, undercurl, strikethrough, reverse, dim,
    /// link; colors are "#rrggbb" strings or integers 0xRRGGBB).
    /// - Throws: a `KernelError` with a message for the user.
    func setHighlight(_ name: String, _ definition: Value) throws
    /// The definition of `name` as a table, or nil when it is not defined.
    func highlight(_ name: String) -> Value?
    /// Removes group `name` (a plugin being unloaded).
    func removeHighlight(_ name: String)
}

/// A `HighlightSink` that only remembers definitions (tests, headless
/// runs without a renderer).
public final class MemoryHighlights: HighlightSink {
    /// Definitions by group name.
    public private(set) var groups: [String: Value] = [:]

    /// An empty table.
    public init() {}

    /// Stores the definition.
    public func setHighlight(_ name: String, _ definition: Value) throws { groups[name] = definition }

    /// The stored definition.
    public func highlight(_ name: String) -> Value? { groups[name] }

    /// Forgets the definition.
    public func removeHighlight(_ name: String) { groups[name] = nil }
}
