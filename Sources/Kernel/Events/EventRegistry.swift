/// The autocmd registry: handlers keyed by event name, run in priority order
/// when an event is emitted.
///
/// ```swift
/// let events = EventRegistry()
/// let id = try events.create(events: ["buf_changed"],
///                            options: AutocmdOptions(pattern: "*.md")) { ev in
///     print(ev.data)
///     return false            // true would consume the event
/// }
/// let r = events.emit(event: "buf_changed", subject: "notes.md", data: .table(["first": 0]))
/// ```
///
/// Dispatch works on a snapshot of the event's handlers, so a handler may
/// delete itself or others, register new handlers (they run from the next
/// emission) or emit events (nesting is limited to ``maxNesting``). A deleted
/// handler that has not run yet in the current dispatch is skipped.
public final class EventRegistry {
    /// A registered handler. A class so that deletion during a dispatch is
    /// visible to the snapshot being iterated.
    final class Handler {
        let id: Int
        let events: [String]
        let options: AutocmdOptions
        let glob: Glob?
        let callback: (EventPayload) throws -> Bool
        var deleted = false

        init(id: Int, events: [String], options: AutocmdOptions,
             callback: @escaping (EventPayload) throws -> Bool) {
            self.id = id
            self.events = events
            self.options = options
            self.glob = options.pattern.map(Glob.init)
            self.callback = callback
        }
    }

    /// Called once per failing handler (the kernel routes it to the message
    /// area and the log). Failures are also returned in ``EmitResult/errors``.
    public var onError: ((HandlerFailure) -> Void)?
    /// The deepest allowed nesting of `emit` calls from inside handlers; a
    /// deeper emit runs no handler and reports a failure.
    public var maxNesting = 32

    /// Per event, handlers in dispatch order (priority descending, then id).
    /// Not checked for exclusivity at run time: every buffer edit asks
    /// `hasHandlers`; handlers run on a copy of their list, so no access
    /// overlaps a registration.
    @exclusivity(unchecked) private var byEvent: [String: [Handler]] = [:] {
        didSet { lastAnswer = nil }
    }
    /// The question `hasHandlers(_:subject:)` answered last, and its
    /// answer: every buffer edit asks the same one, and hashing the event
    /// name and matching patterns cost more than a one-line append. Cleared
    /// by every registration and removal (each replaces a list of
    /// `byEvent`), so it never misses a handler.
    @exclusivity(unchecked) private var lastAnswer: (event: EventName, subject: String?, answer: Bool)?
    private var byID: [Int: Handler] = [:]
    private var groups: Set<String> = []
    private var nextID = 1
    private var depth = 0

    /// Creates an empty registry.
    public init() {}

    /// The number of registered handlers.
    public var count: Int { byID.count }

    /// Registers `callback` for each event in `events` and returns its id
    /// (ids start at 1 and are never reused). The callback returns true to
    /// consume the event.
    /// - Throws: `KernelError.invalidArgument` for an empty event list or
    ///   name, or an empty pattern; `KernelError.notFound` for a group that
    ///   was not created with ``group(_:clear:)``.
    @discardableResult
    public func create(events: [String], options: AutocmdOptions = AutocmdOptions(),
                       callback: @escaping (EventPayload) throws -> Bool) throws -> Int {
        guard !events.isEmpty else { throw KernelError.invalidArgument("autocmd needs at least one event") }
        if events.contains(where: \.isEmpty) { throw KernelError.invalidArgument("autocmd event name is empty") }
        if options.pattern == "" { throw KernelError.invalidArgument("autocmd pattern is empty (omit it to match everything)") }
        if let g = options.group, !groups.contains(g) {
            throw KernelError.notFound("unknown autocmd group '\(g)' (create it with autocmd.group first)")
        }
        var unique: [String] = []
        for e in events where !unique.contains(e) { unique.append(e) }
        let h = Handler(id: nextID, events: unique, options: options, callback: callback)
        nextID += 1
        byID[h.id] = h
        for e in unique { insert(h, into: e) }
        return h.id
    }

    /// Deletes handler `id`.
    /// - Throws: `KernelError.notFound` when no handler has this id.
    public func del(_ id: Int) throws {
        guard let h = byID[id] else { throw KernelError.notFound("no autocmd with id \(id)") }
        remove(h)
    }

    /// Creates the group `name` if needed and returns its name; with `clear`,
    /// deletes every handler in it.
    /// - Throws: `KernelError.invalidArgument` for an empty name.
    @discardableResult
    public func group(_ name: String, clear: Bool = false) throws -> String {
        guard !name.isEmpty else { throw KernelError.invalidArgument("autocmd group name is empty") }
        groups.insert(name)
        if clear {
            for h in byID.values.sorted(by: { $0.id < $1.id }) where h.options.group == name { remove(h) }
        }
        return name
    }

