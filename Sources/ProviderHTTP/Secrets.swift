import Foundation

/// Keeps API keys and tokens out of every message weft shows or logs.
public enum Secrets {
    /// `text` without `key` (when at least 4 characters) and without
    /// anything shaped like a provider key: `sk-` (OpenAI, and Anthropic's
    /// `sk-ant-`) followed by 8 or more key characters becomes `sk-[key]`.
    public static func scrub(_ text: String, key: String?) -> String {
        var out = text
        if let key, key.count >= 4 { out = out.replacingOccurrences(of: key, with: "[key]") }
        var result = ""
        var rest = Substring(out)
        while let r = rest.range(of: "sk-") {
            result += rest[..<r.lowerBound]
            let tail = rest[r.upperBound...]
            let keyChars = tail.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "*" }
            result += keyChars.count >= 8 ? "sk-[key]" : "sk-" + keyChars
            rest = tail[keyChars.endIndex...]
        }
        return result + rest
    }

    /// `text` with every value in `secrets` (4 characters or more) removed.
    public static func scrub(_ text: String, secrets: [String]) -> String {
        secrets.reduce(scrub(text, key: nil)) { s, secret in
            secret.count >= 4 ? s.replacingOccurrences(of: secret, with: "[secret]") : s
        }
    }
}
