import Chat

extension OpenAIProvider: ContextWindowReporting {}
