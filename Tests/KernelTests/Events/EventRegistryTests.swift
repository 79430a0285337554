import Testing
@testable import Kernel

@Suite struct EventRegistryTests {
    struct Boom: Error, CustomStringConvertible { var description: String { "boom" } }

    /// A registry plus a log of which handler ran, by label.
    final class Log { var runs: [String] = [] }

    @discardableResult
    func add(_ r: EventRegistry, _ log: Log, _ label: String, events: [String] = ["e"],
             _ options: AutocmdOptions = AutocmdOptions(), returns: Bool = false) throws -> Int {
        try r.create(events: events, options: options) { _ in
            log.runs.append(label)
            return returns
        }
    }

    @Test func priorityThenRegistrationOrder() throws {
        let r = EventRegistry(), log = Log()
        try add(r, log, "a")
        try add(r, log, "b", AutocmdOptions(priority: 10))
        try add(r, log, "c")
        try add(r, log, "d", AutocmdOptions(priority: -5))
        try add(r, log, "e", AutocmdOptions(priority: 10))
        let res = r.emit(event: "e")
        #expect(log.runs == ["b", "e", "a", "c", "d"])
        #expect(res == EmitResult(consumed: false, errors: [], ran: 5))
        #expect(r.list(event: "e").map(\.priority) == [10, 10, 0, 0, -5])
    }

