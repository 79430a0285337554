import Testing
@testable import Kernel

/// Randomised edits of a `Buffer` holding marks, against a plain array of
/// lines and the extmark shadow model: `setLines` inserts, deletes and
/// replaces, `setText` splits and joins lines, `append`, and undo (the
/// inverse edit restoring the text an edit replaced). Both stores'
/// invariants are checked after every operation, and every change event
/// must describe the edit. Replay with
/// `WEFT_SEED=<seed> swift test --filter BufferRandomTests`.
@Suite struct BufferRandomTests {
    struct Driver {
        var rng: SplitMix64
        let buffer = Buffer(id: BufferID(1))
        var lines: [String] = [""]
        var marks = ShadowExtmarks()
        /// The inverse of recent edits: (start row, start col, end row,
        /// end col, text) to put back.
        var undo: [(Int, Int, Int, Int, [String])] = []
        var serial = 0

        init(seed: UInt64) { rng = SplitMix64(seed: seed) }

        mutating func word() -> String {
            serial += 1
            return rng.chance(30) ? "" : String(repeating: "ab", count: rng.below(5)) + "\(serial)"
        }

        mutating func text(_ n: Int) -> [String] { (0..<n).map { _ in word() } }

        mutating func position() -> Position {
            let row = rng.below(lines.count)
            return Position(row: row, col: rng.below(lines[row].utf8.count + 1))
        }

        /// Replaces [s, e) with `new` in the shadow lines; returns the old text.
        mutating func shadowReplace(_ s: Position, _ e: Position, _ new: [String]) -> [String] {
            let first = Array(lines[s.row].utf8), last = Array(lines[e.row].utf8)
            let head = String(decoding: first[..<s.col], as: UTF8.self)
            let tail = String(decoding: last[e.col...], as: UTF8.self)
            var old: [String]
            if s.row == e.row {
                old = [String(decoding: first[s.col..<e.col], as: UTF8.self)]
            } else {
                old = [String(decoding: first[s.col...], as: UTF8.self)] + lines[(s.row + 1)..<e.row]
                    + [String(decoding: last[..<e.col], as: UTF8.self)]
            }
            var rows = new.isEmpty ? [""] : new
            rows[0] = head + rows[0]
            rows[rows.count - 1] += tail
            lines.replaceSubrange(s.row...e.row, with: rows)
            let newEnd = new.count <= 1
                ? Position(row: s.row, col: s.col + (new.first?.utf8.count ?? 0))
                : Position(row: s.row + new.count - 1, col: new.last!.utf8.count)
            marks.splice(start: s, oldEnd: e, newEnd: newEnd)
            if old == [""] { old = [] }
            return old
        }

        mutating func step() throws -> String {
            switch rng.below(100) {
            case 0..<30:
                var (s, e) = (position(), position())
                if e < s { swap(&s, &e) }
                let new = text(rng.below(4))
                try buffer.setText(s.row, s.col, e.row, e.col, new)
                let old = shadowReplace(s, e, new)
                let end = new.count <= 1
                    ? Position(row: s.row, col: s.col + (new.first?.utf8.count ?? 0))
                    : Position(row: s.row + new.count - 1, col: new.last!.utf8.count)
                undo.append((s.row, s.col, end.row, end.col, old))
                return "set_text \(s)-\(e) with \(new.count) lines"
            case 30..<50:
                let a = rng.below(lines.count + 1), b = rng.below(lines.count + 1)
                let r = min(a, b)..<max(a, b)
                let new = text(rng.chance(10) ? rng.below(200) : rng.below(4))
                try buffer.setLines(r.lowerBound, r.upperBound, new)
                lines.replaceSubrange(r, with: new)
                if lines.isEmpty { lines = [""] }
                marks.splice(start: Position(row: r.lowerBound, col: 0), oldEnd: Position(row: r.upperBound, col: 0),
                             newEnd: Position(row: r.lowerBound + new.count, col: 0))
                undo.removeAll()
                return "set_lines \(r) with \(new.count)"
            case 50..<58:
                let new = text(1 + rng.below(3))
                try buffer.append(new)
                if lines == [""] {
                    lines = new
                    marks.splice(start: Position(row: 0, col: 0), oldEnd: Position(row: 1, col: 0),
                                 newEnd: Position(row: new.count, col: 0))
                } else {
                    marks.splice(start: Position(row: lines.count, col: 0), oldEnd: Position(row: lines.count, col: 0),
                                 newEnd: Position(row: lines.count + new.count, col: 0))
                    lines += new
                }
                undo.removeAll()
                return "append \(new.count)"
            case 58..<70:
                guard let (sr, sc, er, ec, old) = undo.popLast() else { return "undo (none)" }
                try buffer.setText(sr, sc, er, ec, old)
                _ = shadowReplace(Position(row: sr, col: sc), Position(row: er, col: ec), old)
                return "undo \(sr),\(sc)-\(er),\(ec)"
            default:
                let s = position()
                let end: Position? = rng.chance(50) ? nil : max(s, position())
                let ns = NamespaceID(1 + rng.below(2))
                let rg = rng.chance(70), erg = rng.chance(30)
                _ = try buffer.extmarks.set(ns: ns, start: s, end: end, rightGravity: rg, endRightGravity: erg)
                _ = marks.set(ns: ns, id: nil, start: s, end: end, rightGravity: rg, endRightGravity: erg)
                return "mark at \(s)"
            }
        }

        func compare() -> String? {
            let problems = buffer.storage.checkInvariants() + buffer.extmarks.checkInvariants()
            if !problems.isEmpty { return "invariants: \(problems.prefix(3))" }
            if buffer.lines != lines { return "lines \(buffer.lines) vs \(lines)" }
            let got = buffer.extmarks.list(), want = marks.all
            if got != want { return "marks differ: \(got.prefix(4)) vs \(want.prefix(4))" }
            return nil
        }
    }

    @Test(arguments: [1, 2])
    func matchesShadowModels(run: Int) throws {
        let base = SplitMix64.seed()
        print("BufferRandomTests WEFT_SEED=\(base) (run \(run))")
        var driver = Driver(seed: base &+ UInt64(run))
        var events: [BufferChange] = []
        driver.buffer.onChange = { events.append($0) }
        var log: [String] = []
        for step in 0..<1200 {
            let tick = driver.buffer.tick
            let before = driver.lines.count
            events.removeAll()
            log.append(try driver.step())
            // Every text edit reports exactly one change with the new tick,
            // and its line counts add up (deleting every line leaves one
            // empty line, which the event does not count).
            if driver.buffer.tick != tick {
                let e = events.last
                if events.count != 1 || e?.tick != driver.buffer.tick
                    || e.map({ max(1, before - ($0.lastOld - $0.first) + ($0.lastNew - $0.first)) }) != driver.lines.count {
                    Issue.record("WEFT_SEED=\(base) run \(run) step \(step) \(log.last!): events \(events)")
                    return
                }
            }
            if let problem = driver.compare() {
                Issue.record("WEFT_SEED=\(base) run \(run) step \(step) after \(log.suffix(3)): \(problem)")
                return
            }
        }
    }
}
