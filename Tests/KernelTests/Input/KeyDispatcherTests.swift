import Testing
@testable import Kernel

@Suite struct KeyDispatcherTests {
    /// A dispatcher over mappings given as (lhs, buf) pairs; each maps to a
    /// command named after its lhs so results read as `matched(lhs)`.
    func dispatcher(_ maps: [(String, Int?)], nowait: Set<String> = []) throws -> KeyDispatcher {
        let t = KeymapTable()
        for (lhs, buf) in maps {
            try t.set(mode: "n", lhs: lhs, rhs: .command(lhs),
                      options: KeymapOptions(buf: buf.map(BufferID.init), nowait: nowait.contains(lhs)))
        }
        return KeyDispatcher(table: t)
    }

    func feed(_ d: KeyDispatcher, _ keys: String, buf: Int? = nil, now: Int = 0) throws -> [String] {
        try d.feed(keys: keys, mode: "n", buf: buf.map(BufferID.init), now: now).texts
    }

    @Test func singleAndMultiKeyMappings() throws {
        let d = try dispatcher([("x", nil), ("<C-w>v", nil)])
        #expect(try feed(d, "x") == ["matched(x)"])
        #expect(try feed(d, "y") == ["unmapped(y)"])
        #expect(try feed(d, "<C-w>") == ["pending"])
        #expect(d.pending.tokens == ["<C-w>"])
        #expect(try feed(d, "v") == ["matched(<C-w>v)"])
        #expect(d.pending.isEmpty && !d.needsTimeout && d.pendingSince == nil)
        #expect(try feed(d, "<C-w>q") == ["unmapped(<C-w> q)"])
    }

    @Test func feedOneKeyAtATimeNormalisesAliases() throws {
        let d = try dispatcher([("<C-x><CR>", nil)])
        #expect(d.feed(key: key("<c-X>"), mode: "n", buf: nil).texts == ["pending"])
        #expect(d.feed(key: key("<enter>"), mode: "n", buf: nil).texts == ["matched(<C-x><CR>)"])
    }

    @Test func prefixThatIsMappedFiresOnTimeout() throws {
        let d = try dispatcher([("g", nil), ("gg", nil)])
        #expect(try feed(d, "g", now: 100) == ["pending"])
        #expect(d.pendingSince == 100 && d.deadline == 1100)
        #expect(d.tick(now: 1099).isEmpty)
        #expect(d.needsTimeout)
        #expect(d.tick(now: 1100).texts == ["matched(g)"])
        #expect(!d.needsTimeout && d.deadline == nil)
        #expect(d.timeout().isEmpty)
    }

    @Test func prefixThatIsNotMappedComesBackUnmappedOnTimeout() throws {
        let d = try dispatcher([("abc", nil)])
        d.timeoutlen = 50
        #expect(try feed(d, "ab", now: 7) == ["pending"])
        #expect(d.deadline == 57)
        #expect(d.timeout(now: 57).texts == ["unmapped(a b)"])
    }

    @Test func timeoutFiresTheLongestMappedPrefixAndResolvesTheRest() throws {
        let d = try dispatcher([("a", nil), ("abcd", nil), ("bc", nil), ("bcx", nil)])
        #expect(try feed(d, "abc") == ["pending"])
        // "a" fires; "bc" is mapped but "bcx" is longer, so it waits again.
        #expect(d.timeout(now: 5).texts == ["matched(a)", "pending"])
        #expect(d.pending.tokens == ["b", "c"] && d.pendingSince == 5)
        #expect(d.timeout(now: 9).texts == ["matched(bc)"])
    }

    @Test func keyPastEveryMappingFiresTheMappedPrefixThenReprocesses() throws {
        let d = try dispatcher([("a", nil), ("ab", nil), ("x", nil)])
        #expect(try feed(d, "a") == ["pending"])
        #expect(try feed(d, "x") == ["matched(a)", "matched(x)"])
        #expect(try feed(d, "aay") == ["matched(a)", "matched(a)", "unmapped(y)"])
        let e = try dispatcher([("ab", nil)])
        #expect(try feed(e, "aab") == ["unmapped(a)", "matched(ab)"])
    }

    @Test func nowaitFiresEvenWithLongerMappings() throws {
        let d = try dispatcher([("g", nil), ("gg", nil), ("h", nil), ("hh", nil)], nowait: ["g"])
        #expect(try feed(d, "g") == ["matched(g)"])
        #expect(try feed(d, "h") == ["pending"])
    }

    @Test func bufferLocalMappingsWin() throws {
        let d = try dispatcher([("q", nil), ("q", 1), ("zz", 2), ("z", nil)])
        #expect(try feed(d, "q", buf: 1) == ["matched(q)"])
        let fired = d.feed(key: key("q"), mode: "n", buf: BufferID(1))
        guard case .matched(let e)? = fired.first else { Issue.record("no match"); return }
        #expect(e.options.buf == BufferID(1))
        guard case .matched(let g)? = d.feed(key: key("q"), mode: "n", buf: BufferID(7)).first else {
            Issue.record("no match"); return
        }
        #expect(g.options.buf == nil)
        // A buffer-local longer mapping makes the global prefix wait.
        #expect(try feed(d, "z", buf: 2) == ["pending"])
        #expect(d.timeout().texts == ["matched(z)"])
        #expect(try feed(d, "z", buf: 3) == ["matched(z)"])
    }

    @Test func bufferLocalPrefixWithGlobalLongerMappingWaits() throws {
        let d = try dispatcher([("a", 1), ("ab", nil)])
        #expect(try feed(d, "a", buf: 1) == ["pending"])
        guard case .matched(let e)? = d.timeout().first else { Issue.record("no match"); return }
        #expect(e.options.buf == BufferID(1))
        #expect(try feed(d, "ab", buf: 1) == ["matched(ab)"])
    }

    @Test func changingModeOrBufferFlushesPendingKeys() throws {
        let d = try dispatcher([("g", nil), ("gg", nil)])
        #expect(try feed(d, "g") == ["pending"])
        #expect(d.feed(key: key("x"), mode: "i", buf: nil).texts == ["matched(g)", "unmapped(x)"])
        #expect(try feed(d, "g") == ["pending"])
        #expect(try feed(d, "g", buf: 4) == ["matched(g)", "pending"])
        #expect(d.flush().texts == ["matched(g)"])
        #expect(try feed(d, "g") == ["pending"])
        #expect(d.reset().tokens == ["g"])
        #expect(!d.needsTimeout)
    }

    @Test func mappingsChangedWhilePendingDoNotCrash() throws {
        let d = try dispatcher([("abc", nil)])
        #expect(try feed(d, "ab") == ["pending"])
        try d.table.del(mode: "n", lhs: "abc")
        try d.table.set(mode: "n", lhs: "a", rhs: .command("a"))
        #expect(try feed(d, "c") == ["matched(a)", "unmapped(b c)"])
    }

    @Test func handlerActionsCanBeCalled() throws {
        let t = KeymapTable()
        var calls = 0
        try t.set(mode: "n", lhs: "<F5>", rhs: .handler(owner: "test", call: { calls += 1 }))
        let d = KeyDispatcher(table: t)
        for r in d.feed(key: key("<F5>"), mode: "n", buf: nil) {
            if case .matched(let e) = r, case .handler(_, let call) = e.action { try call() }
        }
        #expect(calls == 1)
    }
}
