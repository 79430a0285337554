import Kernel

/// Projects a chat (`[ChatMessage]`) into a buffer as lines plus extmarks,
/// incrementally.
///
/// Every block owns a contiguous range of buffer lines. Blocks are
/// separated by one blank line (part of the later block's range); the first
/// block of a user message starts with a "You" header (not a compaction
/// summary: weft wrote it, not the user). The projector
/// remembers each block's range and rendered lines, so:
///
/// * `append` and `appendBlock` add lines at the end only;
/// * `updateLastBlock` (a streaming delta) re-renders only the last block
///   and replaces only the lines that differ from its previous rendering
///   (usually the last one or two): earlier blocks are never re-parsed and
///   their lines and marks are never touched;
/// * `setWidth` re-renders only width-dependent blocks (tables, lists,
///   quotes, rules, tool headers), and only when the width actually
///   changes; blocks whose lines come out equal cause no buffer change.
///   Without `visibleRows` it re-fits every such block of the transcript
///   (correct, O(transcript)); with `visibleRows` it re-fits only the blocks
///   on screen and leaves the others stale until `refit(rows:)` is called
///   for them (the UI calls it with the visible rows before each draw) or
///   `refitAll()` (e.g. when idle) — bounded by what is visible;
/// * `setToolsExpanded` / `toggleThinking` re-render tool, thinking and
///   compaction blocks only.
///
/// The projector owns the buffer's content: it clears it on creation and
/// assumes nobody else edits it. Styles live in `namespace`.
///
/// ```swift
/// let buf = try editor.createBuffer(name: "transcript", scratch: true)
/// let ns = editor.namespaces.create(name: "chat.transcript")
/// let projector = try TranscriptProjector(buffer: buf, namespace: ns, width: 80)
/// try projector.append(.user("hi"))
/// try projector.append(ChatMessage(role: .assistant, blocks: [.assistantText("")]))
/// try projector.updateLastBlock(.assistantText("Hel"))     // streaming
/// try projector.updateLastBlock(.assistantText("Hello!"))
/// ```
public final class TranscriptProjector {
    /// The buffer the transcript is projected into.
    public let buffer: Buffer
    /// The namespace of every extmark the projector sets.
    public let namespace: NamespaceID
    /// Renders blocks; changing it affects blocks rendered later only.
    public var renderer: ChatBlockRenderer
    /// The width blocks are fitted to.
    public private(set) var width: Int
    /// Whether tool outputs and thinking are shown in full.
    public private(set) var expanded = false
    /// The glyph shown for running tools.
    public private(set) var spinner = "⠋"
    /// Set by `toggleThinking`: every thinking block shown collapsed (true)
    /// or expanded (false), whatever its own flag says; nil: its flag.
    public private(set) var thinkingCollapsed: Bool?

    /// Reads the blocks of messages appended with `linked: true`: they live
    /// in the chat model (the controller's `messages`), and the projector
    /// keeps only their role and block count, so a reply is held once (and
    /// the controller appends a delta to it in place). Called with the
    /// projector's message and block indices.
    public var linkedBlock: ((_ message: Int, _ block: Int) -> ChatBlock?)?

    /// The projected messages: their roles and blocks as stored, with
    /// linked placeholders left empty (`.notice("")`); see ``messages``.
    var stored: [ChatMessage] = []
    /// Whether each message is linked (its blocks read through `linkedBlock`).
    var linked: [Bool] = []

    /// The messages as projected (linked ones read through `linkedBlock`).
    public var messages: [ChatMessage] {
        stored.indices.map { m in
            ChatMessage(role: stored[m].role, blocks: stored[m].blocks.indices.map { block(message: m, block: $0) })
        }
    }

    /// Number of messages projected.
    public var messageCount: Int { stored.count }

    /// Rendered markdown blocks of the streaming assistant text (the last
    /// entry's), so a delta re-renders only its changed tail.
    let markdownCache = MarkdownCache()

    /// One block's place in the buffer.
    struct Entry {
        var message: Int
        var block: Int
        var start: Int
        var lines: [StyledLine]
        var widthDependent: Bool
        /// The width the lines were rendered at.
        var renderedWidth: Int
        var end: Int { start + lines.count }
    }

    /// One entry per block, in buffer order.
    var entries: [Entry] = []
    /// Index in `entries` of each message's first block.
    var firstEntry: [Int] = []
    /// Width-dependent entries rendered at an earlier width.
    var stale = Set<Int>()

    /// A projector over `buffer` (whose content is cleared) fitting blocks
    /// to `width` cells.
    /// - Throws: `KernelError` when the buffer is not modifiable.
    public init(buffer: Buffer, namespace: NamespaceID, width: Int,
                renderer: ChatBlockRenderer = ChatBlockRenderer()) throws {
        self.buffer = buffer
        self.namespace = namespace
        self.width = max(1, width)
        self.renderer = renderer
        buffer.extmarks.clear(ns: namespace)
        try buffer.setLines(0, -1, [])
    }

