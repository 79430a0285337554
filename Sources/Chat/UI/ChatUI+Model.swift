import Kernel

// `/model NAME`: a name the server does not list is refused with the list
// (a typo is caught before the next prompt fails); a server that cannot
// list its models (an OpenAI-compatible one without `/v1/models`) gets
// the name anyway, with a warning.
extension ChatUI {
    /// Asks the server for its models (off the main thread), then switches
    /// to `name` when it is one of them or when the list cannot be had.
    func switchModel(_ p: ModelSwitching, to name: String) {
        notice("model: checking \(name) with \(p.name)…")
        let poster = loop.poster
        let owner = LoopRef(self)
        Task {
            let result = await p.availableModels(timeout: 10)
            poster.post { owner.value?.finishSwitch(p, to: name, models: result) }
        }
    }

    /// Switches (or refuses) once the model list is known.
    func finishSwitch(_ p: ModelSwitching, to name: String, models: Result<[String], Error>) {
        switch models {
        case .success(let list) where !list.contains(name):
            let known = list.isEmpty ? "it lists none" : "known: " + Self.modelList(list)
            editor.notify("model: \(p.name) has no model \(name) (\(known)); still \(controller.provider.model)",
                          level: .warn)
            return
        case .success:
            break
        case .failure(let error):
            editor.notify("model: \(p.name) could not list its models (\(error)); using \(name) unchecked",
                          level: .warn)
        }
        controller.provider = p.switching(to: name)
        resolveContextWindow()
        notice("model: now \(controller.provider.name):\(name)")
    }

    /// At most 12 names, then how many more.
    static func modelList(_ names: [String]) -> String {
        let shown = names.prefix(12).joined(separator: ", ")
        return names.count > 12 ? shown + ", … (\(names.count - 12) more: /model lists them)" : shown
    }
}
