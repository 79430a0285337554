/// A provider that can list the models its server offers and switch to
/// one (`/model`). `availableModels` talks to the network: call it from a
/// task and post the result to the loop.
///
/// ```swift
/// let poster = loop.poster
/// Task {
///     let models = await provider.availableModels(timeout: 10)
///     poster.post { show(models) }
/// }
/// ```
public protocol ModelSwitching: Provider {
    /// The models the server offers, or why they could not be listed.
    func availableModels(timeout: Double) async -> Result<[String], Error>
    /// The same provider using `model`.
    func switching(to model: String) -> Provider
}

extension MockProvider: ModelSwitching {
    public func availableModels(timeout: Double) async -> Result<[String], Error> { .success([model]) }

    public func switching(to model: String) -> Provider {
        MockProvider(model: model, tokensPerSecond: tokensPerSecond, firstTokenLatency: firstTokenLatency,
                     seed: seed, longLines: longLines)
    }
}
