/// Splitting a command line `":name! arg1 arg2"` into its parts.
///
/// One leading `:` or `/` is ignored, as is whitespace around the name. The
/// name runs up to `!`, whitespace or the end; a `!` right after it sets
/// `bang`; the rest, trimmed, is the argument text.
enum CommandLineSyntax {
    /// The parts of one command line.
    struct Parts: Equatable {
        var name: String
        var bang: Bool
        var args: String
        /// UTF-8 offset of the name in the original line.
        var nameStart: Int
        /// Whether anything (a space or `!`) follows the name, so completion
        /// is past the name.
        var pastName: Bool
    }

    /// Splits `line` into name, bang and arguments.
    static func split(_ line: String) -> Parts {
        var rest = Substring(line)
        rest = rest.drop { $0.isWhitespace }
        if rest.first == ":" || rest.first == "/" { rest = rest.dropFirst() }
        rest = rest.drop { $0.isWhitespace }
        let nameStart = line.utf8.distance(from: line.startIndex, to: rest.startIndex)
        let name = rest.prefix { !$0.isWhitespace && $0 != "!" }
        rest = rest.dropFirst(name.count)
        let pastName = !rest.isEmpty
        var bang = false
        if rest.first == "!" {
            bang = true
            rest = rest.dropFirst()
        }
        return Parts(name: String(name), bang: bang, args: trim(rest),
                     nameStart: nameStart, pastName: pastName)
    }

    /// Whether `name` is a valid command name: an ASCII letter, then ASCII
    /// letters, digits, `_` or `-`.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isLetter(first) else { return false }
        return name.unicodeScalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    private static func isLetter(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s)
    }

    /// Splits arguments on whitespace; a backslash before whitespace makes it
    /// part of the argument (`a\ b` is one argument `a b`); other
    /// backslashes are kept as they are.
    static func splitArgs(_ s: String) -> [String] {
        var out: [String] = []
        var current = ""
        var inArg = false
        var chars = s.makeIterator()
        var lookahead: Character? = chars.next()
        while let c = lookahead {
            lookahead = chars.next()
            if c == "\\", let n = lookahead, n.isWhitespace {
                current.append(n)
                inArg = true
                lookahead = chars.next()
            } else if c.isWhitespace {
                if inArg { out.append(current); current = ""; inArg = false }
            } else {
                current.append(c)
                inArg = true
            }
        }
        if inArg { out.append(current) }
        return out
    }

    /// The UTF-8 offset where the last argument being typed starts (after the
    /// last unescaped whitespace), and that argument's text.
    static func lastArgument(_ line: String) -> (start: Int, text: String) {
        var start = line.startIndex
        var i = line.startIndex
        var escaped = false
        while i < line.endIndex {
            let c = line[i]
            let next = line.index(after: i)
            if escaped {
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c.isWhitespace {
                start = next
            }
            i = next
        }
        let text = splitArgs(String(line[start...])).first ?? ""
        return (line.utf8.distance(from: line.startIndex, to: start), text)
    }

    /// `s` without leading and trailing whitespace.
    static func trim(_ s: Substring) -> String {
        let head = s.drop { $0.isWhitespace }
        var end = head.endIndex
        while end > head.startIndex {
            let prev = head.index(before: end)
            guard head[prev].isWhitespace else { break }
            end = prev
        }
        return String(head[head.startIndex..<end])
    }
}
