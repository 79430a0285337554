/// One outcome of feeding keys to a ``KeyDispatcher``.
public enum DispatchResult: CustomStringConvertible {
    /// A mapping matched: run its action.
    case matched(KeymapEntry)
    /// The keys so far are a prefix of a longer mapping: wait for more keys
    /// or for the timeout. Only ever the last result of a call.
    case pending
    /// No mapping: these keys go to the mode's default handler (insert the
    /// text, move the cursor...), in order.
    case unmapped([Key])

    /// `matched(<lhs>)`, `pending` or `unmapped(a b)`, for logs and tests.
    public var description: String {
        switch self {
        case .matched(let e): return "matched(\(KeyNotation.format(e.keys)))"
        case .pending: return "pending"
        case .unmapped(let keys): return "unmapped(\(keys.map(\.token).joined(separator: " ")))"
        }
    }
}

/// Resolves typed keys against a ``KeymapTable``, holding the keys of an
/// unfinished multi-key mapping until more keys or the timeout arrive.
///
/// Resolution of the pending keys P (Neovim's rules):
/// - a buffer-local mapping of exactly P wins over a global one;
/// - if some longer mapping starts with P (in either scope), wait (`.pending`)
///   unless the exact mapping of P is `nowait`;
/// - else if P is mapped, it fires;
/// - else (P went past every mapping) the longest mapped proper prefix of P
///   fires, or the first key passes through unmapped, and the rest of P is
///   resolved again.
///
/// Keys arrive as ``Key`` values (the terminal decoder makes them; notation
/// strings are parsed once, at the edge: ``feed(keys:mode:buf:now:)``).
/// The caller owns the clock: it passes `now` (milliseconds, any epoch) to
/// ``feed(key:mode:buf:now:)`` and calls ``tick(now:)`` (or ``timeout(now:)``)
/// once ``deadline`` has passed. On timeout the pending keys resolve as if no
/// longer mapping existed. ``feed`` returns a list because one key can finish
/// one mapping and start another (`[.matched(a), .unmapped([x])]`).
public final class KeyDispatcher {
    /// The mappings consulted (read live, so changes apply at the next key).
    public let table: KeymapTable
    /// How long to wait for the next key of a multi-key mapping, in ms.
    public var timeoutlen: Int = 1000

    /// The keys typed so far of an unfinished mapping.
    public private(set) var pending: [Key] = []
    /// When the pending keys last changed (the `now` of that call); nil when
    /// nothing is pending.
    public private(set) var pendingSince: Int?
    /// The mode and buffer the pending keys were typed in.
    private var context: (mode: String, buf: BufferID?) = ("", nil)

    /// Creates a dispatcher over `table`.
    public init(table: KeymapTable) {
        self.table = table
    }

    /// Whether keys are waiting for more input or the timeout.
    public var needsTimeout: Bool { !pending.isEmpty }

    /// When the pending keys time out (`pendingSince + timeoutlen`), or nil.
    public var deadline: Int? { pendingSince.map { $0 + timeoutlen } }

    /// Feeds one key typed in `mode` with buffer `buf` current. Keys
    /// pending from another mode or buffer are resolved first, as on timeout.
    public func feed(key: Key, mode: String, buf: BufferID?, now: Int = 0) -> [DispatchResult] {
        var out = ResultList()
        if !pending.isEmpty && (context.mode != mode || context.buf != buf) {
            flush(into: &out)
        }
        context = (mode, buf)
        pending.append(key)
        resolve(force: false, into: &out)
        return finish(out, now: now)
    }

    /// Feeds every key of a notation string in order (as if typed quickly).
    /// - Throws: `KernelError.invalidArgument` for invalid notation.
    public func feed(keys: String, mode: String, buf: BufferID?, now: Int = 0) throws -> [DispatchResult] {
        var out: [DispatchResult] = []
        for k in try KeyNotation.parseKeys(keys) {
            out.removeAll { if case .pending = $0 { return true } else { return false } }
            out += feed(key: k, mode: mode, buf: buf, now: now)
        }
        return ResultList.merged(out)
    }

    /// Resolves the pending keys because `timeoutlen` passed with no key:
    /// the longest mapped prefix fires (or keys pass through unmapped); what
    /// is left may start waiting again. Returns [] when nothing was pending.
    public func timeout(now: Int = 0) -> [DispatchResult] {
        guard !pending.isEmpty else { return [] }
        var out = ResultList()
        resolve(force: true, into: &out)
        return finish(out, now: now)
    }

    /// Calls ``timeout(now:)`` when the deadline has passed; else returns [].
    public func tick(now: Int) -> [DispatchResult] {
        guard let d = deadline, now >= d else { return [] }
        return timeout(now: now)
    }

    /// Resolves every pending key now, never waiting (for a mode change or
    /// focus loss).
    public func flush() -> [DispatchResult] {
        var out = ResultList()
        flush(into: &out)
        return finish(out, now: 0)
    }

    /// Drops the pending keys without resolving them and returns them.
    @discardableResult
    public func reset() -> [Key] {
        defer { pending = []; pendingSince = nil }
        return pending
    }

    // MARK: - Resolution

    private func flush(into out: inout ResultList) {
        while !pending.isEmpty { resolve(force: true, into: &out) }
    }

    /// Resolves `pending` as far as possible. `force` treats the first
    /// lookup as if no longer mapping existed (timeout).
    private func resolve(force: Bool, into out: inout ResultList) {
        var force = force
        while !pending.isEmpty {
            let r = lookup(pending[...])
            if r.longer && !force && !(r.entry?.options.nowait ?? false) { return }
            force = false
            if let e = r.entry {
                out.append(.matched(e))
                pending.removeAll()
                return
            }
            if let (e, n) = longestMappedPrefix() {
                out.append(.matched(e))
                pending.removeFirst(n)
            } else {
                out.append(.unmapped([pending.removeFirst()]))
            }
        }
    }

    /// The longest proper prefix of `pending` that is mapped, with its length.
    private func longestMappedPrefix() -> (KeymapEntry, Int)? {
        var n = pending.count - 1
        while n >= 1 {
            if let e = lookup(pending[..<n]).entry { return (e, n) }
            n -= 1
        }
        return nil
    }

    /// The mapping of exactly `keys` (buffer-local first) and whether a
    /// longer mapping starts with them.
    private func lookup(_ keys: ArraySlice<Key>) -> (entry: KeymapEntry?, longer: Bool) {
        let local = context.buf.flatMap { table.trie(mode: context.mode, buf: $0)?.node(keys) }
        let global = table.trie(mode: context.mode, buf: nil)?.node(keys)
        let longer = (local?.hasChildren ?? false) || (global?.hasChildren ?? false)
        return (local?.entry ?? global?.entry, longer)
    }

    private func finish(_ out: ResultList, now: Int) -> [DispatchResult] {
        var results = out.items
        if pending.isEmpty {
            pendingSince = nil
        } else {
            pendingSince = now
            results.append(.pending)
        }
        return results
    }
}

/// Accumulates results, merging consecutive unmapped keys into one entry.
struct ResultList {
    private(set) var items: [DispatchResult] = []

    mutating func append(_ r: DispatchResult) {
        if case .unmapped(let more) = r, case .unmapped(let keys)? = items.last {
            items[items.count - 1] = .unmapped(keys + more)
        } else {
            items.append(r)
        }
    }

    /// `results` with consecutive unmapped entries merged.
    static func merged(_ results: [DispatchResult]) -> [DispatchResult] {
        var list = ResultList()
        for r in results { list.append(r) }
        return list.items
    }
}
