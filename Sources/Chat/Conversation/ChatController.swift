import Dispatch
import Foundation
import Kernel

/// The conversation engine: holds the chat model, drives the provider, runs
/// the tool loop with approvals, persists to the session file, and reports
/// every step as an event. It owns no window; `ChatUI` shows what it does.
///
/// Threading: providers and tools run off the main thread and hand results
/// back through `MainLoop.post`; everything here runs on the loop's thread.
public final class ChatController {
    /// Where the conversation is.
    public enum State: Equatable {
        case idle
        case streaming
        case runningTools
        case awaitingApproval
        case failed(String)
    }

    public let editor: Editor
    let loop: MainLoop
    public var provider: Provider
    public let tools: ToolRegistry
    public let store: SessionStore
    public internal(set) var sessionID: String?
    var writer: SessionWriter?
    public var cwd: String
    /// Extra text for the system prompt (after weft's own and the `AGENTS.md` files).
    public var systemPrompt: String?
    /// The coding agent's state: permission mode, project, instructions,
    /// files seen, checkpoints (see `ChatController+Agent.swift`).
    public let agent: AgentState

    public internal(set) var messages: [ChatMessage] = []
    public internal(set) var state: State = .idle { didSet { onChange?() } }
    public internal(set) var usage = (input: 0, output: 0)
    /// Prompt-cache tokens over the session: read from and written to the
    /// provider's cache (not included in `usage.input`).
    public internal(set) var cacheUsage = (read: 0, write: 0)
    /// Prompts submitted while a reply streams, sent in order afterwards.
    public internal(set) var queue: [String] = []
    /// Called when the transcript changes: (index of the message, whether
    /// only its last block changed, whether a block was appended).
    public var onTranscript: ((TranscriptChange) -> Void)?
    /// Called on every state, usage or queue change (status line).
    public var onChange: (() -> Void)?
    /// Called by ``interrupt()`` with the prompts that were queued behind
    /// the interrupted reply (never sent): the UI gives them back to the
    /// user. Without a handler they are dropped.
    public var onQueueReturned: (([String]) -> Void)?
    /// Asks the user about a tool call; calls back with the decision.
    public var approver: ((ToolCall, @escaping (ToolApprovalDecision) -> Void) -> Void)?
    /// Set by a `prompt_submit` handler to replace the submitted text.
    public var promptOverride: String?
    /// Set by a `model_request` handler (`setRequest`) to replace the
    /// messages sent; see `ChatController+Request.swift`.
    var requestOverride: [ProviderMessage]?
    /// True while `model_request` handlers run.
    public internal(set) var isEmittingModelRequest = false

    var stream: ProviderStream?
    var pendingCalls: [ToolCall] = []
    var requestStart: UInt64 = 0
    var pendingDecision: ToolApprovalDecision?
    /// The file change of the call being decided (prepared, not written).
    var pendingChange: FileChange?
    /// The task awaiting an ``AsyncTool`` (an MCP call); ``interrupt()``
    /// cancels it, which tells the server to stop.
    var remoteCall: Task<Void, Never>?
    /// When the streaming reply was last saved as a partial record.
    var lastPartialSave: UInt64 = 0
    /// What the session file holds of the streaming reply (its last snapshot).
    var partialSaved: PartialProgress?
    /// Identifies the request whose events are current (stale ones are dropped).
    var currentRequest: RequestToken?
    /// The most model requests one prompt may make (its first and one per
    /// tool round); 0 means no limit. See `ChatController+Limits.swift`.
    public var maxTurns = 0
    /// Extra fields for the meta record that starts a session file (print
    /// mode sets `print = true`).
    public var sessionMeta: [String: Value] = [:]
    /// Tokens the last request took of the context window: its prompt
    /// (cache reads and writes included) and its reply, as the provider
    /// reported them (0 before the first report).
    public internal(set) var contextTokens = 0
    /// The tokens reported so far for the request in flight.
    var requestTokens = 0
    /// The model's context window in tokens (the UI resolves it, see
    /// ``ContextWindow``): the status line's percentage and the limit of
    /// automatic compaction.
    public var contextWindow = ContextWindow.fallback
    /// The share of ``contextWindow`` above which a request is compacted
    /// first (see `ChatController+AutoCompact.swift`); 0 turns automatic
    /// compaction off.
    public var autoCompactThreshold = ChatController.defaultAutoCompactThreshold
    /// How many provider messages (from the first) ``contextTokens``
    /// covers: those of the last request and its reply; nil when unknown.
    var usageMark: Int?
    /// The provider messages the request in flight was built with.
    var requestMessageCount = 0
    /// Set once an automatic compaction ran before the next request, so
    /// that request goes out whatever its size.
    var autoCompactTried = false
    /// Model requests made for the current prompt.
    public internal(set) var turnsThisPrompt = 0

    public init(editor: Editor, loop: MainLoop, provider: Provider, tools: ToolRegistry,
                store: SessionStore, cwd: String, agent: AgentState? = nil) {
        self.editor = editor
        self.loop = loop
        self.provider = provider
        self.tools = tools
        self.store = store
        self.cwd = cwd
        self.agent = agent ?? AgentState(cwd: cwd, sessionsRoot: store.root, environment: [:], includeUserInstructions: false)
    }

    /// True while a reply streams or tools run.
    public var isBusy: Bool {
        switch state {
        case .streaming, .runningTools, .awaitingApproval: return true
        default: return false
        }
    }

    // MARK: - Submitting

