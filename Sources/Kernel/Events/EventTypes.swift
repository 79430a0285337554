/// What an autocmd callback receives (Lua gets `{id=, event=, data=, buf=, win=}`).
public struct EventPayload: Hashable, Sendable {
    /// The id of the handler being called.
    public var id: Int
    /// The event name (`"buf_changed"`, `"resize"`, a user event...).
    public var event: String
    /// Event-specific data (a table for most kernel events; `.null` if none).
    public var data: Value
    /// The buffer the event concerns, if any.
    public var buf: BufferID?
    /// The window the event concerns, if any.
    public var win: WindowID?
    /// The string patterns are matched against (buffer or window name,
    /// command name...), if any.
    public var subject: String?

    /// Creates a payload.
    public init(id: Int, event: String, data: Value = .null, buf: BufferID? = nil,
                win: WindowID? = nil, subject: String? = nil) {
        self.id = id
        self.event = event
        self.data = data
        self.buf = buf
        self.win = win
        self.subject = subject
    }
}

/// Options for ``EventRegistry/create(events:options:callback:)``.
public struct AutocmdOptions: Hashable, Sendable {
    /// A glob (`*`, `?`) matched against the event's subject; nil matches
    /// every emission. A pattern never matches an emission without subject,
    /// except `*`.
    public var pattern: String?
    /// The group the handler belongs to (must exist: see ``EventRegistry/group(_:clear:)``).
    public var group: String?
    /// Remove the handler after its first run (whether it succeeds or fails).
    public var once: Bool
    /// Higher runs first; equal priorities run in registration order.
    public var priority: Int
    /// A description shown in listings and error reports.
    public var desc: String?
    /// Who registered the handler (file or plugin name).
    public var owner: String?

    /// Creates options; every field is optional.
    public init(pattern: String? = nil, group: String? = nil, once: Bool = false,
                priority: Int = 0, desc: String? = nil, owner: String? = nil) {
        self.pattern = pattern
        self.group = group
        self.once = once
        self.priority = priority
        self.desc = desc
        self.owner = owner
    }
}

/// One (event, handler) pair as listed by ``EventRegistry/list(event:)``.
public struct AutocmdInfo: Hashable, Sendable {
    /// The handler id.
    public var id: Int
    /// The event name.
    public var event: String
    /// The subject pattern, if any.
    public var pattern: String?
    /// The group, if any.
    public var group: String?
    /// Whether it runs only once.
    public var once: Bool
    /// Its priority.
    public var priority: Int
    /// Its description.
    public var desc: String?
    /// Who registered it.
    public var owner: String?
}

/// A handler that threw during ``EventRegistry/emit(event:subject:data:buf:win:)``.
public struct HandlerFailure: Hashable, Sendable, CustomStringConvertible {
    /// The failing handler's id (nil when the failure is not one handler's,
    /// e.g. events nested too deeply).
    public var id: Int?
    /// The event being dispatched.
    public var event: String
    /// The handler's description.
    public var desc: String?
    /// The handler's owner.
    public var owner: String?
    /// The error's message.
    public var message: String

    /// Creates a failure record.
    public init(id: Int?, event: String, desc: String? = nil, owner: String? = nil, message: String) {
        self.id = id
        self.event = event
        self.desc = desc
        self.owner = owner
        self.message = message
    }

    /// `autocmd 3 (desc, owner) for 'event' failed: message`.
    public var description: String {
        let who = [desc, owner].compactMap { $0 }.joined(separator: ", ")
        let idText = id.map { "autocmd \($0)" } ?? "autocmd"
        return "\(idText)\(who.isEmpty ? "" : " (\(who))") for '\(event)' failed: \(message)"
    }
}

/// The outcome of one emission.
public struct EmitResult: Hashable, Sendable {
    /// Whether a handler returned true: later handlers did not run and the
    /// event's default action should be skipped.
    public var consumed: Bool
    /// The handlers that threw, in the order they ran.
    public var errors: [HandlerFailure]
    /// How many handlers ran (including failing ones).
    public var ran: Int

    /// Creates a result.
    public init(consumed: Bool = false, errors: [HandlerFailure] = [], ran: Int = 0) {
        self.consumed = consumed
        self.errors = errors
        self.ran = ran
    }
}
