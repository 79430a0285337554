import Chat

extension OpenAIProvider: ModelSwitching {
    public func availableModels(timeout: Double) async -> Result<[String], Error> {
        do { return .success(try await listModels(timeout: timeout)) } catch { return .failure(error) }
    }

    public func switching(to model: String) -> Provider { with(model: model) }
}