    /// Number of buffer lines the transcript occupies (0 when empty).
    public var lineCount: Int { entries.last?.end ?? 0 }

    /// The buffer lines of block `block` of message `message`.
    public func lineRange(message: Int, block: Int) -> Range<Int>? {
        guard let i = entryIndex(message: message, block: block) else { return nil }
        return entries[i].start..<entries[i].end
    }

    /// The rendered lines of a block, as last projected (for tests and for
    /// OSC 8 links, whose URLs are in the spans).
    public func renderedLines(message: Int, block: Int) -> [StyledLine]? {
        entryIndex(message: message, block: block).map { entries[$0].lines }
    }

    /// The URL of the link at byte `col` of buffer row `row`, if any.
    public func link(row: Int, col: Int) -> String? {
        guard let i = entryIndex(containing: row) else { return nil }
        let local = row - entries[i].start
        guard local >= 0, local < entries[i].lines.count else { return nil }
        return entries[i].lines[local].spans.last { $0.url != nil && $0.range.contains(col) }?.url
    }

    // MARK: - Adding

    /// Appends `message` and projects all its blocks at the end. A
    /// `linked` message keeps no copy of its blocks: they are read through
    /// ``linkedBlock`` whenever they are rendered.
    public func append(_ message: ChatMessage, linked: Bool = false) throws {
        stored.append(ChatMessage(role: message.role))
        self.linked.append(linked)
        firstEntry.append(entries.count)
        for block in message.blocks { try appendBlock(block) }
    }

    /// Inserts `message` before message `index` (e.g. a notice shown while
    /// a reply streams, kept above it); the lines of later messages move
    /// down. Costs the messages after `index`.
    /// - Throws: `TranscriptError.blockOutOfRange` for a bad index.
    public func insert(_ message: ChatMessage, at index: Int) throws {
        guard index >= 0, index <= stored.count else {
            throw TranscriptError.blockOutOfRange(message: index, block: 0)
        }
        if index == stored.count { return try append(message) }
        let at = firstEntry[index]
        let row = entries[at].start
        let tail = Array(entries[at...])
        let tailLines = tail.reduce(0) { $0 + $1.lines.count }
        // Take the later entries out, append the message, put them back.
        buffer.extmarks.clear(ns: namespace, rows: row..<(row + tailLines))
        try buffer.setLines(row, row + tailLines, [])
        entries.removeSubrange(at...)
        stored.insert(ChatMessage(role: message.role), at: index)
        linked.insert(false, at: index)
        firstEntry.insert(at, at: index)
        firstEntry.removeSubrange((index + 1)...)
        for (k, block) in message.blocks.enumerated() {
            stored[index].blocks.append(block)
            try projectEntry(message: index, block: k)
        }
        for e in tail {
            if firstEntry.count <= e.message + 1 { firstEntry.append(entries.count) }
            try projectEntry(message: e.message + 1, block: e.block)
        }
    }

    /// Appends `block` to the last message and projects it at the end.
    /// - Throws: `TranscriptError.noMessage` when there is no message.
    public func appendBlock(_ block: ChatBlock) throws {
        guard let m = stored.indices.last else { throw TranscriptError.noMessage }
        stored[m].blocks.append(linked[m] ? Self.placeholder : block)
        try projectEntry(message: m, block: stored[m].blocks.count - 1)
    }

    /// What a linked message stores in place of a block.
    static let placeholder = ChatBlock.notice("")

    /// Renders block `b` of message `m` as a new entry at the end.
    private func projectEntry(message m: Int, block b: Int) throws {
        let start = lineCount
        let (lines, dependent) = render(message: m, block: b, entryIndex: entries.count)
        // The empty buffer's single line is replaced by the first block.
        try buffer.setLines(start, entries.isEmpty ? buffer.lineCount : start, lines.map(\.text))
        entries.append(Entry(message: m, block: b, start: start, lines: lines, widthDependent: dependent,
                             renderedWidth: width))
        setMarks(lines, from: start)
    }

    /// Replaces every message: clears the buffer and projects `messages`
    /// (used when a session is loaded or cleared).
    public func reset(_ messages: [ChatMessage], linked: Bool = false) throws {
        buffer.extmarks.clear(ns: namespace)
        try buffer.setLines(0, -1, [])
        stored = []
        self.linked = []
        entries = []
        firstEntry = []
        stale = []
        for message in messages { try append(message, linked: linked) }
    }

    // MARK: - Updating

    /// Replaces the last block of the last message (a streaming delta
    /// carries the block's full content so far) and re-projects it alone.
    /// - Throws: `TranscriptError.noMessage` / `.noBlock`.
    public func updateLastBlock(_ block: ChatBlock) throws {
        guard let m = stored.indices.last else { throw TranscriptError.noMessage }
        guard let b = stored[m].blocks.indices.last else { throw TranscriptError.noBlock }
        try updateBlock(message: m, block: b, block)
    }

