import Kernel

/// A highlight over part of a `StyledLine`: UTF-8 byte range, group name,
/// and for links the target URL (kept for OSC 8 hyperlinks).
public struct StyledSpan: Hashable, Sendable {
    /// Byte offsets in the line's text (end exclusive).
    public var range: Range<Int>
    /// Highlight group name (see `ChatHighlights`).
    public var hl: String
    /// The link target when the span is a link.
    public var url: String?

    /// A span of `hl` over `range`, optionally a link to `url`.
    public init(_ range: Range<Int>, _ hl: String, url: String? = nil) {
        self.range = range
        self.hl = hl
        self.url = url
    }
}

/// One line of rendered output: text for the buffer plus its highlights.
///
/// The text may contain control characters from model output; the window
/// shows them inert (caret notation). It never contains a newline.
public struct StyledLine: Hashable, Sendable {
    /// The line's text.
    public var text: String
    /// Highlights over byte ranges of `text`, in order of creation (outer
    /// spans before the spans nested in them).
    public var spans: [StyledSpan]
    /// Highlight group for the whole screen row (e.g. a code background).
    public var lineHl: String?
    /// Virtual text shown after the end of the line (e.g. a duration).
    public var eol: [VirtTextChunk]
    /// Shown on one screen row, cut at the window's edge (code lines).
    public var noWrap: Bool

    /// A line of `text` with optional spans, row highlight and eol text.
    public init(_ text: String, spans: [StyledSpan] = [], lineHl: String? = nil, eol: [VirtTextChunk] = [],
                noWrap: Bool = false) {
        self.text = text
        self.spans = spans
        self.lineHl = lineHl
        self.eol = eol
        self.noWrap = noWrap
    }

    /// The empty line.
    public static let blank = StyledLine("")
}

/// Inline text being built: a string and spans over it. Used by the
/// renderers to assemble lines piece by piece.
struct StyledText: Hashable, Sendable {
    var text = ""
    var spans: [StyledSpan] = []

    /// Byte length of `text`.
    var byteCount: Int { text.utf8.count }

    /// Appends `s`, optionally highlighted with `hl` (line feeds and CRLF
    /// become spaces; a lone CR is text, shown as `^M`).
    mutating func append(_ s: String, hl: String? = nil, url: String? = nil) {
        let clean = s.utf8.contains(10) ? s.replacingLineFeeds() : s
        let start = byteCount
        text += clean
        if let hl, !clean.isEmpty {
            spans.append(StyledSpan(start..<byteCount, hl, url: url))
        }
    }

    /// Appends another styled text, shifting its spans.
    mutating func append(_ other: StyledText) {
        let shift = byteCount
        text += other.text
        for s in other.spans {
            spans.append(StyledSpan((s.range.lowerBound + shift)..<(s.range.upperBound + shift), s.hl, url: s.url))
        }
    }

    /// Adds a span from byte `start` to the current end.
    mutating func mark(from start: Int, hl: String, url: String? = nil) {
        let end = byteCount
        guard end > start else { return }
        spans.append(StyledSpan(start..<end, hl, url: url))
    }

    /// The line holding this text.
    func line(lineHl: String? = nil) -> StyledLine {
        StyledLine(text, spans: spans, lineHl: lineHl)
    }

    /// The part of the text in bytes `range` (on cluster boundaries), with
    /// the spans clipped to it and shifted to start at 0.
    func slice(_ range: Range<Int>) -> StyledText {
        slice(range, bytes: Array(text.utf8))
    }

    /// `slice(_:)` with the text's UTF-8 bytes already at hand (callers
    /// cutting one text into many pieces copy the bytes once).
    func slice(_ range: Range<Int>, bytes utf8: [UInt8]) -> StyledText {
        let lo = min(max(0, range.lowerBound), utf8.count)
        let hi = min(max(lo, range.upperBound), utf8.count)
        var out = StyledText()
        out.text = String(decoding: utf8[lo..<hi], as: UTF8.self)
        for s in spans {
            let a = max(s.range.lowerBound, lo), b = min(s.range.upperBound, hi)
            if a < b { out.spans.append(StyledSpan((a - lo)..<(b - lo), s.hl, url: s.url)) }
        }
        return out
    }
}

extension String {
    /// The string with "\r\n", "\n" and "\r" replaced by spaces.
    func replacingNewlines() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if scalar == "\n" || scalar == "\r" { out.unicodeScalars.append(" ") } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// The string with "\r\n" and "\n" replaced by spaces (a lone "\r"
    /// is kept).
    func replacingLineFeeds() -> String {
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar == "\n" {
                if out.last == "\r" { out.removeLast() }
                out.append(" ")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Splits on "\n" (a trailing "\r" is dropped from each line), keeping
    /// empty lines; "" gives [""].
    func splitLines() -> [String] {
        utf8.split(separator: 10, omittingEmptySubsequences: false).map { part in
            let bytes = part.last == 13 ? part.dropLast() : part[...]
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
