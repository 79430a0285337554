import Foundation
import Kernel
import Testing
@testable import Chat

/// The completion popup over the composer: current after every keystroke,
/// scrolling with a selection, fuzzy, argument completion from commands.
@Suite struct ChatPopupTests {
    @Test func atCompletionFollowsEveryKeystroke() throws {
        let dir = NSTemporaryDirectory() + "weft-popup-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/Sources/Chat", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/Sources/Core", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/Sources/Kernel", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: dir + "/README.md", contents: Data())
        _ = FileManager.default.createFile(atPath: dir + "/Makefile", contents: Data())
        let s = try ChatScreen(width: 60, height: 20, cwd: dir)
        try s.editor.feedKeys("see @R")
        _ = s.frame()
        #expect(s.ui.popup?.menu.items.map(\.text) == ["@README.md"])
        try s.editor.feedKeys("<Tab>")
        #expect(s.ui.composer.text == "see @README.md")
        try s.editor.feedKeys("<C-u>@Sources/Ch")
        _ = s.frame()
        #expect(s.ui.popup?.menu.items.map(\.text) == ["@Sources/Chat/"])
    }

    @Test func theListScrollsWithASelectionAndSaysWhatIsHidden() throws {
        let s = try ChatScreen(width: 80, height: 24)
        try s.editor.feedKeys("/")
        _ = s.frame()
        let popup = try #require(s.ui.popup)
        let all = popup.menu.items.map(\.text)
        #expect(all.count > ChatUI.popupRows)
        #expect(all.contains("/sessions") && all.contains("/resume"))
        #expect(popup.window.floatConfig?.title?.contains("more") == true)
        // Down to the last one (Ctrl-N and Down both move), wrapping back with Up.
        for i in 1..<all.count { try s.editor.feedKeys(i % 2 == 0 ? "<Down>" : "<C-n>") }
        #expect(s.ui.popup?.menu.selectedItem?.text == all.last)
        #expect(s.ui.popup?.window.floatConfig?.title?.contains("↑") == true)
        try s.editor.feedKeys("<Up><C-p>")
        #expect(s.ui.popup?.menu.selectedItem?.text == all[all.count - 3])
        try s.editor.feedKeys("<Tab>")
        #expect(s.ui.composer.text == all[all.count - 3] + " ")
    }

    @Test func fuzzyMatchingReachesEveryCommand() throws {
        let s = try ChatScreen(width: 80, height: 24)
        try s.editor.commands.create(name: "extensions", options: CommandOptions(desc: "list extensions")) { _ in }
        try s.editor.feedKeys("/e")
        _ = s.frame()
        let names = try #require(s.ui.popup?.menu.items.map(\.text))
        #expect(names.contains("/extensions") && names.contains("/expand"))
        try s.editor.feedKeys("<BS>xtn")
        _ = s.frame()
        #expect(s.ui.popup?.menu.items.first?.text == "/extensions")
        try s.editor.feedKeys("<Tab>")
        #expect(s.ui.composer.text == "/extensions ")
    }

    @Test func argumentsCompleteFromTheCommand() throws {
        let s = try ChatScreen(width: 80, height: 24)
        var ran: [String] = []
        var options = CommandOptions(desc: "a fruit", nargs: .one)
        options.complete = { lead in ["apple", "apricot", "banana"].filter { $0.hasPrefix(lead) } }
        try s.editor.commands.create(name: "fruit", options: options) { ran.append($0.args) }
        try s.editor.feedKeys("/fruit ap")
        _ = s.frame()
        #expect(s.ui.popup?.menu.items.map(\.text) == ["apple", "apricot"])
        try s.editor.feedKeys("<Tab>")
        #expect(s.ui.composer.text == "/fruit apple")
        try s.editor.feedKeys("<C-u>/fruit ap<Down><CR>")
        #expect(ran == ["apricot"])
        #expect(s.ui.composer.text.isEmpty)
    }

    @Test func descriptionsAreAlignedAndTheSelectionHighlighted() throws {
        let s = try ChatScreen(width: 80, height: 24)
        try s.editor.feedKeys("/ne")
        _ = s.frame()
        let p = try #require(s.ui.popup)
        let lines = p.buffer.lines
        let starts = p.menu.items.indices.compactMap { i -> Int? in
            let item = p.menu.items[i]
            guard !item.desc.isEmpty, let r = lines[i].range(of: item.desc.prefix(4)) else { return nil }
            return lines[i].distance(from: lines[i].startIndex, to: r.lowerBound)
        }
        #expect(Set(starts).count == 1, "\(lines)")
        #expect(p.window.options.normalHl == "ChatPopup")
        let marks = p.buffer.extmarks.list(ns: s.editor.namespaces.create(name: "chat.popup"))
        #expect(marks.contains { $0.decoration.lineHl == "ChatPopupSel" && $0.start.row == 0 })
    }
    /// A popup scrolled down to its tenth candidate, then shrunk by typing
    /// (fewer matches): it shows the top of the new list, with the selection
    /// on its first row, not the bottom of the list.
    @Test func aShrinkingPopupShowsTheTopOfItsList() throws {
        let s = try ChatScreen(width: 80, height: 30)
        try s.editor.feedKeys("/")
        _ = s.frame()
        for _ in 0..<12 { try s.editor.feedKeys("<Down>") }
        _ = s.frame()
        #expect((s.ui.popup?.menu.top ?? 0) > 0)
        try s.editor.feedKeys("se")
        let grid = s.frame()
        let p = try #require(s.ui.popup)
        let items = p.menu.items.map(\.text)
        #expect(items.count > 1 && items.count < 12, "\(items)")
        #expect(p.menu.selected == 0 && p.menu.top == 0)
        let rows = grid.lines
        // The row under the popup's top border holds the first candidate.
        let first = try #require(rows.firstIndex { $0.contains(items[0] + " ") || $0.hasSuffix(items[0]) })
        #expect(rows[first - 1].contains("┌") || rows[first - 1].contains("╭"), "\(rows.joined(separator: "\n"))")
        for item in items.prefix(ChatUI.popupRows).dropFirst() {
            #expect(rows.contains { $0.contains(item) }, "\(item) not shown:\n\(rows.joined(separator: "\n"))")
        }
        #expect(p.window.view.topline == 0)
        #expect(p.window.cursor.row == 0)
    }
}
