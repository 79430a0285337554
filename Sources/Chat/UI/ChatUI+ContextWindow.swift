import Kernel

// The model's context window for the status line and `/context`: set from
// the known models and the configuration at once, then from the
// provider's server when it answers (see `ContextWindow`).
extension ChatUI {
    /// Chooses the context window for the current provider and model; a
    /// server that reports one is asked in a task (the UI never waits), and
    /// its answer is dropped if the model changed meanwhile. Called at
    /// start-up and after every model or provider switch.
    public func resolveContextWindow() {
        let provider = controller.provider
        let configured = configuredContextWindow
        contextWindow = ContextWindow.resolve(model: provider.model, configured: configured)
        refreshStatus()
        guard let reporting = provider as? ContextWindowReporting else { return }
        let poster = loop.poster
        let owner = LoopRef(self)
        let model = provider.model
        let name = provider.name
        Task {
            guard let window = await reporting.contextWindow(timeout: 10) else { return }
            poster.post {
                guard let ui = owner.value, ui.controller.provider.model == model,
                      ui.controller.provider.name == name else { return }
                ui.contextWindow = ContextWindow.resolve(model: model, reported: window, configured: configured)
                ui.refreshStatus()
            }
        }
    }
}