    /// The names of all groups, sorted.
    public func groupNames() -> [String] { groups.sorted() }

    /// Handlers for `event` (all events when nil), one entry per (event,
    /// handler), by event name then dispatch order.
    public func list(event: String? = nil) -> [AutocmdInfo] {
        let names = event.map { [$0] } ?? byEvent.keys.sorted()
        return names.flatMap { e in
            (byEvent[e] ?? []).map { h in
                AutocmdInfo(id: h.id, event: e, pattern: h.options.pattern, group: h.options.group,
                            once: h.options.once, priority: h.options.priority,
                            desc: h.options.desc, owner: h.options.owner)
            }
        }
    }

    /// Whether any handler listens to `event` (a cheap check before building
    /// an expensive payload).
    public func hasHandlers(_ event: String) -> Bool { byEvent[event]?.isEmpty == false }

    /// Whether any handler listens to `event`.
    public func hasHandlers(_ event: EventName) -> Bool { hasHandlers(event.rawValue) }

    /// Whether `emit(event:subject:...)` would run any handler: a live one
    /// whose pattern matches `subject`. Emitters on hot paths (every buffer
    /// edit) build their event data only when this is true.
    public func hasHandlers(_ event: EventName, subject: String?) -> Bool {
        if let last = lastAnswer, last.event == event, last.subject == subject { return last.answer }
        let answer: Bool
        if let list = byEvent[event.rawValue], !list.isEmpty {
            answer = list.contains { !$0.deleted && matches($0, subject) }
        } else {
            answer = false
        }
        lastAnswer = (event, subject, answer)
        return answer
    }

    /// Registers `callback` for the named events (see
    /// ``create(events:options:callback:)``, which takes any names).
    /// - Throws: as ``create(events:options:callback:)``.
    @discardableResult
    public func create(events: [EventName], options: AutocmdOptions = AutocmdOptions(),
                       callback: @escaping (EventPayload) throws -> Bool) throws -> Int {
        try create(events: events.map(\.rawValue), options: options, callback: callback)
    }

    /// Runs the handlers of `event` whose pattern matches `subject`, highest
    /// priority first, until one returns true. A throwing handler is recorded
    /// in ``EmitResult/errors`` (and passed to ``onError``) and the others
    /// still run; `once` handlers are removed before they run.
    @discardableResult
    public func emit(event: String, subject: String? = nil, data: Value = .null,
                     buf: BufferID? = nil, win: WindowID? = nil) -> EmitResult {
        guard let snapshot = byEvent[event], !snapshot.isEmpty else { return EmitResult() }
        guard depth < maxNesting else {
            let f = HandlerFailure(id: nil, event: event,
                                   message: "events nested more than \(maxNesting) deep; '\(event)' not dispatched")
            onError?(f)
            return EmitResult(errors: [f])
        }
        depth += 1
        defer { depth -= 1 }
        var result = EmitResult()
        for h in snapshot where !h.deleted && matches(h, subject) {
            if h.options.once { remove(h) }
            result.ran += 1
            let payload = EventPayload(id: h.id, event: event, data: data, buf: buf, win: win, subject: subject)
            do {
                if try h.callback(payload) {
                    result.consumed = true
                    break
                }
            } catch {
                let f = HandlerFailure(id: h.id, event: event, desc: h.options.desc,
                                       owner: h.options.owner, message: Self.message(error))
                result.errors.append(f)
                onError?(f)
            }
        }
        return result
    }

    // MARK: - Storage

    private func matches(_ h: Handler, _ subject: String?) -> Bool {
        guard let glob = h.glob else { return true }
        return glob.matches(subject ?? "")
    }

    /// Inserts `h` after every handler of equal or higher priority.
    private func insert(_ h: Handler, into event: String) {
        var list = byEvent[event] ?? []
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid].options.priority >= h.options.priority { lo = mid + 1 } else { hi = mid }
        }
        list.insert(h, at: lo)
        byEvent[event] = list
    }

    private func remove(_ h: Handler) {
        h.deleted = true
        byID[h.id] = nil
        for e in h.events {
            var list = byEvent[e] ?? []
            list.removeAll { $0 === h }
            byEvent[e] = list.isEmpty ? nil : list
        }
    }

    /// The message of an error (its `description` when it has one).
    static func message(_ error: Error) -> String {
        String(describing: error)
    }
}
