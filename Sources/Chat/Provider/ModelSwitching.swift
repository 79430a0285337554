import Dispatch

/// A provider that can list the models its server offers and switch to
/// one (`/model`). `availableModels` may block on the network: call it off
/// the main thread.
public protocol ModelSwitching: Provider {
    /// The models the server offers, or why they could not be listed.
    func availableModels(timeout: Double) -> Result<[String], Error>
    /// The same provider using `model`.
    func switching(to model: String) -> Provider
}

extension MockProvider: ModelSwitching {
    public func availableModels(timeout: Double) -> Result<[String], Error> { .success([model]) }

    public func switching(to model: String) -> Provider {
        MockProvider(model: model, tokensPerSecond: tokensPerSecond, firstTokenLatency: firstTokenLatency,
                     seed: seed, longLines: longLines)
    }
}
