import Foundation
import Kernel
import Testing
@testable import Chat

@Suite struct ComposerSearchTests {
    func fixture() throws -> ComposerFixture {
        let history = ComposerHistory()
        for e in ["git status", "make test", "git commit -m wip", "echo done", "GIT log"] {
            try history.add(e)
        }
        return try ComposerFixture(history: history)
    }

    @Test func typingSearchesBackwardsAndCtrlRFindsOlder() throws {
        let f = try fixture()
        var seen: [ComposerSearch?] = []
        f.composer.onSearchChange = { seen.append($0) }
        try f.keys("draft<C-r>")
        #expect(f.editor.mode == Composer.searchMode)
        #expect(f.composer.searchState == ComposerSearch())
        try f.keys("git")
        #expect(f.composer.searchState?.query == "git")
        #expect(f.composer.searchState?.match == "GIT log")
        try f.keys("<C-r>")
        #expect(f.composer.searchState?.match == "git commit -m wip")
        #expect(f.composer.searchState?.matchIndex == 2)
        try f.keys("<C-r>")
        #expect(f.composer.searchState?.match == "git status")
        try f.keys("<C-r>")
        #expect(f.composer.searchState?.match == "git status")
        #expect(f.composer.searchState?.failed == true)
        #expect(f.composer.text == "draft")
        #expect(!seen.isEmpty)
    }

    @Test func extendingTheQueryKeepsSearchingFromTheCurrentMatch() throws {
        let f = try fixture()
        try f.keys("<C-r>git<C-r><Space>s")
        #expect(f.composer.searchState?.query == "git s")
        #expect(f.composer.searchState?.match == "git status")
        try f.keys("x")
        #expect(f.composer.searchState?.failed == true)
        #expect(f.composer.searchState?.match == "git status")
        try f.keys("<BS><BS><BS>")
        #expect(f.composer.searchState?.query == "git")
        #expect(f.composer.searchState?.match == "GIT log")
        #expect(f.composer.searchState?.failed == false)
    }

    @Test func enterAcceptsIntoTheComposer() throws {
        let f = try fixture()
        let log = ComposerSubmitLog()
        log.attach(f.composer)
        try f.keys("draft<C-r>make<CR>")
        #expect(f.composer.searchState == nil)
        #expect(f.editor.mode == Composer.mode)
        #expect(f.composer.text == "make test")
        #expect(f.composer.cursor == Position(row: 0, col: 9))
        #expect(log.texts.isEmpty)
        try f.keys("<C-z>")
        #expect(f.composer.text == "draft")
    }

    @Test func escapeAndCtrlGCancel() throws {
        let f = try fixture()
        try f.keys("draft<C-r>echo<Esc>")
        #expect(f.composer.searchState == nil)
        #expect(f.composer.text == "draft")
        #expect(f.editor.mode == Composer.mode)
        try f.keys("<C-r>echo<C-g>")
        #expect(f.composer.searchState == nil)
        #expect(f.composer.text == "draft")
    }

    @Test func ctrlCCancelsAndMouseKeysAreIgnored() throws {
        let f = try fixture()
        try f.keys("draft<C-r>echo<ScrollWheelUp>")
        #expect(f.composer.searchState?.match == "echo done")
        try f.keys("<C-c>")
        #expect(f.composer.searchState == nil)
        #expect(f.composer.text == "draft")
    }

    @Test func clearingEndsTheSearch() throws {
        let f = try fixture()
        try f.keys("<C-r>git")
        try f.composer.clear()
        #expect(f.composer.searchState == nil)
        #expect(f.editor.mode == Composer.mode)
    }

    @Test func anotherKeyAcceptsAndActs() throws {
        let f = try fixture()
        try f.keys("<C-r>echo<Home>X")
        #expect(f.composer.searchState == nil)
        #expect(f.composer.text == "Xecho done")
    }

    @Test func searchWithoutKeysAndWithAnEmptyHistory() throws {
        let f = try ComposerFixture()
        f.composer.startSearch()
        f.composer.searchType("zzz")
        #expect(f.composer.searchState?.failed == true)
        #expect(f.composer.searchState?.match == nil)
        f.composer.acceptSearch()
        #expect(f.composer.text == "")
        #expect(f.composer.searchState == nil)
    }

    @Test func pasteDuringSearchExtendsTheQuery() throws {
        let f = try fixture()
        try f.keys("<C-r>")
        try f.composer.paste("commit\nignored")
        #expect(f.composer.searchState?.query == "commit")
        #expect(f.composer.searchState?.match == "git commit -m wip")
    }
}

/// Regression: the search mode entered from Lua with no search running
/// (`weft.mode.set("composer_search")`) took `<Up>` back to itself for
/// ever (a stack overflow, SIGSEGV, terminal left in raw mode).
@Suite struct ComposerSearchModeTests {
    @Test func aKeyInTheSearchModeWithNoSearchRunningDoesNotRecurse() throws {
        let f = try ComposerFixture()
        try f.editor.setMode(Composer.searchMode)
        #expect(f.composer.searchState == nil)
        try f.keys("<Up><Down><Tab><F5>")
        #expect(f.composer.searchState == nil)
        try f.editor.setMode(Composer.mode)
        try f.keys("ok")
        #expect(f.composer.text == "ok")
    }

    /// The status line shows the match while searching, and says when
    /// nothing matches.
    @Test func statusShowsTheMatchOrNoMatch() throws {
        let f = try ComposerSearchTests().fixture()
        var status: [String] = []
        f.composer.onSearchChange = { status.append($0?.status ?? "(ended)") }
        try f.keys("<C-r>")
        #expect(status.last?.hasPrefix("reverse search: type to search") == true)
        try f.keys("make")
        #expect(status.last == "reverse search 'make': make test")
        try f.keys("<C-r>")
        #expect(status.last == "reverse search 'make': no older match (make test)")
        try f.keys("z")
        #expect(status.last == "reverse search 'makez': no match")
        try f.keys("<Esc><C-r>nothing")
        #expect(status.last == "reverse search 'nothing': no match")
        let long = ComposerSearch(query: "a", match: "a" + String(repeating: "b", count: 80) + "\nsecond", matchIndex: 0)
        #expect(long.status == "reverse search 'a': a" + String(repeating: "b", count: 58) + "… (2 lines)")
    }
}
