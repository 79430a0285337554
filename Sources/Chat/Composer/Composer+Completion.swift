import Foundation
import Kernel

/// The whitespace-delimited word around the composer's cursor, for the
/// UI's completion popups (`/command`, `@path`).
public struct ComposerToken: Equatable, Hashable, Sendable {
    /// The whole word.
    public var text: String
    /// The part of the word before the cursor (what completion matches).
    public var typed: String
    /// The line of the word.
    public var row: Int
    /// The UTF-8 byte column where the word starts.
    public var startCol: Int
    /// The UTF-8 byte column just past the word.
    public var endCol: Int

    /// Creates a token.
    public init(text: String, typed: String, row: Int, startCol: Int, endCol: Int) {
        self.text = text
        self.typed = typed
        self.row = row
        self.startCol = startCol
        self.endCol = endCol
    }
}

extension Composer {
    /// Whether the text could offer completions right now: it starts with
    /// "/" or the cursor's line has an "@" (cheap: no word scanning).
    public var mayComplete: Bool {
        guard let b = try? buffer() else { return false }
        if b.line(0)?.utf8.first == UInt8(ascii: "/") { return true }
        let row = min(max(0, window.cursor.row), b.lineCount - 1)
        return b.line(row)?.utf8.contains(UInt8(ascii: "@")) == true
    }

    /// The word around the cursor when it starts with `prefix` (`"/"`,
    /// `"@"`; `""` for any word), else nil. A cursor between spaces gives
    /// an empty word (only for an empty prefix).
    public func currentToken(prefix: String = "") -> ComposerToken? {
        guard let b = try? buffer() else { return nil }
        let row = min(max(0, window.cursor.row), b.lineCount - 1)
        let line = b.line(row) ?? ""
        let col = min(max(0, window.cursor.col), line.utf8.count)
        let range = ComposerWords.bigWordRange(line, at: col)
        let word = ComposerWords.slice(line, range.lowerBound, range.upperBound)
        guard word.hasPrefix(prefix) else { return nil }
        let typed = ComposerWords.slice(line, range.lowerBound, max(range.lowerBound, min(col, range.upperBound)))
        return ComposerToken(text: word, typed: typed, row: row,
                             startCol: range.lowerBound, endCol: range.upperBound)
    }

    /// Replaces the word around the cursor with `replacement` (one undo
    /// step) and puts the cursor after it; inserts at the cursor when it is
    /// between spaces.
    /// - Throws: `KernelError` when the buffer is gone, not modifiable, or
    ///   `replacement` contains a line break.
    public func replaceCurrentToken(with replacement: String) throws {
        guard let token = currentToken() else { return }
        guard !replacement.contains("\n") else {
            throw KernelError.invalidArgument("a completion must not contain a line break")
        }
        try edit(.other) { b, w in
            try b.setText(token.row, token.startCol, token.row, token.endCol, [replacement])
            w.cursor = Position(row: token.row, col: token.startCol + replacement.utf8.count)
        }
    }

    /// File path candidates for an `@` completion (see ``PathCompletion``).
    public func pathCompletions(for partial: String, cwd: String) -> [String] {
        PathCompletion.candidates(for: partial, cwd: cwd)
    }
}

/// File path completion for `@` mentions.
public enum PathCompletion {
    /// The most candidates returned.
    public static let defaultLimit = 50

    /// The entries of the directory named by `partial` (relative to `cwd`
    /// unless absolute or starting with `~/`) whose names start with its
    /// last component, as replacements for `partial`: the directory part as
    /// typed plus the name, with a trailing `/` for directories. A leading
    /// `@` is ignored (and not returned). Hidden entries only when the last
    /// component starts with `.`. Sorted by name, at most `limit`. An
    /// unreadable directory gives no candidates.
    ///
    /// ```swift
    /// PathCompletion.candidates(for: "Sources/K", cwd: repo)  // ["Sources/Kernel/"]
    /// ```
    public static func candidates(for partial: String, cwd: String, limit: Int = defaultLimit) -> [String] {
        var typed = partial
        if typed.hasPrefix("@") { typed.removeFirst() }
        let dirPart: String
        let namePrefix: String
        if let slash = typed.lastIndex(of: "/") {
            dirPart = String(typed[...slash])
            namePrefix = String(typed[typed.index(after: slash)...])
        } else {
            dirPart = ""
            namePrefix = typed
        }
        let dir = resolve(dirPart, cwd: cwd)
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: dir) else { return [] }
        let showHidden = namePrefix.hasPrefix(".")
        let matching = names
            .filter { $0.hasPrefix(namePrefix) && (showHidden || !$0.hasPrefix(".")) }
            .sorted()
            .prefix(max(0, limit))
        return matching.map { name in
            var isDir: ObjCBool = false
            let full = (dir as NSString).appendingPathComponent(name)
            let slash = fm.fileExists(atPath: full, isDirectory: &isDir) && isDir.boolValue ? "/" : ""
            return dirPart + name + slash
        }
    }

    /// The directory a typed directory part names.
    static func resolve(_ dirPart: String, cwd: String) -> String {
        if dirPart.isEmpty { return cwd }
        if dirPart.hasPrefix("/") { return dirPart }
        if dirPart.hasPrefix("~/") {
            let home = NSHomeDirectory()
            return (home as NSString).appendingPathComponent(String(dirPart.dropFirst(2)))
        }
        return (cwd as NSString).appendingPathComponent(dirPart)
    }
}
