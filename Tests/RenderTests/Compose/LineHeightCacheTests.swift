import Testing
@testable import Kernel
@testable import Render

/// Heights kept across frames are dropped for exactly the rows the buffer
/// reports changed, and all of them when the window shows another buffer
/// or wraps at another width or with other options.
@Suite struct LineHeightCacheTests {
    @Test func changedRowsAndOtherKeysForgetHeights() throws {
        let buf = Buffer(id: BufferID(1))
        try buf.setLines(0, -1, (0..<200).map { "line \($0)" })
        let other = Buffer(id: BufferID(2))
        let table = LineHeightCache.Table()
        #expect(LineHeightCache.Table.slots > 200)  // no line below evicts another
        func fill() { for line in 0..<200 { table.store(line % 3 + 1, of: line) } }
        table.validate(buf, width: 20, wrap: true, options: WrapOptions())
        fill()
        #expect(table.rows(of: 199) == 199 % 3 + 1 && table.rows(of: 10) == 2)
        // One line replaced: it (and the row after it, where marks of a
        // replaced line may move) is measured again.
        try buf.setLines(10, 11, ["edited"])
        table.validate(buf, width: 20, wrap: true, options: WrapOptions())
        #expect(table.rows(of: 10) == nil && table.rows(of: 9) == 1 && table.rows(of: 12) == 1)
        // A mark set on a row drops that row.
        try buf.extmarks.set(ns: NamespaceID(1), start: Position(row: 150, col: 0), decoration: Decoration(noWrap: true))
        table.validate(buf, width: 20, wrap: true, options: WrapOptions())
        #expect(table.rows(of: 150) == nil && table.rows(of: 151) != nil && table.rows(of: 149) != nil)
        // A line added at the end: rows from there on.
        table.store(5, of: 200)
        try buf.append(["new"])
        table.validate(buf, width: 20, wrap: true, options: WrapOptions())
        #expect(table.rows(of: 200) == nil && table.rows(of: 199) != nil)
        // Nothing changed: everything kept.
        table.validate(buf, width: 20, wrap: true, options: WrapOptions())
        #expect(table.rows(of: 198) != nil)
        for change in 0..<4 {
            fill()
            switch change {
            case 0: table.validate(buf, width: 21, wrap: true, options: WrapOptions())
            case 1: table.validate(buf, width: 21, wrap: false, options: WrapOptions())
            case 2: table.validate(buf, width: 21, wrap: false, options: WrapOptions(linebreak: true))
            default: table.validate(other, width: 21, wrap: false, options: WrapOptions(linebreak: true))
            }
            #expect((0..<200).allSatisfy { table.rows(of: $0) == nil }, "change \(change)")
        }
    }
}
