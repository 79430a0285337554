import Foundation
import Glibc
import Kernel
import Testing
@testable import Chat

/// A full disk, a failing write and a torn line must never cost a record
/// written afterwards (docs/reliability.md: data loss on a full disk).
@Suite struct SessionFaultTests {
    private func withStore(_ body: (SessionStore) throws -> Void) rethrows {
        let dir = ccTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try body(SessionStore(root: dir + "/state/weft/sessions"))
    }

    /// A write call that writes `budget` bytes in total, then fails with ENOSPC.
    final class Disk: @unchecked Sendable {
        var budget: Int
        init(budget: Int) { self.budget = budget }
        func write(_ fd: Int32, _ p: UnsafeRawPointer?, _ n: Int) -> Int {
            guard budget > 0 else { errno = ENOSPC; return -1 }
            let k = min(n, budget)
            budget -= k
            return Glibc.write(fd, p, k)
        }
    }

    @Test func aFailedWriteLeavesWholeLinesAndTheNextRecordLoads() throws {
        try withStore { store in
            let writer = try store.create()
            let first = SessionRecord.message(.user, "before the disk filled", time: 1)
            try writer.append(first)
            // The disk fills in the middle of the next record: the write fails...
            let disk = Disk(budget: 17)
            writer.writeCall = { disk.write($0, $1, $2) }
            #expect(throws: SessionError.self) {
                try writer.append(SessionRecord.message(.assistant, String(repeating: "lost reply ", count: 50), time: 2))
            }
            // ...and leaves no torn line behind.
            let text = try String(contentsOfFile: writer.path, encoding: .utf8)
            #expect(text == first.jsonLine + "\n")
            // Space returns: the next prompt is written and loads.
            disk.budget = .max
            let prompt = SessionRecord.message(.user, "after the disk had room again", time: 3)
            try writer.append(prompt)
            let loaded = try store.load(writer.id)
            #expect(loaded.records == [first, prompt])
            #expect(loaded.warnings.isEmpty)
        }
    }

    @Test func whenTheCutFailsTooTheNextRecordStartsOnANewLine() throws {
        try withStore { store in
            let writer = try store.create()
            let one = SessionRecord.message(.user, "one", time: 1)
            try writer.append(one)
            let disk = Disk(budget: 9)
            writer.writeCall = { disk.write($0, $1, $2) }
            writer.truncateCall = { _, _ in errno = EIO; return -1 }
            #expect(throws: SessionError.self) { try writer.append(SessionRecord.message(.user, "two", time: 2)) }
            let torn = try String(contentsOfFile: writer.path, encoding: .utf8)
            #expect(!torn.hasSuffix("\n"), "the torn line stays (the cut failed)")
            disk.budget = .max
            let three = SessionRecord.message(.user, "three", time: 3)
            try writer.append(three)
            let loaded = try store.load(writer.id)
            #expect(loaded.records == [one, three])
            #expect(loaded.warnings.count == 1, "the torn line is skipped: \(loaded.warnings)")
        }
    }

    @Test func aRecordGluedToATornOneIsRecovered() {
        let one = SessionRecord.message(.user, "one", time: 1)
        let two = SessionRecord.message(.user, "two {\"kind\": not a record}", time: 2)
        let data = Data((one.jsonLine + "\n" + "{\"kind\":\"message\",\"role\":\"assis" + two.jsonLine + "\n").utf8)
        let loaded = SessionStore.parse(id: "x", data: data)
        #expect(loaded.records == [one, two])
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings.first?.contains("cut-off record skipped") == true)
    }

    @Test func aRealFullFilesystemKeepsWholeLines() throws {
        // A 64 KiB tmpfs, when this machine lets us mount one (root in CI).
        let dir = ccTempDir() + "/tiny"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { _ = umount(dir); try? FileManager.default.removeItem(atPath: dir) }
        guard mount("tmpfs", dir, "tmpfs", 0, "size=64k") == 0 else {
            print("SessionFaultTests: cannot mount a tmpfs here (\(String(cString: strerror(errno)))): covered by the write seam")
            return
        }
        let store = SessionStore(root: dir + "/sessions")
        let writer = try store.create()
        var written: [SessionRecord] = []
        var failures = 0
        for i in 0..<400 {
            let r = SessionRecord.message(i % 2 == 0 ? .user : .assistant, String(repeating: "x", count: 700) + " \(i)", time: Double(i))
            do { try writer.append(r); written.append(r) } catch { failures += 1 }
        }
        #expect(failures > 0, "the disk filled")
        let text = try String(contentsOfFile: writer.path, encoding: .utf8)
        #expect(text.isEmpty || text.hasSuffix("\n"), "no torn line at the end")
        // Room again: delete a file that fills it (none here) -> remount bigger.
        _ = mount("tmpfs", dir, "tmpfs", UInt(MS_REMOUNT), "size=1m")
        let after = SessionRecord.message(.user, "after", time: 999)
        try writer.append(after)
        let loaded = try store.load(writer.id)
        #expect(loaded.records == written + [after])
        #expect(loaded.warnings.isEmpty)
    }
}
