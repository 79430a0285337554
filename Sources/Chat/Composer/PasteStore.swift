import Foundation

/// When a paste is too large to show: more than `maxLines` lines or more
/// than `maxChars` UTF-8 bytes is kept aside behind a placeholder.
public struct PasteLimits: Equatable, Hashable, Sendable {
    /// The most lines shown inline (default 10).
    public var maxLines: Int
    /// The most bytes shown inline (default 2,000).
    public var maxChars: Int

    /// Creates limits (defaults: 10 lines, 2,000 bytes).
    public init(maxLines: Int = 10, maxChars: Int = 2_000) {
        self.maxLines = maxLines
        self.maxChars = maxChars
    }
}

/// Large pastes kept aside while the composer shows a placeholder token
/// such as `[pasted 1234 lines #1]` in their place.
///
/// On submit, ``expand(_:)`` substitutes every known token back with its
/// text, exactly. A token the user typed by hand, or one whose paste was
/// forgotten, stays as typed. Pastes stay known until the composer is
/// cleared, so undo can bring a deleted placeholder back.
struct PasteStore {
    private(set) var texts: [String: String] = [:]
    private var nextID = 1

    /// The token opening text: placeholders start with it.
    static let opener = "[pasted "

    /// Keeps `text` aside and returns the placeholder token for it.
    mutating func add(_ text: String, lineCount: Int) -> String {
        let what = lineCount > 1 ? "\(lineCount) lines" : "\(text.utf8.count) chars"
        let token = Self.opener + what + " #\(nextID)]"
        nextID += 1
        texts[token] = text
        return token
    }

    /// Whether any paste is kept.
    var isEmpty: Bool { texts.isEmpty }

    /// The text with every known placeholder replaced by its paste.
    func expand(_ text: String) -> String {
        guard !texts.isEmpty, text.contains("[") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: Self.opener) {
            guard let close = rest[open.upperBound...].firstIndex(of: "]") else { break }
            let token = String(rest[open.lowerBound...close])
            out += rest[..<open.lowerBound]
            if let paste = texts[token] {
                out += paste
            } else {
                out += token
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    /// The byte column where a known placeholder ending exactly at `col`
    /// starts, or nil.
    func placeholderStart(endingAt col: Int, in line: String) -> Int? {
        guard !texts.isEmpty, col > 0, col <= line.utf8.count else { return nil }
        let head = ComposerWords.slice(line, 0, col)
        guard head.hasSuffix("]"), let open = head.range(of: Self.opener, options: .backwards) else {
            return nil
        }
        let token = String(head[open.lowerBound...])
        guard texts[token] != nil else { return nil }
        return head.utf8.distance(from: head.startIndex, to: open.lowerBound)
    }

    /// The byte column just past a known placeholder starting exactly at
    /// `col`, or nil.
    func placeholderEnd(startingAt col: Int, in line: String) -> Int? {
        guard !texts.isEmpty, col >= 0, col < line.utf8.count else { return nil }
        let tail = ComposerWords.slice(line, col, line.utf8.count)
        guard tail.hasPrefix(Self.opener), let close = tail.firstIndex(of: "]") else { return nil }
        let token = String(tail[...close])
        guard texts[token] != nil else { return nil }
        return col + token.utf8.count
    }
}
