import Foundation
import Kernel
import Testing
@testable import Chat

@Suite struct SessionStoreTests {
    private func withStore(_ body: (SessionStore) throws -> Void) rethrows {
        let dir = ccTempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try body(SessionStore(root: dir + "/state/weft/sessions"))
    }

    @Test func appendLoadRoundTrip() throws {
        try withStore { store in
            let writer = try store.create()
            let call = ToolCallRequest(id: "c1", name: "read_file", arguments: #"{"path":"README.md"}"#)
            let records = [
                SessionRecord(kind: .meta, time: 1, meta: ["model": "mock-1", "cwd": "/tmp"]),
                SessionRecord.message(.user, "read the readme\nplease", time: 2),
                SessionRecord(kind: .message, role: .assistant, text: "Let me read it.", thinking: "hmm",
                              toolCalls: [call], time: 3),
                SessionRecord(kind: .message, role: .tool, text: "# weft\n", toolCallID: "c1", toolName: "read_file",
                              isError: false, time: 4),
                SessionRecord(kind: .message, role: .assistant, text: "It has **1 line** 😀 漢字", time: 5.25),
            ]
            for r in records { try writer.append(r) }
            try writer.sync()
            writer.close()
            #expect(throws: SessionError.self) { try writer.append(records[0]) }
            let loaded = try store.load(writer.id)
            #expect(loaded.records == records)
            #expect(loaded.warnings.isEmpty)
            let text = try String(contentsOfFile: writer.path, encoding: .utf8)
            #expect(text.split(separator: "\n").count == 5)
            #expect(text.hasSuffix("\n"))
        }
    }

    @Test func partialsAreSupersededOrBecomeInterrupted() throws {
        try withStore { store in
            let id = "s1"
            try store.append(.message(.user, "first", time: 1), to: id)
            try store.append(SessionRecord(kind: .partial, role: .assistant, text: "Hel", time: 2), to: id)
            try store.append(SessionRecord(kind: .partial, role: .assistant, text: "Hello wor", time: 3), to: id)
            try store.append(.message(.assistant, "Hello world", time: 4), to: id)
            try store.append(.message(.user, "second", time: 5), to: id)
            try store.append(SessionRecord(kind: .partial, role: .assistant, text: "Cut", time: 6), to: id)
            try store.append(SessionRecord(kind: .partial, role: .assistant, text: "Cut off", time: 7), to: id)
            let loaded = try store.load(id)
            #expect(loaded.records.map(\.text) == ["first", "Hello world", "second", "Cut off"])
            #expect(loaded.records.map(\.kind) == [.message, .message, .message, .message])
            #expect(loaded.records.map(\.interrupted) == [false, false, false, true])
            #expect(loaded.records.last?.role == .assistant)
            // A partial followed by a new user message is interrupted too.
            try store.append(.message(.user, "third", time: 8), to: id)
            #expect(try store.load(id).records.map(\.interrupted) == [false, false, false, true, false])
        }
    }

    /// One writer: the finished reply replaces its partial snapshots in the
    /// file; a record in between (meta, a user message) keeps what it follows.
    @Test func finishedReplyReplacesItsPartialsInTheFile() throws {
        try withStore { store in
            let w = try store.create()
            try w.append(.message(.user, "first", time: 1))
            try w.append(SessionRecord(kind: .partial, role: .assistant, text: "Hel", time: 2))
            try w.append(SessionRecord(kind: .partial, role: .assistant, text: "Hello wor", time: 3))
            try w.append(.message(.assistant, "Hello world", time: 4))
            var lines = try String(contentsOfFile: w.path, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 2)
            // A meta record between partials stays; the partial before it is
            // still folded by the loader.
            try w.append(.message(.user, "second", time: 5))
            try w.append(SessionRecord(kind: .partial, role: .assistant, text: "A", time: 6))
            try w.append(SessionRecord(kind: .meta, time: 7, meta: ["model": "m2"]))
            try w.append(SessionRecord(kind: .partial, role: .assistant, text: "AB", time: 8))
            try w.append(.message(.assistant, "ABC", time: 9))
            lines = try String(contentsOfFile: w.path, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 6)
            // An interrupted reply (partial, then the next user message) is kept.
            try w.append(SessionRecord(kind: .partial, role: .assistant, text: "Cut", time: 10))
            try w.append(.message(.user, "third", time: 11))
            try w.append(.message(.assistant, "ok", time: 12))
            let loaded = try store.load(w.id)
            #expect(loaded.records.map(\.text) == ["first", "Hello world", "second", "", "ABC", "Cut", "third", "ok"])
            #expect(loaded.records.map(\.interrupted) == [false, false, false, false, false, true, false, false])
        }
    }

    @Test func corruptAndTruncatedLinesAreSkippedWithWarnings() throws {
        try withStore { store in
            let writer = try store.create(id: "broken")
            try writer.append(.message(.user, "hello", time: 1))
            writer.close()
            var text = try String(contentsOfFile: writer.path, encoding: .utf8)
            text += "this is not json\n"
            text += #"{"kind":"message"}"# + "\n"
            text += #"{"kind":"weird","role":"user"}"# + "\n"
            text += "\u{FF}\u{FE}garbage\n\n"
            text += SessionRecord.message(.assistant, "hi there", time: 2).jsonLine + "\n"
            text += #"{"kind":"message","role":"user","text":"cut mid-wr"#
            try text.write(toFile: writer.path, atomically: false, encoding: .utf8)
            let loaded = try store.load("broken")
            #expect(loaded.records.map(\.text) == ["hello", "hi there"])
            #expect(loaded.warnings.count == 5)
            #expect(loaded.warnings.first?.hasPrefix("line 2: corrupt line skipped") == true)
            #expect(loaded.warnings.last?.hasPrefix("line 8: truncated line skipped") == true)
            // Reopening after a crash ends the cut-off line first.
            let again = try store.writer(for: "broken")
            try again.append(.message(.user, "after crash", time: 3))
            again.close()
            let reloaded = try store.load("broken")
            #expect(reloaded.records.map(\.text) == ["hello", "hi there", "after crash"])
            #expect(reloaded.warnings.count == 5)
            #expect(reloaded.warnings.last?.contains("corrupt") == true)
        }
    }

    @Test func listOrderTitlesAndLatest() throws {
        try withStore { store in
            #expect(store.list().isEmpty)
            #expect(store.latest() == nil)
            try store.append(.message(.user, "  Old question\nsecond line", time: 1), to: "a-old")
            try store.append(.message(.assistant, "answer", time: 2), to: "a-old")
            try store.append(.message(.user, String(repeating: "long ", count: 30), time: 1), to: "b-mid")
            try store.append(SessionRecord(kind: .meta, meta: ["title": "Named session"]), to: "c-new")
            try store.append(SessionRecord(kind: .meta, meta: ["model": "m"]), to: "d-empty")
            let now = Date()
            for (id, age) in [("a-old", 300.0), ("b-mid", 200), ("c-new", 10), ("d-empty", 100)] {
                try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-age)],
                                                      ofItemAtPath: try store.path(for: id))
            }
            #expect(FileManager.default.createFile(atPath: store.root + "/ignored.txt", contents: Data("x".utf8)))
            let list = store.list()
            #expect(list.map(\.id) == ["c-new", "d-empty", "b-mid", "a-old"])
            #expect(list.map(\.title) == ["Named session", "(empty)", String(repeating: "long ", count: 11) + "long…", "Old question"])
            #expect(list.map(\.messageCount) == [0, 0, 1, 2])
            #expect(list.last?.title.count == 12)
            #expect(store.latest()?.id == "c-new")
        }
    }

    @Test func latestOfAProjectAndPrintSessions() throws {
        try withStore { store in
            try store.append(SessionRecord(kind: .meta, meta: ["cwd": "/p/sub", "project": "/p"]), to: "a-p")
            try store.append(SessionRecord(kind: .meta, meta: ["cwd": "/p", "project": "/p", "print": .bool(true)]), to: "b-print")
            try store.append(SessionRecord(kind: .meta, meta: ["cwd": "/q/x"]), to: "c-old-q")
            try store.append(SessionRecord(kind: .meta, meta: ["cwd": "/other"]), to: "d-other")
            let now = Date()
            for (id, age) in [("a-p", 400.0), ("b-print", 300), ("c-old-q", 200), ("d-other", 100)] {
                try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-age)],
                                                      ofItemAtPath: try store.path(for: id))
            }
            #expect(store.latest()?.id == "d-other")
            #expect(store.latest(project: "/p")?.id == "b-print")
            #expect(store.latest(project: "/p", includePrint: false)?.id == "a-p")
            // Older sessions have no project: their cwd is inside the root.
            #expect(store.latest(project: "/q")?.id == "c-old-q")
            #expect(store.latest(project: "/none") == nil)
            let list = store.list()
            #expect(list.filter(\.isPrint).map(\.id) == ["b-print"])
            #expect(list.first { $0.id == "a-p" }?.cwd == "/p/sub")
        }
    }

    @Test func idsPathsAndRoots() throws {
        let store = SessionStore(root: "/x")
        #expect(try store.path(for: "20261121-225247-abc123") == "/x/20261121-225247-abc123.jsonl")
        for bad in ["", "../etc/passwd", "a/b", "a b", "é"] {
            #expect(throws: SessionError.invalidID(bad)) { try store.path(for: bad) }
        }
        #expect(throws: SessionError.notFound("nope")) { try SessionStore(root: ccTempDir()).load("nope") }
        let id = SessionStore.makeID(date: Date(timeIntervalSince1970: 0))
        #expect(id.hasPrefix("19700101-000000-"))
        #expect(id.count == 22)
        #expect(SessionStore.makeID() != SessionStore.makeID())
        #expect(SessionStore.defaultRoot(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/weft/sessions")
        #expect(SessionStore.defaultRoot(environment: ["XDG_STATE_HOME": "rel", "HOME": "/h"]) == "/h/.local/state/weft/sessions")
        #expect(SessionStore.defaultRoot(environment: ["HOME": "/h"]) == "/h/.local/state/weft/sessions")
    }

    @Test func createMakesDirectoryAndFreshIDs() throws {
        try withStore { store in
            let a = try store.create()
            let b = try store.create()
            #expect(a.id != b.id)
            #expect(store.exists(a.id))
            #expect(!store.exists("missing"))
            #expect(throws: SessionError.notFound("missing")) { try store.writer(for: "missing") }
            try a.append(SessionRecord(kind: .partial, role: .assistant, text: "p"))
            #expect(try store.load(a.id).records.first?.interrupted == true)
        }
    }
}

@Suite struct SessionBridgeTests {
    @Test func recordsBridgeToProviderMessages() throws {
        let call = ToolCallRequest(id: "c", name: "run_command", arguments: #"{"command":"ls"}"#)
        let messages = [
            ProviderMessage(role: .user, content: "run ls"),
            ProviderMessage(role: .assistant, content: "", toolCalls: [call]),
            ProviderMessage(role: .tool, content: "a\n[exit code: 0]", toolCallID: "c"),
        ]
        var text = SessionRecord(kind: .meta, meta: ["title": "t"]).jsonLine + "\n"
        for m in messages { text += SessionRecord(message: m, time: 1).jsonLine + "\n" }
        text += SessionRecord(kind: .partial, role: .assistant, text: "Done, the out").jsonLine + "\n"
        let loaded = SessionStore.parse(id: "x", data: Data(text.utf8))
        #expect(loaded.providerMessages == messages + [ProviderMessage(role: .assistant, content: "Done, the out")])
    }
}
