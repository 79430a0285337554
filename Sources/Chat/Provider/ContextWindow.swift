/// How many tokens a model can take in one request (prompt and reply).
///
/// The window is chosen in this order: what the provider's server says
/// (``ContextWindowReporting``: Anthropic's model info, an OpenAI-compatible
/// server's `/v1/models` metadata), else ``known(model:)``, else the
/// configured value (`--context-window`), else ``fallback``.
public enum ContextWindow {
    /// The window assumed when nothing else says.
    public static let fallback = 128_000

    /// The window of a model weft knows by name (prefix families, case
    /// insensitive), nil for others.
    public static func known(model: String) -> Int? {
        let m = model.lowercased()
        let name = m.split(separator: "/").last.map(String.init) ?? m  // "openai/gpt-4o" -> "gpt-4o"
        for (prefix, window) in table where name.hasPrefix(prefix) { return window }
        return nil
    }

    /// Longest prefixes first, so `gpt-4o` wins over `gpt-4`.
    static let table: [(String, Int)] = [
        ("gpt-4.1", 1_047_576), ("gpt-4o", 128_000), ("chatgpt-4o", 128_000), ("gpt-4-turbo", 128_000),
        ("gpt-5", 400_000), ("gpt-4", 8_192), ("gpt-3.5-turbo", 16_385),
        ("o1-mini", 128_000), ("o1", 200_000), ("o3", 200_000), ("o4-mini", 200_000),
        ("claude-", 200_000),
        ("gemini-1.5", 1_048_576), ("gemini-2", 1_048_576),
        ("llama-3.1", 131_072), ("llama-3.2", 131_072), ("llama-3.3", 131_072), ("llama3.1", 131_072),
        ("llama3.2", 131_072), ("llama3.3", 131_072),
        ("qwen2.5", 32_768), ("qwen3", 32_768), ("mistral-large", 131_072), ("deepseek", 65_536),
    ].sorted { $0.0.count > $1.0.count }

    /// The window to use: `reported` (the server), else the known table,
    /// else `configured`, else ``fallback``.
    public static func resolve(model: String, reported: Int? = nil, configured: Int? = nil) -> Int {
        if let reported, reported > 0 { return reported }
        if let k = known(model: model) { return k }
        if let configured, configured > 0 { return configured }
        return fallback
    }
}

/// A provider whose server can say how large the model's context window
/// is. Network: call from a task.
public protocol ContextWindowReporting: Provider {
    /// The window in tokens, nil when the server does not say.
    func contextWindow(timeout: Double) async -> Int?
}
