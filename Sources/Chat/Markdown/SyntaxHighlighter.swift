/// Colours the lines of a fenced code block.
///
/// Register implementations in a `SyntaxRegistry` under the language names
/// used after the fence (```` ```swift ````). A highlighter sees the whole
/// block at once, so it can carry state across lines (block comments).
///
/// ```swift
/// struct Shouting: SyntaxHighlighter {
///     func highlight(_ lines: [String]) -> [[StyledSpan]] {
///         lines.map { [StyledSpan(0..<$0.utf8.count, ChatHighlights.synKeyword)] }
///     }
/// }
/// var registry = SyntaxRegistry.standard
/// registry.register(Shouting(), for: ["shout"])
/// let renderer = MarkdownRenderer(syntax: registry)
/// ```
public protocol SyntaxHighlighter: Sendable {
    /// Spans for each line of `lines` (the result may be shorter than
    /// `lines`; spans outside a line's bytes are ignored by the renderer).
    func highlight(_ lines: [String]) -> [[StyledSpan]]
}

/// Syntax highlighters by language name (case-insensitive).
public struct SyntaxRegistry: Sendable {
    private var byLanguage: [String: any SyntaxHighlighter] = [:]

    /// An empty registry (code blocks get no colours).
    public init() {}

    /// Adds or replaces the highlighter for each of `languages`.
    public mutating func register(_ highlighter: any SyntaxHighlighter, for languages: [String]) {
        for name in languages { byLanguage[name.lowercased()] = highlighter }
    }

    /// The highlighter for `language`, or nil when none is registered.
    public func highlighter(for language: String) -> (any SyntaxHighlighter)? {
        language.isEmpty ? nil : byLanguage[language.lowercased()]
    }

    /// The language names that have a highlighter, sorted.
    public var languages: [String] { byLanguage.keys.sorted() }

    /// Keyword highlighters for Swift, Python, JavaScript/TypeScript, Rust,
    /// Go, Lua, C/C++, shell and JSON.
    public static let standard: SyntaxRegistry = {
        var r = SyntaxRegistry()
        for (names, highlighter) in KeywordHighlighter.builtins { r.register(highlighter, for: names) }
        return r
    }()
}
