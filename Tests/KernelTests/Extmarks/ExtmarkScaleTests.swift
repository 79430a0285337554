#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import Kernel

/// Thread CPU time in milliseconds (less disturbed by other processes than
/// wall time on a busy machine).
private func cpuMilliseconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
}

/// Runs `body` and returns the thread CPU time it took, in milliseconds.
private func cpuTime(_ body: () throws -> Void) rethrows -> Double {
    let start = cpuMilliseconds()
    try body()
    return cpuMilliseconds() - start
}

/// 100k marks in one buffer: correctness at scale, with timings printed
/// (`extmark.insert_100k`, `extmark.edit_shift`; meaningful in release:
/// `swift test -c release -Xswiftc -enable-testing --filter ExtmarkScaleTests`).
@Suite(.serialized) struct ExtmarkScaleTests {
    static let n = 100_000
    let ns = NamespaceID(1)

    @Test func topInsertsShiftEveryMark() throws {
        let s = ExtmarkStore()
        let insert = try cpuTime {
            for row in 0..<Self.n { try s.set(ns: ns, start: mp(row, row % 7)) }
        }
        let edits = 1000
        let shift = cpuTime {
            for _ in 0..<edits { s.splice(start: mp(0, 0), oldEnd: mp(0, 0), newEnd: mp(1, 0)) }
        }
        print("extmark.insert_100k (increasing rows): \(insert) ms CPU; "
              + "extmark.edit_shift: \(shift * 1000 / Double(edits)) us/edit CPU")
        let marks = s.list()
        #expect(marks.count == Self.n)
        let wrong = marks.filter { $0.start != mp($0.id - 1 + edits, ($0.id - 1) % 7) }
        #expect(wrong.isEmpty, "first wrong: \(String(describing: wrong.first))")
        #expect(s.checkInvariants() == [])

        let deletes = cpuTime {
            for _ in 0..<edits { s.splice(start: mp(0, 0), oldEnd: mp(1, 0), newEnd: mp(0, 0)) }
        }
        print("extmark line delete at top: \(deletes * 1000 / Double(edits)) us/edit CPU")
        #expect(s.get(ns: ns, id: 1)?.start == mp(0, 0))
        #expect(s.get(ns: ns, id: 500)?.start == mp(499, 499 % 7))
        #expect(s.checkInvariants() == [])
    }

    @Test func randomRowsAndBulkDelete() throws {
        var rng = ExtmarkRNG(seed: 42)
        let s = ExtmarkStore()
        var rows: [Int] = []
        let insert = try cpuTime {
            for _ in 0..<Self.n {
                let row = Int.random(in: 0..<Self.n, using: &rng)
                rows.append(row)
                try s.set(ns: ns, start: mp(row, 0), end: row % 10 == 0 ? mp(row + 3, 0) : nil)
            }
        }
        print("extmark.insert_100k (random rows): \(insert) ms CPU")
        let marks = s.list()
        #expect(marks.count == Self.n)
        #expect(zip(marks, marks.dropFirst()).allSatisfy { !ExtmarkStore.ordered($1, $0) })
        #expect(marks.allSatisfy { $0.start.row == rows[$0.id - 1] })
        #expect(s.checkInvariants() == [])

        for id in stride(from: 1, through: Self.n, by: 2) { s.delete(ns: ns, id: id) }
        #expect(s.count == Self.n / 2)
        #expect(s.get(ns: ns, id: 2)?.start.row == rows[1])
        #expect(s.list(rows: 5000..<5010, overlap: true).allSatisfy { ($0.end ?? $0.start).row >= 5000 })
        #expect(s.checkInvariants() == [])
    }
}
