/// Splits text into token-sized deltas the way a model streams them.
///
/// A token is a word plus the whitespace after it; a newline always ends a
/// token; long runs without spaces (CJK, URLs) are cut every
/// ``maxCharacters`` characters or ``maxBytes`` UTF-8 bytes. Cuts fall
/// between `Character`s, so a delta never splits a UTF-8 sequence (nor a
/// grapheme cluster), and the deltas concatenate back to the input exactly.
public enum MockTokenizer {
    /// The most characters in one token.
    public static let maxCharacters = 8
    /// The most UTF-8 bytes in one token (a word may run past this by the
    /// last character, never splitting it).
    public static let maxBytes = 12

    /// The deltas of `text`, in order.
    public static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var chars = 0
        var bytes = 0
        var inTrailingSpace = false
        func flush() {
            if !current.isEmpty { tokens.append(current) }
            current = ""
            chars = 0
            bytes = 0
            inTrailingSpace = false
        }
        for ch in text {
            let isSpace = ch.isWhitespace
            if !isSpace && (inTrailingSpace || chars >= maxCharacters || bytes >= maxBytes) { flush() }
            current.append(ch)
            chars += 1
            bytes += ch.utf8.count
            if ch.isNewline { flush() } else if isSpace { inTrailingSpace = true }
        }
        flush()
        return tokens
    }
}
