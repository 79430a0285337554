// Input handling: the `key` and `paste` events, keymap dispatch, and the
// per-mode fallbacks (unmapped keys, pasted text).

extension Editor {
    /// How deep `.keys` mappings may expand into other mappings.
    static let maxRemapDepth = 64

    /// Handles one typed key: the `key` event may consume it; otherwise it
    /// goes through the keymap dispatcher. The event's data (the key as a
    /// notation string) is built only when a handler listens.
    public func handleKey(_ key: Key) {
        if events.hasHandlers(.key) {
            let token = key.token
            if emit(.key, subject: token, data: .table(["key": .string(token), "mode": .string(mode)])) {
                return
            }
        }
        let results = dispatcher.feed(key: key, mode: mode, buf: currentWindow?.buffer, now: now())
        perform(results, depth: 0)
    }

    /// Handles text from a bracketed paste: the `paste` event may consume
    /// it; otherwise the current mode's paste handler gets it (see
    /// ``setPasteHandler(mode:_:)``). A mode with no handler drops it.
    public func handlePaste(_ text: String) {
        if emit(.paste, data: .table(["text": .string(text)])) { return }
        pasteHandlers[mode]?(text)
    }

    /// Feeds keys as if typed (`input.feed`). Parses Neovim notation.
    /// - Throws: `KernelError.invalidArgument` for invalid notation (no key
    ///   is fed then).
    public func feedKeys(_ keys: String) throws {
        for k in try KeyNotation.parseKeys(keys) { handleKey(k) }
    }

    /// Sets (or with nil removes) what `mode` does with keys no mapping
    /// takes, e.g. the composer inserts printable keys. Keys of a mode with
    /// no handler are dropped.
    public func setUnmappedKeyHandler(mode: String, _ handler: ((Key) -> Void)?) {
        unmappedKeyHandlers[mode] = handler
    }

    /// Sets (or with nil removes) what `mode` does with pasted text that no
    /// `paste` handler consumed.
    public func setPasteHandler(mode: String, _ handler: ((String) -> Void)?) {
        pasteHandlers[mode] = handler
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
        do {
            switch entry.action {
            case .handler(_, let call):
                try call()
            case .keys(let keys):
                guard depth < Self.maxRemapDepth else {
                    throw KernelError.invalidState("recursive mapping: \(KeyNotation.format(entry.keys)) expands too deeply")
                }
                for k in try KeyNotation.parseKeys(keys) {
                    perform(dispatcher.feed(key: k, mode: mode, buf: currentWindow?.buffer, now: now()),
                            depth: depth + 1)
                }
                perform(dispatcher.flush(), depth: depth + 1)
            case .command(let line):
                try commands.run(line: line)
            }
        } catch {
            notify("keymap \(KeyNotation.format(entry.keys)) (\(entry.mode)): \(error)", level: .error)
        }
        requestRedraw()
    }
}
