import Chat

extension OpenAIProvider: ModelSwitching {
    public func availableModels(timeout: Double) -> Result<[String], Error> {
        listModelsBlocking(timeout: timeout).mapError { $0 as Error }
    }

    public func switching(to model: String) -> Provider { with(model: model) }
}
