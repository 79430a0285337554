import Chat

extension AnthropicProvider: ContextWindowReporting {}
