import Chat
import Foundation
import Kernel

// Session file loading (`--continue`, `--resume`, `/sessions`).
//
// Input: the bytes of a session file. Loading must not crash and must say
// what it skipped; every loaded record must survive being written and read
// again; and a record appended the way the writer appends (after ending a
// cut-off last line) must always load, whatever came before it: nothing the
// user says after a crash or a full disk may be lost.

public func fuzzSession(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var r = FuzzReader(data, size)
    let bytes = r.rest()
    let load = SessionStore.parse(id: "fuzz", data: Data(bytes))
    for record in load.records {
        let line = record.jsonLine
        fuzzCheck(!line.contains("\n"), "a record's line holds a newline: \(line)")
        guard let again = try? SessionRecord(jsonLine: line) else {
            fuzzCheck(false, "a loaded record does not load again: \(line)")
            return 0
        }
        fuzzCheck(again.jsonLine == line, "record changed on a round trip: \(line) -> \(again.jsonLine)")
    }

    // The writer ends a cut-off line before appending.
    let prompt = SessionRecord.message(.user, "after the crash", time: 1)
    var file = bytes
    if let last = file.last, last != 0x0A { file.append(0x0A) }
    file += Array((prompt.jsonLine + "\n").utf8)
    let after = SessionStore.parse(id: "fuzz", data: Data(file))
    fuzzCheck(after.records.last == prompt, "a record appended after \(fuzzDescribe(bytes)) was lost: \(after.records.last.map { "\($0)" } ?? "none")")
    fuzzCheck(after.records.count >= load.records.count, "appending lost earlier records")
    return 0
}
