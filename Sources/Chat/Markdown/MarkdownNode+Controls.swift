// Control characters in model output stay visible, as caret notation, in
// markdown too:
//
// * A carriage return not followed by a line feed is a line ending to
//   CommonMark; a model that sends one (a progress bar, a terminal capture)
//   sent text, not a paragraph break. It is hidden from cmark behind a
//   noncharacter and put back into the text, where the window shows `^M`.
// * The autolink extension ends a URL only at whitespace or `<`, so
//   `https://example.com` followed by an escape sequence took the escape
//   into the link (its pictures became link text, its bytes the URL). A
//   link ends at its first control character; the rest is text again.
extension MarkdownNode {
    /// Stands in for a lone CR while cmark parses (U+FDD0, a noncharacter:
    /// never meaningful text).
    static let carriageReturnStandIn = Unicode.Scalar(0xFDD0 as UInt32) ?? "\u{FFFD}"

    /// `markdown` with every CR that is not part of CRLF replaced by
    /// ``carriageReturnStandIn``.
    static func hidingLoneCarriageReturns(_ markdown: String) -> String {
        guard markdown.utf8.contains(0x0D) else { return markdown }
        var out = String.UnicodeScalarView()
        let scalars = Array(markdown.unicodeScalars)
        for (i, s) in scalars.enumerated() {
            if s == "\r", i + 1 >= scalars.count || scalars[i + 1] != "\n" {
                out.append(carriageReturnStandIn)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    /// After parsing: puts the carriage returns back and cuts links at
    /// control characters, in this node and below.
    func restoreControls() {
        if literal.unicodeScalars.contains(Self.carriageReturnStandIn) {
            literal = String(String.UnicodeScalarView(literal.unicodeScalars.map {
                $0 == Self.carriageReturnStandIn ? "\r" : $0
            }))
        }
        var i = 0
        while i < children.count {
            children[i].restoreControls()
            if let rest = cutLink(at: i) { children.insert(rest, at: i + 1) }
            i += 1
        }
    }

    /// When child `i` is a link whose URL holds a control character: the
    /// link keeps the URL before it (and, for an autolink, the same part of
    /// its text); returns the text node for the rest of an autolink's text.
    private func cutLink(at i: Int) -> MarkdownNode? {
        guard case .link(let url) = children[i].kind,
              let cut = url.unicodeScalars.firstIndex(where: Self.isControl) else { return nil }
        let head = String(url.unicodeScalars[..<cut])
        let tail = String(url.unicodeScalars[cut...])
        let old = children[i]
        let link = MarkdownNode(kind: .link(url: head))
        link.children = old.children
        children[i] = link
        let tailCount = tail.unicodeScalars.count
        guard old.children.count == 1, old.children[0].kind == .text else { return nil }
        let text = old.children[0].literal.unicodeScalars
        guard text.count > tailCount, text.suffix(tailCount).elementsEqual(tail.unicodeScalars) else { return nil }
        link.children = [MarkdownNode(kind: .text, literal: String(String.UnicodeScalarView(text.dropLast(tailCount))))]
        return MarkdownNode(kind: .text, literal: tail)
    }

    /// C0 controls, DEL and C1 controls.
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value)
    }
}