    @Test func payloadCarriesEverything() throws {
        let r = EventRegistry()
        var got: [EventPayload] = []
        let id = try r.create(events: ["buf_changed", "win_new"]) { got.append($0); return false }
        r.emit(event: "buf_changed", subject: "notes.md", data: .table(["first": 1]), buf: BufferID(2), win: WindowID(1000))
        r.emit(event: "win_new")
        #expect(got == [
            EventPayload(id: id, event: "buf_changed", data: .table(["first": 1]), buf: BufferID(2),
                         win: WindowID(1000), subject: "notes.md"),
            EventPayload(id: id, event: "win_new"),
        ])
        #expect(r.emit(event: "other") == EmitResult())
        #expect(r.hasHandlers("win_new") && !r.hasHandlers("other"))
    }

    @Test func consumingStopsLaterHandlers() throws {
        let r = EventRegistry(), log = Log()
        try add(r, log, "low", AutocmdOptions(priority: -1))
        try add(r, log, "eater", returns: true)
        try add(r, log, "high", AutocmdOptions(priority: 1))
        let res = r.emit(event: "e")
        #expect(res.consumed && res.ran == 2)
        #expect(log.runs == ["high", "eater"])
    }

    @Test func onceHandlersRunOnceEvenWhenTheyFail() throws {
        let r = EventRegistry(), log = Log()
        try add(r, log, "once", AutocmdOptions(once: true))
        try r.create(events: ["e"], options: AutocmdOptions(once: true, desc: "bad once")) { _ in throw Boom() }
        try add(r, log, "always")
        let first = r.emit(event: "e")
        #expect(first.errors.map(\.desc) == ["bad once"])
        r.emit(event: "e")
        #expect(log.runs == ["once", "always", "always"])
        #expect(r.count == 1)
    }

    @Test func onceHandlerOnSeveralEventsIsRemovedFromAll() throws {
        let r = EventRegistry(), log = Log()
        try add(r, log, "x", events: ["a", "b"], AutocmdOptions(once: true))
        r.emit(event: "a")
        r.emit(event: "b")
        #expect(log.runs == ["x"])
        #expect(r.list().isEmpty)
    }

    @Test func failingHandlersAreIsolatedAndReported() throws {
        let r = EventRegistry(), log = Log()
        var reported: [HandlerFailure] = []
        r.onError = { reported.append($0) }
        try add(r, log, "first", AutocmdOptions(priority: 2))
        let bad = try r.create(events: ["e"], options: AutocmdOptions(priority: 1, desc: "broken", owner: "plug.lua")) { _ in
            throw Boom()
        }
        let bad2 = try r.create(events: ["e"]) { _ in throw KernelError.invalidArgument("nope") }
        try add(r, log, "last", AutocmdOptions(priority: -1))
        let res = r.emit(event: "e")
        #expect(log.runs == ["first", "last"])
        #expect(!res.consumed && res.ran == 4)
        #expect(res.errors == [
            HandlerFailure(id: bad, event: "e", desc: "broken", owner: "plug.lua", message: "boom"),
            HandlerFailure(id: bad2, event: "e", message: "nope"),
        ])
        #expect(reported == res.errors)
        #expect(res.errors.first?.description == "autocmd \(bad) (broken, plug.lua) for 'e' failed: boom")
    }

    /// `hasHandlers(_:subject:)` remembers its last answer: every
    /// registration and removal must make it ask again.
    @Test func hasHandlersFollowsRegistrationsAndRemovals() throws {
        let r = EventRegistry(), log = Log()
        #expect(!r.hasHandlers(.bufChanged, subject: "notes.md"))
        let md = try add(r, log, "md", events: ["buf_changed"], AutocmdOptions(pattern: "*.md"))
        #expect(r.hasHandlers(.bufChanged, subject: "notes.md"))
        #expect(!r.hasHandlers(.bufChanged, subject: "notes.txt"))
        #expect(r.hasHandlers(.bufChanged, subject: "notes.md"))
        #expect(!r.hasHandlers(.bufChanged, subject: nil))
        try r.del(md)
        #expect(!r.hasHandlers(.bufChanged, subject: "notes.md"))
        try add(r, log, "once", events: ["buf_changed"], AutocmdOptions(once: true))
        #expect(r.hasHandlers(.bufChanged, subject: nil))
        r.emit(event: "buf_changed")
        #expect(log.runs == ["once"])
        #expect(!r.hasHandlers(.bufChanged, subject: nil), "a once handler is gone after it ran")
    }

    @Test func patternsMatchTheSubject() throws {
        let r = EventRegistry(), log = Log()
        try add(r, log, "md", AutocmdOptions(pattern: "*.md"))
        try add(r, log, "all")
        try add(r, log, "star", AutocmdOptions(pattern: "*"))
        try add(r, log, "win", AutocmdOptions(pattern: "win?"))
        r.emit(event: "e", subject: "a.md")
        r.emit(event: "e", subject: "win1")
        r.emit(event: "e")
        #expect(log.runs == ["md", "all", "star", "all", "star", "win", "all", "star"])
        #expect(throws: KernelError.self) { try r.create(events: ["e"], options: AutocmdOptions(pattern: "")) { _ in false } }
    }

    /// `hasHandlers(_:subject:)` is true exactly when `emit` would run a
    /// handler: buffer edits build `buf_changed` data only then.
    @Test func hasHandlersForASubjectFollowsPatterns() throws {
        let r = EventRegistry(), log = Log()
        #expect(!r.hasHandlers(.bufChanged, subject: "composer"))
        let id = try add(r, log, "composer", events: ["buf_changed"], AutocmdOptions(pattern: "composer"))
        #expect(r.hasHandlers(.bufChanged, subject: "composer"))
        #expect(!r.hasHandlers(.bufChanged, subject: "notes.md"))
        #expect(!r.hasHandlers(.bufChanged, subject: nil))
        #expect(r.emit(event: "buf_changed", subject: "notes.md").ran == 0)
        let any = try add(r, log, "any", events: ["buf_changed"])
        #expect(r.hasHandlers(.bufChanged, subject: "notes.md") && r.hasHandlers(.bufChanged, subject: nil))
        try r.del(any)
        #expect(!r.hasHandlers(.bufChanged, subject: "notes.md"))
        try r.del(id)
        #expect(!r.hasHandlers(.bufChanged, subject: "composer"))
        #expect(log.runs.isEmpty)
    }

    @Test func groupsAndClear() throws {
        let r = EventRegistry(), log = Log()
        #expect(throws: KernelError.self) { try add(r, log, "x", AutocmdOptions(group: "g")) }
        #expect(try r.group("g") == "g")
        #expect(throws: KernelError.self) { try r.group("") }
        try add(r, log, "g1", AutocmdOptions(group: "g"))
        try add(r, log, "g2", events: ["e", "f"], AutocmdOptions(group: "g"))
        try add(r, log, "free")
        try r.group("g")
        #expect(r.count == 3)
        try r.group("g", clear: true)
        #expect(r.count == 1)
        r.emit(event: "e")
        r.emit(event: "f")
        #expect(log.runs == ["free"])
        #expect(r.groupNames() == ["g"])
        try add(r, log, "again", AutocmdOptions(group: "g"))
        #expect(r.list().map(\.group) == [nil, "g"])
    }

    @Test func delAndListAndValidation() throws {
        let r = EventRegistry(), log = Log()
        let a = try add(r, log, "a", events: ["x", "y", "x"], AutocmdOptions(desc: "A", owner: "o"))
        let b = try add(r, log, "b", events: ["x"])
        #expect(r.list().map { "\($0.event):\($0.id)" } == ["x:\(a)", "x:\(b)", "y:\(a)"])
        #expect(r.list(event: "y") == [AutocmdInfo(id: a, event: "y", pattern: nil, group: nil, once: false,
                                                   priority: 0, desc: "A", owner: "o")])
        try r.del(a)
        #expect(throws: KernelError.notFound("no autocmd with id \(a)")) { try r.del(a) }
        #expect(r.list().map(\.id) == [b])
        #expect(throws: KernelError.self) { try r.create(events: [String]()) { _ in false } }
        #expect(throws: KernelError.self) { try r.create(events: ["ok", ""]) { _ in false } }
        #expect(try add(r, log, "c") == b + 1)
    }

    @Test func handlerDeletingItselfAndOthersDuringDispatch() throws {
        let r = EventRegistry(), log = Log()
        var selfID = 0, laterID = 0
        selfID = try r.create(events: ["e"], options: AutocmdOptions(priority: 3)) { _ in
            log.runs.append("self")
            try r.del(selfID)
            try r.del(laterID)
            return false
        }
        try add(r, log, "middle", AutocmdOptions(priority: 2))
        laterID = try add(r, log, "later", AutocmdOptions(priority: 1))
        r.emit(event: "e")
        r.emit(event: "e")
        #expect(log.runs == ["self", "middle", "middle"])
    }

    @Test func handlerAddingHandlersDuringDispatch() throws {
        let r = EventRegistry(), log = Log()
        try r.create(events: ["e"]) { _ in
            log.runs.append("adder")
            try self.add(r, log, "added", AutocmdOptions(priority: 100))
            return false
        }
        r.emit(event: "e")
        #expect(log.runs == ["adder"])
        r.emit(event: "e")
        #expect(log.runs == ["adder", "added", "adder"])
        #expect(r.count == 3)
    }

    @Test func nestedEmitsWorkAndRunawayRecursionStops() throws {
        let r = EventRegistry(), log = Log()
        try r.create(events: ["outer"]) { _ in
            log.runs.append("outer")
            r.emit(event: "inner")
            return false
        }
        try add(r, log, "inner", events: ["inner"], AutocmdOptions(once: true))
        r.emit(event: "outer")
        r.emit(event: "outer")
        #expect(log.runs == ["outer", "inner", "outer"])

        var depth = 0, failures: [HandlerFailure] = []
        r.maxNesting = 5
        r.onError = { failures.append($0) }
        try r.create(events: ["loop"]) { _ in
            depth += 1
            r.emit(event: "loop")
            return false
        }
        r.emit(event: "loop")
        #expect(depth == 5)
        #expect(failures.count == 1 && failures.first?.id == nil)
    }
}
