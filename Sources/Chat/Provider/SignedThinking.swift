import Kernel

/// A reasoning block exactly as a provider produced it, kept so it can be
/// sent back unchanged in later requests (Anthropic requires the thinking
/// of the turn that called a tool, with its signature, in the next request;
/// a `redacted_thinking` block is opaque and must be returned as is).
///
/// The transcript shows thinking from ``ProviderEvent/thinkingDelta(_:)``;
/// this value is the provider's record of it and is never shown.
///
/// ```swift
/// let t = SignedThinking(text: "Let me check.", signature: "EqQBCkgI...")
/// let r = SignedThinking(redactedData: "EmwKAhgBEgy3va3p...")
/// ```
public struct SignedThinking: Hashable, Sendable {
    /// The reasoning text (empty for a redacted block).
    public var text: String
    /// The provider's signature over `text` (empty for a redacted block).
    public var signature: String
    /// The opaque payload of a redacted block; nil for a plain one.
    public var redactedData: String?

    /// A thinking block with its signature.
    public init(text: String, signature: String) {
        self.text = text
        self.signature = signature
        self.redactedData = nil
    }

    /// A redacted thinking block (opaque data, returned as is).
    public init(redactedData: String) {
        self.text = ""
        self.signature = ""
        self.redactedData = redactedData
    }

    /// True for a redacted block.
    public var isRedacted: Bool { redactedData != nil }
}

// MARK: - Session form

extension SignedThinking {
    /// `{thinking=, signature=}` or `{redacted=}` (the session file's form).
    public var value: Value {
        if let data = redactedData { return .table(["redacted": .string(data)]) }
        return .table(["thinking": .string(text), "signature": .string(signature)])
    }

    /// Reads ``value``'s form back; nil for anything else.
    public init?(value: Value) {
        if let data = value["redacted"]?.string {
            self.init(redactedData: data)
        } else if let text = value["thinking"]?.string, let signature = value["signature"]?.string {
            self.init(text: text, signature: signature)
        } else {
            return nil
        }
    }
}