    /// Sends a user prompt, or queues it while a reply is in progress.
    /// Emits `prompt_submit` (consumable; a handler may set `promptOverride`).
    public func submit(_ text: String) {
        promptOverride = nil
        if editor.emit(.promptSubmit, data: .table(["text": .string(text)])) { return }
        let prompt = promptOverride ?? text
        promptOverride = nil
        guard !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
        if isBusy {
            queue.append(prompt)
            onChange?()
            return
        }
        if let command = Self.shellCommand(prompt) {
            runShell(command)
            return
        }
        append(ChatMessage(role: .user, blocks: [.userText(prompt)]))
        persist(messages[messages.count - 1])
        turnsThisPrompt = 0
        request()
    }

    /// Stops the reply in progress; the partial text stays as an interrupted message.
    public func interrupt() {
        guard isBusy else { return }
        agent.shellCancellation?.cancel()
        remoteCall?.cancel()
        remoteCall = nil
        stream?.cancel()
        stream = nil
        currentRequest = nil
        pendingCalls.removeAll()
        pendingChange = nil
        if var last = messages.last, last.role == .assistant {
            last.blocks.append(.notice("(interrupted)"))
            replaceLast(last, appended: true)
            persist(last, partial: true)
        }
        let returned = queue
        queue.removeAll()
        state = .idle
        editor.emit(.promptDone, data: .table(["interrupted": .bool(true)]))
        if !returned.isEmpty { onQueueReturned?(returned) }
    }

    /// Starts a new, empty conversation (a new session file on first message).
    public func reset(to loaded: [ChatMessage] = [], sessionID id: String? = nil) {
        if isBusy { interrupt() }
        writer?.close()
        writer = nil
        partialSaved = nil
        sessionID = id
        messages = loaded
        usage = (0, 0)
        cacheUsage = (0, 0)
        contextTokens = 0
        usageMark = nil
        state = .idle
        onTranscript?(.reset)
    }

    // MARK: - Provider round trip

    func request() {
        let built = Conversation.providerMessages(messages, system: effectiveSystemPrompt)
        if compactBeforeRequest(built) { return }
        autoCompactTried = false
        requestMessageCount = built.count
        var req = ProviderRequest(messages: built, tools: tools.schemas())
        req.messages = modelRequestMessages(req.messages)
        turnsThisPrompt += 1
        requestTokens = 0
        append(ChatMessage(role: .assistant, blocks: []))
        state = .streaming
        requestStart = loop.clock.nowNanos
        let token = RequestToken()
        currentRequest = token
        let inbox = ProviderInbox(poster: loop.poster) { [weak self] event in self?.receive(event, for: token) }
        stream = provider.stream(request: req) { inbox.add($0) }
    }

    func receive(_ event: ProviderEvent, for token: RequestToken) {
        guard token === currentRequest else { return }
        switch event {
        case .textDelta(let t):
            appendDelta(t, thinking: false)
            persistPartialIfDue()
            // The event's data is built only when someone listens.
            if editor.events.hasHandlers(.modelDelta) {
                editor.emit(.modelDelta, data: .table(["text": .string(t)]))
            }
        case .thinkingDelta(let t):
            appendDelta(t, thinking: true)
            if editor.events.hasHandlers(.thinkingDelta) {
                editor.emit(.thinkingDelta, data: .table(["text": .string(t)]))
            }
        case .toolCall(let id, let name, let args):
            let call = ToolCall(id: id, name: name, arguments: args, status: .running)
            pendingCalls.append(call)
            appendBlock(.toolCall(call))
        case .signedThinking(let t):
            guard var last = messages.last, last.role == .assistant else { return }
            last.signedThinking.append(t)
            messages[messages.count - 1] = last
            if t.isRedacted { appendDelta("(redacted thinking)", thinking: true) }
        case .usage(let input, let output):
            usage.input += input
            usage.output += output
            requestTokens += input + output
            contextTokens = requestTokens
            usageMark = requestMessageCount + 1
            onChange?()
        case .cacheUsage(let read, let write):
            cacheUsage.read += read
            cacheUsage.write += write
            requestTokens += read + write
            contextTokens = requestTokens
            usageMark = requestMessageCount + 1
            onChange?()
        case .finish(let reason):
            stream = nil
            currentRequest = nil
            finishReply(reason: reason)
        case .error(let message):
            stream = nil
            currentRequest = nil
            appendBlock(.error(message))
            if let last = messages.last { persist(last) }
            state = .failed(message)
            editor.emit(.providerError, data: .table(["message": .string(message)]))
            editor.emit(.promptDone, data: .table(["error": .string(message)]))
        }
    }

    func finishReply(reason: String) {
        if reason == "length" { appendBlock(.notice("(reply cut off: the model hit its length limit)")) }
        if reason == "refusal" { appendBlock(.notice("(the model declined to answer)")) }
        if !pendingCalls.isEmpty {
            state = .runningTools
            runNextTool()
            return
        }
        if let last = messages.last { persist(last) }
        state = .idle
        editor.emit(.promptDone, data: .table(["reason": .string(reason)]))
        if !queue.isEmpty {
            let next = queue.removeFirst()
            submit(next)
        }
    }
}

/// What changed in the transcript model.
public enum TranscriptChange: Equatable {
    /// A message was appended.
    case appendedMessage
    /// A block was appended to the last message.
    case appendedBlock
    /// The last block of the last message changed.
    case updatedLastBlock
    /// Text was appended to the last block of the last message (a
    /// streaming delta): the rest of the block is as it was.
    case grewLastBlock
    /// A block of the last message changed (tool status).
    case updatedBlock(Int)
    /// Everything changed (new or loaded session).
    case reset
}

/// Identity of one provider request (compared with `===`; no state).
final class RequestToken: Sendable {}
