import Testing
@testable import Kernel

/// The rows a buffer records as changed: edits, mark changes, the log's
/// limit.
@Suite struct RowDamageTests {
    @Test func editsRecordTheirRowsAndShiftsRecordTheRest() throws {
        let buf = Buffer(id: BufferID(1))
        try buf.setLines(0, -1, (0..<20).map { "line \($0)" })
        var seen = buf.damage.stamp
        #expect(buf.damage.rows(since: seen) == nil)
        try buf.setLines(5, 6, ["same count"])
        #expect(buf.damage.rows(since: seen) == 5..<7, "marks on a replaced line move to the next line's start")
        seen = buf.damage.stamp
        try buf.setText(7, 0, 7, 0, ["typed "])
        #expect(buf.damage.rows(since: seen) == 7..<9)
        seen = buf.damage.stamp
        try buf.setLines(3, 3, ["inserted"])
        #expect(buf.damage.rows(since: seen) == 3..<Int.max)
        seen = buf.damage.stamp
        try buf.append(["at the end"])
        #expect(buf.damage.rows(since: seen) == 21..<Int.max)
    }

    @Test func markChangesRecordTheRowsTheyAreDrawnOn() throws {
        let buf = Buffer(id: BufferID(1))
        try buf.setLines(0, -1, (0..<20).map { "line \($0)" })
        let ns = NamespaceID(1)
        var seen = buf.damage.stamp
        let id = try buf.extmarks.set(ns: ns, start: Position(row: 4, col: 0), end: Position(row: 6, col: 2))
        #expect(buf.damage.rows(since: seen) == 4..<7)
        seen = buf.damage.stamp
        try buf.extmarks.set(ns: ns, id: id, start: Position(row: 12, col: 0))
        #expect(buf.damage.rows(since: seen) == 4..<13, "the old rows and the new one")
        seen = buf.damage.stamp
        #expect(buf.extmarks.delete(ns: ns, id: id))
        #expect(buf.damage.rows(since: seen) == 12..<13)
        seen = buf.damage.stamp
        #expect(!buf.extmarks.delete(ns: ns, id: id))
        #expect(buf.extmarks.clear(ns: ns, rows: 0..<5) == 0)
        #expect(buf.damage.rows(since: seen) == nil, "nothing changed")
        try buf.extmarks.set(ns: ns, start: Position(row: 2, col: 0))
        seen = buf.damage.stamp
        #expect(buf.extmarks.clear(ns: nil, rows: 1..<3) == 1)
        #expect(buf.damage.rows(since: seen) == 1..<Int.max)
    }

    @Test func anOldStampBeyondTheLogMeansEveryRow() {
        let damage = RowDamage()
        let start = damage.stamp
        for i in 0..<(RowDamage.capacity + 1) { damage.record((10 * i)..<(10 * i + 1)) }
        #expect(damage.rows(since: start) == 0..<Int.max)
        let recent = damage.stamp - 1
        #expect(damage.rows(since: recent) == (10 * RowDamage.capacity)..<(10 * RowDamage.capacity + 1))
    }

    @Test func aRecordCoveringTheLastReplacesItAndEmptyOnesAreIgnored() {
        let damage = RowDamage()
        let start = damage.stamp
        damage.record(5..<5)
        #expect(damage.stamp == start)
        for _ in 0..<(RowDamage.capacity * 4) { damage.record(40..<41) }
        damage.record(40..<Int.max)
        #expect(damage.rows(since: start) == 40..<Int.max, "one record, never forgotten")
        let before = damage.stamp
        damage.record(45..<46)
        #expect(damage.rows(since: before) == 45..<46, "a smaller record does not merge into a larger one")
    }
}
