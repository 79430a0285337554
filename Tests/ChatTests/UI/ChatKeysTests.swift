import Foundation
import Kernel
import Testing
@testable import Chat

/// The chat's default keys: one list per mode, no key of the composer
/// silently replaced by the chat UI.
@Suite struct ChatKeysTests {
    @Test func ctrlGIsTheComposersAndRunsTheEditorRunner() throws {
        let s = try ChatScreen()
        let entry = try #require(try s.editor.keymaps.get(mode: Composer.mode, lhs: "<C-g>"))
        #expect(entry.options.desc == "edit the message in $VISUAL or $EDITOR")
        try s.editor.feedKeys("draft")
        s.ui.composer.editorRunner = { path in
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text == "draft\n")
            try (text.dropLast() + " edited\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        try s.editor.feedKeys("<C-g>")
        #expect(s.ui.composer.text == "draft edited")
    }

    @Test func everyComposerModeKeyIsBoundOnce() throws {
        let s = try ChatScreen()
        let chat = s.ui.composerKeys.map { try? KeyNotation.normalize($0.lhs) }
        let own = Composer.composerBindings.map { try? KeyNotation.normalize($0.lhs) }
        #expect(Set(chat).isDisjoint(with: Set(own)), "\(Set(chat).intersection(Set(own)))")
        let listed = s.editor.keymaps.list(mode: Composer.mode)
        #expect(listed.count == chat.count + own.count)
        #expect(listed.allSatisfy { $0.owner == "weft" })
    }

    @Test func approvalKeysAreListedAndAnswer() throws {
        let s = try ChatScreen()
        let keys = s.editor.keymaps.list(mode: "approval").map(\.lhs)
        #expect(Set(keys) == ["y", "n", "a", "<CR>", "<Esc>", "j", "k", "<Down>", "<Up>", "<PageDown>", "<PageUp>",
                              "<ScrollWheelDown>", "<ScrollWheelUp>", "G", "g", "e"])
    }
}

/// Ctrl-C never quits without saying so first, and never loses a draft.
@Suite struct ChatCtrlCTests {
    private func status(_ s: ChatScreen) -> String { s.ui.windows.statusBuffer.line(0) ?? "" }

    @Test func aClearedDraftComesBackWithUndoAndIsInTheHistory() throws {
        let s = try ChatScreen(width: 100)
        var quits = 0
        s.ui.onQuit = { quits += 1 }
        try s.editor.feedKeys("line one<C-j>line two")
        try s.editor.feedKeys("<C-c>")
        #expect(s.ui.composer.text.isEmpty)
        #expect(status(s).contains("press Ctrl-C again to quit"), "\(status(s))")
        try s.editor.feedKeys("<C-z>")
        #expect(s.ui.composer.text == "line one\nline two")
        #expect(s.ui.composer.history.entries.last == "line one\nline two")
        try s.editor.feedKeys("<C-c><C-c>")
        #expect(quits == 1)
    }

    @Test func anInterruptSaysThatASecondPressQuits() throws {
        let s = try ChatScreen(width: 100, provider: MockProvider(tokensPerSecond: 20, firstTokenLatency: 0))
        var quits = 0
        s.ui.onQuit = { quits += 1 }
        s.controller.submit("count to 30")
        #expect(s.loop.run(until: { s.ui.projector.lineCount > 4 }, timeoutMs: 5000))
        try s.editor.feedKeys("<C-c>")
        #expect(!s.controller.isBusy)
        #expect(quits == 0)
        #expect(status(s).contains("press Ctrl-C again to quit"), "\(status(s))")
        try s.editor.feedKeys("<C-c>")
        #expect(quits == 1)
    }

    @Test func aFirstPressOnAnEmptyComposerOnlyWarns() throws {
        let s = try ChatScreen(width: 100)
        var quits = 0
        s.ui.onQuit = { quits += 1 }
        try s.editor.feedKeys("<C-c>")
        #expect(quits == 0)
        #expect(status(s).contains("press Ctrl-C again to quit"))
    }
}

/// Esc with a prompt queued behind the reply gives the prompt back.
@Suite struct ChatQueuedPromptTests {
    @Test func escPutsTheQueuedPromptBackInTheComposer() throws {
        let s = try ChatScreen(width: 100, provider: MockProvider(tokensPerSecond: 20, firstTokenLatency: 0))
        s.controller.submit("count to 30")
        #expect(s.loop.run(until: { s.ui.projector.lineCount > 4 }, timeoutMs: 5000))
        try s.editor.feedKeys("and then this<CR>")
        #expect(s.controller.queue == ["and then this"])
        try s.editor.feedKeys("half typed")
        try s.editor.feedKeys("<Esc>")
        #expect(!s.controller.isBusy)
        #expect(s.controller.queue.isEmpty)
        #expect(s.ui.composer.text == "and then this\n\nhalf typed")
        #expect((s.ui.windows.statusBuffer.line(0) ?? "").contains("back in the composer"))
    }
}
