/// How the lines of a text file end.
public enum LineEnding: String, Hashable, Sendable {
    /// `\n` (also used for files that mix endings: their bytes are kept as they are).
    case lf
    /// `\r\n` on every line.
    case crlf
}

/// A text file as the model sees it, with the conventions to keep when it
/// is written back: its line ending, whether it ends with a newline, and
/// a UTF-8 byte order mark.
///
/// A file whose every line ends in `\r\n` is shown with `\n` and written
/// back with `\r\n`; a file that mixes endings is shown and written byte
/// for byte. A file without a final newline keeps having none, and one
/// with a final newline keeps it, whatever the new text does:
///
///     let file = TextFile.decode(Array("a\r\nb".utf8))!   // text "a\nb", crlf, no final newline
///     file.encode("a\nb\nc\n")                             // "a\r\nb\r\nc" as bytes
public struct TextFile: Hashable, Sendable {
    /// The text, with `\r\n` shown as `\n` in a CRLF file and without a BOM.
    public var text: String
    /// The line ending to write.
    public var lineEnding: LineEnding
    /// Whether the file ends with a line ending (empty files count as not).
    public var endsWithNewline: Bool
    /// Whether the file starts with a UTF-8 byte order mark.
    public var hasBOM: Bool

    /// A file with these conventions.
    public init(text: String, lineEnding: LineEnding = .lf, endsWithNewline: Bool, hasBOM: Bool = false) {
        self.text = text
        self.lineEnding = lineEnding
        self.endsWithNewline = endsWithNewline
        self.hasBOM = hasBOM
    }

    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Decodes a file's bytes; nil for binary data (a NUL byte) or bytes
    /// that are not valid UTF-8.
    public static func decode(_ bytes: [UInt8]) -> TextFile? {
        guard !bytes.contains(0), let raw = String(validating: bytes, as: UTF8.self) else { return nil }
        let hasBOM = bytes.starts(with: bom)
        let body = hasBOM ? String(decoding: bytes.dropFirst(3), as: UTF8.self) : raw
        let ending = lineEnding(of: bytes)
        let text = ending == .crlf ? body.replacingCRLF() : body
        return TextFile(text: text, lineEnding: ending, endsWithNewline: bytes.last == 0x0A, hasBOM: hasBOM)
    }

    /// `.crlf` when the bytes have line ends and every one is `\r\n`
    /// (and no line ends in a `\r` of its own, `\r\r\n`, which could not
    /// be told apart from a line ending once shown as `\n`).
    static func lineEnding(of bytes: [UInt8]) -> LineEnding {
        var newlines = 0
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for b in bytes {
            if b == 0x0A {
                if previous != 0x0D || beforePrevious == 0x0D { return .lf }
                newlines += 1
            }
            beforePrevious = previous
            previous = b
        }
        return newlines > 0 ? .crlf : .lf
    }

    /// The bytes of `newText` written with this file's conventions: the
    /// final newline added or removed to match ``endsWithNewline`` (an
    /// empty text stays empty), `\n` written as `\r\n` in a CRLF file, the
    /// BOM put back.
    public func encode(_ newText: String) -> [UInt8] {
        var t = Array((lineEnding == .crlf ? newText.replacingCRLF() : newText).utf8)
        if endsWithNewline {
            if !t.isEmpty && t.last != 0x0A { t.append(0x0A) }
        } else if t.last == 0x0A {
            t.removeLast()
            if t.last == 0x0D, lineEnding == .lf { t.removeLast() }
        }
        if lineEnding == .crlf {
            var out: [UInt8] = []
            out.reserveCapacity(t.count + t.count / 16)
            for b in t {
                if b == 0x0A { out.append(0x0D) }
                out.append(b)
            }
            t = out
        }
        return (hasBOM ? Self.bom : []) + t
    }

    /// Normalizes text from the model for matching against ``text``: in a
    /// CRLF file `\r\n` becomes `\n`.
    public func normalize(_ s: String) -> String {
        lineEnding == .crlf ? s.replacingCRLF() : s
    }
}

extension String {
    /// The string with every `\r\n` replaced by `\n`.
    func replacingCRLF() -> String {
        guard utf8.contains(0x0D) else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var pendingCR = false
        for b in utf8 {
            if pendingCR && b != 0x0A { out.append(0x0D) }
            pendingCR = b == 0x0D
            if !pendingCR { out.append(b) }
        }
        if pendingCR { out.append(0x0D) }
        return String(decoding: out, as: UTF8.self)
    }
}
