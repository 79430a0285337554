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
            try (text + " edited").write(toFile: path, atomically: true, encoding: .utf8)
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
