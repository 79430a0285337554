import Testing
@testable import Kernel

@Suite struct KeymapTableTests {
    @Test func setStoresCanonicalKeysAndListsThem() throws {
        let t = KeymapTable()
        try t.set(mode: "normal", lhs: "<c-x><enter>", rhs: .command(":write"),
                  options: KeymapOptions(desc: "save", owner: "init.lua"))
        try t.set(mode: "insert", lhs: "jk", rhs: .keys("<esc>"))
        try t.set(mode: "normal", lhs: "gq", rhs: .handler(owner: "p", call: {}),
                  options: KeymapOptions(buf: BufferID(3), nowait: true))
        #expect(t.count == 3)
        #expect(t.list() == [
            KeymapInfo(mode: "insert", lhs: "jk", rhs: "<Esc>"),
            KeymapInfo(mode: "normal", lhs: "<C-x><CR>", rhs: ":write", desc: "save", owner: "init.lua"),
            KeymapInfo(mode: "normal", lhs: "gq", rhs: "<function>", buf: BufferID(3), nowait: true),
        ])
        #expect(t.list(mode: "insert").map(\.lhs) == ["jk"])
        #expect(t.list(mode: "visual").isEmpty)
        #expect(t.checkInvariants() == [])
    }

    @Test func setReplacesTheSameKeysInTheSameScope() throws {
        let t = KeymapTable()
        try t.set(mode: "n", lhs: "a", rhs: .keys("b"))
        try t.set(mode: "n", lhs: "<S-a>", rhs: .keys("C"))
        try t.set(mode: "n", lhs: "A", rhs: .keys("c"))
        try t.set(mode: "n", lhs: "a", rhs: .keys("d"), options: KeymapOptions(buf: BufferID(1)))
        #expect(t.list().map(\.description) == ["n A -> c", "n a -> b", "n a -> d (buf 1)"])
        #expect(t.checkInvariants() == [])
    }

    @Test func leaderExpandsFromTheProperty() throws {
        let t = KeymapTable()
        try t.set(mode: "n", lhs: "<leader>w", rhs: .command(":w"))
        t.leader = " "
        try t.set(mode: "n", lhs: "<Leader>q", rhs: .command(":q"))
        t.leader = "<C-k>"
        try t.set(mode: "n", lhs: "<LEADER><leader>", rhs: .keys("<leader>x"))
        #expect(t.list().map(\.lhs) == ["<C-k><C-k>", "<Space>q", "\\w"])
        #expect(try t.get(mode: "n", lhs: "<leader><leader>")?.action.summary == "<C-k>x")
        try t.del(mode: "n", lhs: "<Space>q")
        #expect(t.count == 2)
    }

    @Test func badInputIsAnError() throws {
        let t = KeymapTable()
        #expect(throws: KernelError.invalidArgument("keymap lhs is empty")) {
            try t.set(mode: "n", lhs: "", rhs: .keys("x"))
        }
        #expect(throws: KernelError.self) { try t.set(mode: "", lhs: "a", rhs: .keys("x")) }
        #expect(throws: KernelError.self) { try t.set(mode: "n", lhs: "a\t", rhs: .keys("x")) }
        #expect(throws: KernelError.self) { try t.set(mode: "n", lhs: "a", rhs: .keys("\u{1B}")) }
        #expect(t.count == 0)
    }

    @Test func delNeedsAnExistingMappingInThatScope() throws {
        let t = KeymapTable()
        try t.set(mode: "n", lhs: "abc", rhs: .keys("x"))
        try t.set(mode: "n", lhs: "ab", rhs: .keys("y"), options: KeymapOptions(buf: BufferID(2)))
        #expect(throws: KernelError.notFound("no mapping for 'ab' in mode 'n'")) {
            try t.del(mode: "n", lhs: "ab")
        }
        #expect(throws: KernelError.notFound("no mapping for 'abc' in mode 'n' for buffer 2")) {
            try t.del(mode: "n", lhs: "abc", buf: BufferID(2))
        }
        #expect(throws: KernelError.self) { try t.del(mode: "i", lhs: "abc") }
        try t.del(mode: "n", lhs: "abc")
        try t.del(mode: "n", lhs: "ab", buf: BufferID(2))
        #expect(t.count == 0)
        #expect(t.list().isEmpty)
        #expect(t.checkInvariants() == [])
    }

    @Test func deletingPrunesTheTrieButKeepsOtherBranches() throws {
        let t = KeymapTable()
        for lhs in ["a", "abc", "abd", "b"] { try t.set(mode: "n", lhs: lhs, rhs: .keys("x")) }
        try t.del(mode: "n", lhs: "abc")
        #expect(t.checkInvariants() == [])
        try t.del(mode: "n", lhs: "abd")
        #expect(t.checkInvariants() == [])
        let trie = try #require(t.trie(mode: "n", buf: nil))
        #expect(trie.node([key("a")])?.hasChildren == false)
        #expect(t.list().map(\.lhs) == ["a", "b"])
    }

    @Test func leaderExpandsInAnyCaseAndBesideNonASCIIKeys() throws {
        let t = KeymapTable()
        t.leader = "<Space>"
        // ASCII left-hand sides take a byte path, others the character
        // path: both find every spelling of <leader> and nothing else.
        #expect(t.expandLeader("<LeAdEr>w<leader>") == "<Space>w<Space>")
        #expect(t.expandLeader("é<LEADER>ü<leader") == "é<Space>ü<leader")
        #expect(t.expandLeader("<lead>r<leaderx>") == "<lead>r<leaderx>")
        #expect(t.expandLeader("abc") == "abc")
        try t.set(mode: "n", lhs: "é<leader>", rhs: .command(":e"))
        #expect(try t.get(mode: "n", lhs: "é<Space>")?.action.summary == ":e")
    }

    @Test func defaultsMapEveryKeyOnceParsedAndCheckTheMode() throws {
        let t = KeymapTable()
        t.leader = ","
        try t.setDefaults(mode: "m", owner: "weft", [
            KeyBinding("<leader>a", "a") {}, KeyBinding("<C-x><CR>", "b") {}, KeyBinding("ü", "c") {},
        ])
        #expect(t.list(mode: "m").map(\.lhs).sorted() == [",a", "<C-x><CR>", "ü"].sorted())
        #expect(throws: KernelError.self) { try t.setDefaults(mode: "", owner: "weft", [KeyBinding("a", "a") {}]) }
        try t.setDefaults(mode: "", owner: "weft", [])
    }

    @Test func defaultsAreOneListAndAKeyBoundTwiceIsAnError() throws {
        let t = KeymapTable()
        var ran: [String] = []
        try t.setDefaults(mode: "m", owner: "weft", [
            KeyBinding("<C-g>", "edit") { ran.append("edit") },
            KeyBinding("q", "quit") { ran.append("quit") },
        ])
        #expect(t.list(mode: "m").map { "\($0.lhs) \($0.desc ?? "") \($0.owner ?? "")" } == ["<C-g> edit weft", "q quit weft"])
        #expect(throws: KernelError.self) {
            try t.setDefaults(mode: "n", owner: "weft", [
                KeyBinding("x", "first") {}, KeyBinding("<c-G>", "a") {}, KeyBinding("<C-g>", "b") {},
            ])
        }
        #expect(t.list(mode: "n").isEmpty, "nothing is mapped when the list has a key twice")
        do {
            try t.setDefaults(mode: "n", owner: "weft", [KeyBinding("<c-G>", "a") {}, KeyBinding("<C-g>", "b") {}])
        } catch {
            #expect("\(error)".contains("<C-g> is bound twice ('a' and 'b')"), "\(error)")
        }
    }

    @Test func clearBufRemovesOnlyThatBuffersMappings() throws {
        let t = KeymapTable()
        try t.set(mode: "n", lhs: "a", rhs: .keys("x"), options: KeymapOptions(buf: BufferID(1)))
        try t.set(mode: "i", lhs: "a", rhs: .keys("x"), options: KeymapOptions(buf: BufferID(1)))
        try t.set(mode: "n", lhs: "a", rhs: .keys("x"), options: KeymapOptions(buf: BufferID(2)))
        try t.set(mode: "n", lhs: "a", rhs: .keys("x"))
        t.clear(buf: BufferID(1))
        #expect(t.list().map(\.buf) == [nil, BufferID(2)])
    }

    @Test func invariantCheckNoticesCorruption() throws {
        let t = KeymapTable()
        try t.set(mode: "n", lhs: "ab", rhs: .keys("x"))
        let trie = try #require(t.trie(mode: "n", buf: nil))
        trie.root.children[key("z")] = KeymapTrie.Node()       // empty branch
        trie.root.children[Key(.named("cr"))] = KeymapTrie.Node()  // not canonical
        let problems = t.checkInvariants()
        #expect(problems.contains { $0.contains("empty node left at [\"z\"]") })
        #expect(problems.contains { $0.contains("not a canonical key") })
    }
}
