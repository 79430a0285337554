import Kernel

// The composer's keys as ordinary keymaps: every binding is listed by
// `weft.keymap.list()` with its description and owner "weft", and a user
// mapping of the same keys replaces it.

extension Composer {
    /// One stock binding: keys, description, action.
    typealias Binding = (lhs: String, desc: String, action: @Sendable (Composer) throws -> Void)

    /// The bindings of mode ``mode``.
    static let composerBindings: [Binding] = [
        ("<CR>", "send the message (accept an open popup's selection)", { if $0.popupKeys?(.accept) != true { try $0.submit() } }),
        ("<S-CR>", "insert a line break", { try $0.insertNewline() }),
        ("<M-CR>", "insert a line break", { try $0.insertNewline() }),
        ("<C-j>", "insert a line break", { try $0.insertNewline() }),
        ("<BS>", "delete the character before the cursor", { try $0.deleteBackward() }),
        ("<C-h>", "delete the character before the cursor", { try $0.deleteBackward() }),
        ("<Del>", "delete the character under the cursor", { try $0.deleteForward() }),
        ("<Left>", "cursor left", { try $0.moveLeft() }),
        ("<Right>", "cursor right", { try $0.moveRight() }),
        ("<Up>", "cursor up; older history on the first line; popup: previous item", { if $0.popupKeys?(.up) != true { try $0.moveUp() } }),
        ("<Down>", "cursor down; newer history on the last line; popup: next item", { if $0.popupKeys?(.down) != true { try $0.moveDown() } }),
        ("<Home>", "start of line", { try $0.moveLineStart() }),
        ("<C-a>", "start of line", { try $0.moveLineStart() }),
        ("<End>", "end of line", { try $0.moveLineEnd() }),
        ("<C-e>", "end of line", { try $0.moveLineEnd() }),
        ("<M-b>", "word backward", { try $0.moveWordBackward() }),
        ("<C-Left>", "word backward", { try $0.moveWordBackward() }),
        ("<M-f>", "word forward", { try $0.moveWordForward() }),
        ("<C-Right>", "word forward", { try $0.moveWordForward() }),
        ("<C-k>", "kill to end of line", { try $0.killToLineEnd() }),
        ("<C-u>", "kill to start of line", { try $0.killToLineStart() }),
        ("<C-w>", "kill the word before the cursor", { try $0.killWordBackward() }),
        ("<M-BS>", "kill the word before the cursor", { try $0.killWordBackward() }),
        ("<M-d>", "kill the word after the cursor", { try $0.killWordForward() }),
        ("<C-y>", "yank the last kill", { try $0.yank() }),
        ("<C-z>", "undo", { try $0.undoEdit() }),
        ("<C-_>", "undo", { try $0.undoEdit() }),
        ("<C-S-z>", "redo", { try $0.redoEdit() }),
        ("<C-r>", "search the history backwards", { $0.startSearch() }),
        ("<C-g>", "edit the message in $VISUAL or $EDITOR", { $0.openEditorWithRunner() }),
    ]

    /// The bindings of mode ``searchMode``.
    static let searchBindings: [Binding] = [
        ("<C-r>", "history search: next older match", { $0.searchNext() }),
        ("<CR>", "history search: accept the match", { $0.acceptSearch() }),
        ("<Esc>", "history search: cancel", { $0.cancelSearch() }),
        ("<C-g>", "history search: cancel", { $0.cancelSearch() }),
        ("<C-c>", "history search: cancel", { $0.cancelSearch() }),
        ("<BS>", "history search: delete the last query character", { $0.searchBackspace() }),
        ("<C-h>", "history search: delete the last query character", { $0.searchBackspace() }),
    ]

    /// Installs the default keys of modes ``mode`` and ``searchMode``, each
    /// as one list (``KeymapTable/setDefaults(mode:owner:_:)``, owner
    /// "weft"): the composer's editing keys plus `extra`, the keys the UI
    /// around it adds in mode ``mode`` (a key bound twice is an error, so
    /// nothing is silently replaced). Also the unmapped-key handlers that
    /// type printable keys (`<Space>`, `<lt>`, `<Tab>` included) and the
    /// paste handlers of both modes. In a search, mouse keys are ignored and
    /// any other key accepts the match and is then handled in ``mode``.
    /// - Throws: `KernelError` when a key is bound twice or cannot be mapped.
    public func installKeymaps(editor: Editor, extra: [KeyBinding] = []) throws {
        try editor.keymaps.setDefaults(mode: Self.mode, owner: Self.owner,
                                       bindings(Self.composerBindings) + extra)
        try editor.keymaps.setDefaults(mode: Self.searchMode, owner: Self.owner, bindings(Self.searchBindings))
        editor.setUnmappedKeyHandler(mode: Self.mode) { [weak self] key in
            guard let self, let s = Self.printable(key) else { return }
            self.report { try self.type(s) }
        }
        editor.setUnmappedKeyHandler(mode: Self.searchMode) { [weak self, weak editor] key in
            guard let self else { return }
            if let s = Self.printable(key), s != "\t" {
                self.searchType(s)
            } else if key.isMouse {
                return
            } else {
                self.acceptSearch()
                // Only once the search left the mode: with no search running
                // (the mode set from Lua) the key would come back here for ever.
                if editor?.mode != Self.searchMode { editor?.handleKey(key) }
            }
        }
        let paste: (String) -> Void = { [weak self] text in
            guard let self else { return }
            self.report { try self.paste(text) }
        }
        editor.setPasteHandler(mode: Self.mode, paste)
        editor.setPasteHandler(mode: Self.searchMode, paste)
    }

    /// The text a key types, or nil for keys that type nothing.
    static func printable(_ key: Key) -> String? {
        if key.isNamed("Tab") && !key.hasModifiers { return "\t" }
        return key.text
    }

    /// The stock bindings as key bindings acting on this composer.
    private func bindings(_ list: [Binding]) -> [KeyBinding] {
        list.map { b in
            let action = b.action
            return KeyBinding(b.lhs, b.desc) { [weak self] in
                guard let self else { return }
                try action(self)
            }
        }
    }

    /// Runs an action from a key handler, reporting errors as messages.
    private func report(_ body: () throws -> Void) {
        do {
            try body()
        } catch {
            editor.notify("composer: \(error)", level: .error)
        }
    }
}
