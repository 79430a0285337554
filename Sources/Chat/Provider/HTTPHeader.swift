/// One HTTP header line, as every provider's requests carry them (the
/// OpenAI and Anthropic request shapes build them; `ProviderHTTP` sends them).
public struct HTTPHeader: Hashable, Sendable {
    /// The header's name, e.g. `x-api-key`.
    public var name: String
    /// Its value.
    public var value: String

    /// A header.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
