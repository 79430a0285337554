// Key handling: the `key` event, keymap dispatch, and the per-mode fallback.

extension Editor {
    /// How deep `.keys` mappings may expand into other mappings.
    static let maxRemapDepth = 64

    /// Handles one typed key (canonical notation): the `key` event may
    /// consume it; otherwise it goes through the keymap dispatcher.
    public func handleKey(_ key: String) {
        if emit("key", subject: key, data: .table(["key": .string(key), "mode": .string(mode)])) {
            return
        }
        let results = dispatcher.feed(key: key, mode: mode, buf: currentWindow?.buffer, now: now())
        perform(results, depth: 0)
    }

    /// Feeds keys as if typed (`input.feed`). Parses Neovim notation.
    public func feedKeys(_ keys: String) throws {
        for k in try KeyNotation.parse(keys) { handleKey(k) }
    }

    /// Resolves a pending multi-key prefix whose `timeoutlen` has passed.
    /// Returns true when something was dispatched.
    @discardableResult
    public func keyTimeout() -> Bool {
        let results = dispatcher.timeout(now: now())
        perform(results, depth: 0)
        return !results.isEmpty
    }

    func perform(_ results: [DispatchResult], depth: Int) {
        for r in results {
            switch r {
            case .matched(let entry): run(entry, depth: depth)
            case .unmapped(let keys): for k in keys { unmappedKeyHandlers[mode]?(k) }
            case .pending: break
            }
        }
    }

    func run(_ entry: KeymapEntry, depth: Int) {
        let lhs = KeyNotation.format(entry.keys)
        do {
            switch entry.action {
            case .handler(_, let call):
                try call()
            case .keys(let keys):
                guard depth < Self.maxRemapDepth else {
                    throw KernelError.invalidState("recursive mapping: \(lhs) expands too deeply")
                }
                for k in try KeyNotation.parse(keys) {
                    perform(dispatcher.feed(key: k, mode: mode, buf: currentWindow?.buffer, now: now()),
                            depth: depth + 1)
                }
                perform(dispatcher.flush(), depth: depth + 1)
            case .command(let line):
                try commands.run(line: line)
            }
        } catch {
            notify("keymap \(lhs) (\(entry.mode)): \(error)", level: .error)
        }
        requestRedraw()
    }
}
