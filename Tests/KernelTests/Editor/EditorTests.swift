import Testing
@testable import Kernel

@Suite struct EditorTests {
    /// An editor with one buffer shown in one tiled window, 80x24.
    func make() throws -> (Editor, Buffer, Window) {
        let e = Editor(size: Size(width: 80, height: 24))
        let b = try e.createBuffer(name: "main")
        let w = try e.openWindow(buffer: b.id, WindowSpec())
        return (e, b, w)
    }

    @Test func firstWindowTakesFocusAndFillsTheScreen() throws {
        let (e, _, w) = try make()
        #expect(e.currentWindowID == w.id)
        #expect(e.layout?.compute(in: Rect(size: e.screenSize))[w.id] == Rect(row: 0, col: 0, width: 80, height: 24))
    }

    @Test func zeroMeansCurrent() throws {
        let (e, b, w) = try make()
        #expect(try e.buffer(0) === b)
        #expect(try e.window(0) === w)
        #expect(throws: KernelError.self) { try e.buffer(99) }
    }

    /// The kernel's rule: deleting a buffer removes its buffer-local
    /// keymaps and its marks; global keymaps and other buffers keep theirs.
    @Test func deleteBufferRemovesItsKeymapsAndMarks() throws {
        let (e, b, _) = try make()
        let other = try e.createBuffer(name: "other")
        try b.setLines(0, -1, ["one", "two"])
        let mark = try b.extmarks.set(ns: NamespaceID(1), start: Position(row: 1, col: 0))
        try e.keymaps.set(mode: "normal", lhs: "x", rhs: .keys("y"), options: KeymapOptions(buf: b.id))
        try e.keymaps.set(mode: "normal", lhs: "x", rhs: .keys("z"), options: KeymapOptions(buf: other.id))
        try e.keymaps.set(mode: "normal", lhs: "q", rhs: .keys("y"))
        try e.deleteBuffer(b.id)
        #expect(e.buffers[b.id] == nil)
        #expect(try e.keymaps.get(mode: "normal", lhs: "x", buf: b.id) == nil)
        #expect(try e.keymaps.get(mode: "normal", lhs: "x", buf: other.id) != nil)
        #expect(try e.keymaps.get(mode: "normal", lhs: "q") != nil)
        #expect(b.extmarks.get(ns: NamespaceID(1), id: mark) == nil)
        #expect(b.extmarks.count == 0)
    }

    /// A buffer's edit hook does not count its reference to the editor:
    /// a buffer kept past its editor's life must not reach it.
    @Test func aBufferOutlivingItsEditorCanStillBeEdited() throws {
        var kept: Buffer?
        do {
            let e = Editor()
            kept = try e.createBuffer(name: "kept")
            try kept?.setLines(0, -1, ["while the editor lives"])
        }
        #expect(kept?.onChange == nil)
        try kept?.setLines(0, -1, ["after"])
        #expect(kept?.lines == ["after"])
    }

    @Test func namesAreUnique() throws {
        let (e, b, _) = try make()
        #expect(throws: KernelError.self) { try e.createBuffer(name: "main") }
        var spec = WindowSpec()
        spec.name = "a"
        _ = try e.openWindow(buffer: b.id, spec)
        #expect(throws: KernelError.self) { try e.openWindow(buffer: b.id, spec) }
        #expect(e.findWindow(name: "a") != nil)
    }

    @Test func closingTheLastWindowNeedsForce() throws {
        let (e, _, w) = try make()
        #expect(throws: KernelError.self) { try e.closeWindow(w.id) }
        try e.closeWindow(w.id, force: true)
        #expect(e.windows.isEmpty)
        #expect(e.layout == nil)
        #expect(e.currentWindowID == nil)
    }

    @Test func closingTheCurrentWindowFocusesAnother() throws {
        let (e, b, w) = try make()
        var spec = WindowSpec()
        spec.enter = true
        let w2 = try e.openWindow(buffer: b.id, spec)
        #expect(e.currentWindowID == w2.id)
        try e.closeWindow(w2.id)
        #expect(e.currentWindowID == w.id)
    }

