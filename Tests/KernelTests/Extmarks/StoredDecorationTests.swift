import Testing
@testable import Kernel

/// The compact decoration of a mark record (StoredDecoration.swift): a
/// plain highlight is stored inline, anything else boxed, and every
/// decoration comes back from the store as it went in.
@Suite struct StoredDecorationTests {
    /// One decoration per field that is not plain, and plain ones.
    static let decorations: [Decoration] = [
        Decoration(),
        Decoration(hl: "Title"),
        Decoration(hl: "Title", priority: 10),
        Decoration(virtText: [VirtTextChunk("x", hl: "Comment")]),
        Decoration(virtText: [VirtTextChunk("x")], virtTextPos: .overlay),
        Decoration(virtTextPos: .inline),
        Decoration(virtLines: [[VirtTextChunk("above")]], virtLinesAbove: true),
        Decoration(virtLinesAbove: true),
        Decoration(lineHl: "Visual"),
        Decoration(hl: "Link", url: "https://example.com"),
        Decoration(noWrap: true),
        Decoration(priority: Decoration.defaultPriority + 1),
    ]

    @Test(arguments: decorations)
    func decorationComesBackAsSet(_ decoration: Decoration) throws {
        let stored = StoredDecoration(decoration)
        #expect(stored.value == decoration)
        #expect(stored.affectsLayout == decoration.affectsLayout)
        let plain = decoration == Decoration(hl: decoration.hl)
        #expect(stored.isBoxed == !plain, "only a decoration with more than hl is boxed")

        let store = ExtmarkStore()
        let ns = NamespaceID(1)
        let id = try store.set(ns: ns, start: mp(0, 1), end: mp(0, 4), decoration: decoration)
        #expect(store.get(ns: ns, id: id)?.decoration == decoration)
        #expect(store.list(rows: 0..<1).map(\.decoration) == [decoration])
        #expect(store.layoutMarkCount == (decoration.affectsLayout ? 1 : 0))
        #expect(store.checkInvariants() == [])
    }

    /// A record of a plain highlight mark stays small: the 10,000 marks of
    /// a transcript took 120 bytes each with the decoration inline.
    @Test func markRecordIsSmall() {
        #expect(MemoryLayout<StoredDecoration>.size == 24)
        #expect(MemoryLayout<MarkRecord>.stride <= 56)
    }

    /// Replacing a boxed decoration by a plain one and back keeps the
    /// count of layout marks right.
    @Test func replacingMarksKeepsLayoutCount() throws {
        let store = ExtmarkStore()
        let ns = NamespaceID(1)
        let id = try store.set(ns: ns, start: mp(0, 0), decoration: Decoration(virtText: [VirtTextChunk("v")]))
        #expect(store.layoutMarkCount == 1)
        try store.set(ns: ns, id: id, start: mp(0, 0), decoration: Decoration(hl: "Title"))
        #expect(store.layoutMarkCount == 0)
        #expect(store.get(ns: ns, id: id)?.decoration == Decoration(hl: "Title"))
        try store.set(ns: ns, id: id, start: mp(0, 0), decoration: Decoration(noWrap: true))
        #expect(store.layoutMarkCount == 1)
        store.delete(ns: ns, id: id)
        #expect(store.layoutMarkCount == 0)
        #expect(store.checkInvariants() == [])
    }

    /// Marks set in order split the last block again and again; the blocks
    /// left behind keep arrays of their own size, not the doubled capacity
    /// of the overflow (which was four times what the entries need).
    @Test func blocksLeftBehindBySplitsAreTight() throws {
        let store = ExtmarkStore()
        let ns = NamespaceID(1)
        for row in 0..<10_000 {
            try store.set(ns: ns, start: mp(row, 0), end: mp(row, 5), decoration: Decoration(hl: "Title"))
        }
        let blocks = store.table.blocks
        let entries = blocks.reduce(0) { $0 + $1.entries.count }
        let capacity = blocks.reduce(0) { $0 + $1.entries.capacity }
        #expect(entries == 20_000)
        #expect(capacity <= entries + entries / 8 + 4 * ExtmarkTable.maxBlockSize,
                "entry capacity \(capacity) for \(entries) entries in \(blocks.count) blocks")
        #expect(store.checkInvariants() == [])
    }
}
