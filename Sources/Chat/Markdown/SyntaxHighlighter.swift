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

    /// Spans for one `line` that follows lines ending in `state` (0 before
    /// the first line), updating `state` for the next line; nil when the
    /// highlighter cannot continue from a state (then a streaming code
    /// block is highlighted again whole). Must agree with
    /// ``highlight(_:)``: lines highlighted one by one from state 0 get the
    /// spans the whole block gets.
    func highlightLine(_ line: String, state: inout Int) -> [StyledSpan]?
}

extension SyntaxHighlighter {
    /// Highlighters that only see whole blocks cannot continue a state.
    public func highlightLine(_ line: String, state: inout Int) -> [StyledSpan]? { nil }
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