    @Test func setLayoutHidesWindowsLeftOutAndKeepsOldTreeOnError() throws {
        let (e, b, w) = try make()
        let w2 = try e.openWindow(buffer: b.id, WindowSpec())
        let before = e.layout
        #expect(throws: KernelError.self) {
            try e.setLayout(.container(kind: .row, children: [.leaf(win: w.id, size: nil, weight: nil),
                                                              .leaf(win: w.id, size: nil, weight: nil)],
                                       size: nil, weight: nil))
        }
        #expect(e.layout == before)
        try e.setLayout(.leaf(win: w2.id, size: nil, weight: nil))
        #expect(w.hidden)
        #expect(!w2.hidden)
        #expect(e.currentWindowID == w2.id)
        try e.setLayout(.container(kind: .col, children: [.leaf(win: w.id, size: 3, weight: nil),
                                                          .leaf(win: w2.id, size: nil, weight: nil)],
                                   size: nil, weight: nil))
        #expect(!w.hidden)
        let rects = e.layout!.compute(in: Rect(size: e.screenSize))
        #expect(rects[w.id] == Rect(row: 0, col: 0, width: 80, height: 3))
        #expect(rects[w2.id] == Rect(row: 3, col: 0, width: 80, height: 21))
    }

    @Test func floatsOrderByZindexThenCreation() throws {
        let (e, b, _) = try make()
        func float(_ z: Int) throws -> Window {
            var spec = WindowSpec()
            spec.float = FloatConfig(row: 1, col: 1, width: 10, height: 3, zindex: z)
            return try e.openWindow(buffer: b.id, spec)
        }
        let a = try float(60), c = try float(50), d = try float(60)
        #expect(e.floatsByZ.map(\.id) == [c.id, a.id, d.id])
    }

    @Test func hidingAndShowingATiledWindow() throws {
        let (e, b, w) = try make()
        let w2 = try e.openWindow(buffer: b.id, WindowSpec())
        try e.setHidden(w2.id, true)
        #expect(e.layout?.windows == [w.id])
        try e.setHidden(w2.id, false)
        #expect(e.layout?.windows == [w.id, w2.id])
    }

    @Test func eventsFireForLifecycleAndEdits() throws {
        let e = Editor()
        var seen: [String] = []
        _ = try e.events.create(events: ["buf_new", "win_new", "win_enter", "buf_changed", "layout_changed"],
                                options: AutocmdOptions()) { ev in
            seen.append(ev.event)
            return false
        }
        let b = try e.createBuffer()
        _ = try e.openWindow(buffer: b.id, WindowSpec())
        try b.setLines(0, -1, ["x"])
        #expect(seen == ["buf_new", "win_new", "win_enter", "layout_changed", "buf_changed"])
    }

    @Test func keysGoThroughMappingsThenTheModeFallback() throws {
        let (e, _, _) = try make()
        var typed: [String] = []
        var fired = 0
        e.setUnmappedKeyHandler(mode: "normal") { typed.append($0.token) }
        try e.keymaps.set(mode: "normal", lhs: "gg", rhs: .handler(owner: nil, call: { fired += 1 }))
        try e.keymaps.set(mode: "normal", lhs: "Q", rhs: .keys("gg"))
        try e.feedKeys("agga<CR>Q")
        #expect(typed == ["a", "a", "<CR>"])
        #expect(fired == 2)
    }

    @Test func aKeyHandlerCanConsumeKeys() throws {
        let (e, _, _) = try make()
        var typed: [String] = []
        e.setUnmappedKeyHandler(mode: "normal") { typed.append($0.token) }
        _ = try e.events.create(events: ["key"], options: AutocmdOptions(pattern: "x")) { _ in true }
        try e.feedKeys("axb")
        #expect(typed == ["a", "b"])
    }

    @Test func recursiveMappingsAreStoppedAndReported() throws {
        let (e, _, _) = try make()
        try e.keymaps.set(mode: "normal", lhs: "a", rhs: .keys("a"))
        try e.feedKeys("a")
        #expect(e.messages.last?.level == .error)
        #expect(e.messages.last?.text.contains("recursive") == true)
    }

    @Test func failingKeymapHandlerIsReportedNotFatal() throws {
        let (e, _, _) = try make()
        try e.keymaps.set(mode: "normal", lhs: "x", rhs: .handler(owner: nil, call: {
            throw KernelError.invalidState("boom")
        }))
        try e.feedKeys("x")
        #expect(e.messages.last?.text.contains("boom") == true)
    }

    @Test func modeChangesEmitAnEvent() throws {
        let (e, _, _) = try make()
        var seen: Value = .null
        _ = try e.events.create(events: ["mode_changed"], options: AutocmdOptions()) { ev in
            seen = ev.data
            return false
        }
        try e.setMode("insert")
        #expect(seen == .table(["old": "normal", "new": "insert"]))
        #expect(throws: KernelError.self) { try e.setMode("") }
    }
}