    /// Re-projects the last block of the last message after text was
    /// appended to it (a streaming delta; the block is read from the
    /// store, or through ``linkedBlock`` for a linked message). Only the
    /// changed tail of its markdown is parsed and written: the cost is the
    /// delta's, not the reply's.
    /// - Throws: `TranscriptError.noMessage` / `.noBlock`.
    public func lastBlockGrew() throws {
        guard let m = stored.indices.last else { throw TranscriptError.noMessage }
        guard let b = stored[m].blocks.indices.last, let i = entryIndex(message: m, block: b) else {
            throw TranscriptError.noBlock
        }
        guard i == entries.count - 1, case .assistantText(let text) = block(message: m, block: b) else {
            return try rerender([i])
        }
        try rerenderGrowing(text, entry: i)
    }

    /// Replaces block `block` of message `message` (e.g. a tool call that
    /// finished while a later block streams) and re-projects it alone;
    /// later blocks move if its height changes.
    /// - Throws: `TranscriptError.blockOutOfRange`.
    public func updateBlock(message: Int, block: Int, _ newBlock: ChatBlock) throws {
        guard let i = entryIndex(message: message, block: block) else {
            throw TranscriptError.blockOutOfRange(message: message, block: block)
        }
        if !linked[message] { stored[message].blocks[block] = newBlock }
        try rerender([i])
    }

    /// Fits width-dependent blocks to `width`; does nothing when the width
    /// is unchanged.
    ///
    /// - Parameter visibleRows: nil re-renders every width-dependent block
    ///   of the transcript, bottom to top. Otherwise only the blocks that
    ///   intersect these buffer rows are re-fitted now; the others become
    ///   stale (`staleBlockCount`) and are re-fitted by `refit(rows:)` when
    ///   they come into view, or by `refitAll()`.
    public func setWidth(_ width: Int, visibleRows: Range<Int>? = nil) throws {
        let w = max(1, width)
        guard w != self.width else { return }
        self.width = w
        stale = []
        let dependent = entries.indices.filter { entries[$0].widthDependent && entries[$0].renderedWidth != w }
        guard let rows = visibleRows else {
            try rerender(dependent)
            return
        }
        let now = Set(entriesIntersecting(rows))
        stale = Set(dependent.filter { !now.contains($0) })
        try rerender(dependent.filter { now.contains($0) })
    }

    /// Number of blocks still fitted to an earlier width (see `setWidth`).
    public var staleBlockCount: Int { stale.count }

    /// Re-fits the stale blocks that intersect buffer rows `rows` (call it
    /// with the visible rows before drawing). Cheap when nothing is stale.
    /// - Returns: whether any line changed.
    @discardableResult
    public func refit(rows: Range<Int>) throws -> Bool {
        guard !stale.isEmpty else { return false }
        let due = entriesIntersecting(rows).filter { stale.contains($0) }
        guard !due.isEmpty else { return false }
        let before = buffer.tick
        try rerender(due)
        return buffer.tick != before
    }

    /// Re-fits at most `limit` stale blocks that start at or after buffer
    /// row `fromRow`, nearest the end first (for re-fitting in batches
    /// while idle).
    /// - Returns: whether stale blocks at or after `fromRow` remain.
    @discardableResult
    public func refitStale(limit: Int, fromRow: Int = 0) throws -> Bool {
        guard !stale.isEmpty else { return false }
        let due = stale.filter { entries[$0].start >= fromRow }.sorted(by: >)
        try rerender(Array(due.prefix(max(1, limit))))
        return due.count > limit
    }

    /// Re-fits every stale block.
    public func refitAll() throws {
        guard !stale.isEmpty else { return }
        try rerender(Array(stale))
    }

    /// Expands (or collapses) every tool output, thinking block and
    /// compaction summary at once (Ctrl-O).
    public func setToolsExpanded(_ expanded: Bool) throws {
        guard expanded != self.expanded else { return }
        self.expanded = expanded
        try rerender(entries.indices.filter { i in
            let block = blockAt(i)
            return block.isToolCall || block.isThinking || block.isCompaction || block.isUserText
        })
    }

    /// Shows every thinking block collapsed (`expanded == false`) or in
    /// full, whatever its own flag, and re-projects the thinking blocks.
    public func toggleThinking(expanded: Bool) throws {
        thinkingCollapsed = !expanded
        try rerender(entries.indices.filter { blockAt($0).isThinking })
    }

    /// Sets the spinner glyph and re-projects the running tool blocks
    /// (only their header line changes). Tools run only in the current
    /// turn, so only the blocks after the last user message are looked at:
    /// a tick costs the same in a 10-message and a 10,000-message chat.
    public func setSpinner(_ glyph: String) throws {
        guard glyph != spinner else { return }
        spinner = glyph
        var running: [Int] = []
        var i = entries.count - 1
        while i >= 0, stored[entries[i].message].role != .user {
            if case .toolCall(let call) = blockAt(i), call.status == .running { running.append(i) }
            i -= 1
        }
        try rerender(running)
    }
}
