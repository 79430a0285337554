import Glibc
import Kernel

// Owner teardown: remove everything one owner (a plugin, init.lua) has
// registered, so it can be loaded again without duplicates or leaks.

/// A registration kind that a layer above LuaAPI keeps per owner (the chat
/// layer's tools): how to count an owner's registrations and remove them.
public struct OwnerHook {
    /// The kind's name in reports, singular ("tool").
    public let kind: String
    /// How many registrations of this kind `owner` has.
    public let count: (String) -> Int
    /// Removes every registration of this kind `owner` has.
    public let remove: (String) -> Void

    /// Creates a hook.
    public init(kind: String, count: @escaping (String) -> Int, remove: @escaping (String) -> Void) {
        self.kind = kind
        self.count = count
        self.remove = remove
    }
}

/// Windows, buffers and highlight groups created from Lua, by owner.
struct CreatedObjects {
    /// A highlight group an owner defined, with what was there before its
    /// first definition (restored at teardown; nil: the group was undefined).
    struct Highlight {
        var owner: String
        var previous: Value?
    }

    var windows: [String: [WindowID]] = [:]
    var buffers: [String: [BufferID]] = [:]
    /// By lower-cased group name (groups are case-insensitive).
    var highlights: [String: Highlight] = [:]
    /// The group names as spelled, by lower-cased name.
    var highlightNames: [String: String] = [:]

    /// Highlight groups `owner` defined last.
    func highlightCount(_ owner: String) -> Int {
        highlights.values.filter { $0.owner == owner }.count
    }
}

/// What a teardown removed, per kind (for tests and messages).
public struct TeardownCounts: Equatable, Sendable {
    public var keymaps = 0, commands = 0, autocmds = 0, timers = 0, jobs = 0
    public var highlights = 0, windows = 0, buffers = 0
    /// Removed registrations of hook kinds (`OwnerHook.kind`).
    public var other: [String: Int] = [:]
}

extension LuaRuntime {
    /// Registers a kind of registration kept outside LuaAPI, so teardown
    /// removes it and reports count it. The chat layer adds "tool".
    public func addOwnerHook(_ hook: OwnerHook) {
        ownerHooks.append(hook)
    }

    /// Records that `owner` is about to define highlight group `name`
    /// (called by `weft.hl.set` before storing).
    func noteHighlight(_ name: String, owner: String) {
        let key = name.lowercased()
        if var h = created.highlights[key] {
            h.owner = owner
            created.highlights[key] = h
        } else {
            created.highlights[key] = .init(owner: owner, previous: highlights.highlight(name))
        }
        created.highlightNames[key] = name
    }

    /// Removes everything `owner` registered: keymaps, commands, autocmds,
    /// timers (and scheduled functions), highlight groups it defined (the
    /// previous definition comes back), windows and buffers it created,
    /// registrations of hook kinds (tools); its jobs are stopped without
    /// running their callbacks. Its Lua time is kept.
    @discardableResult
    public func teardown(owner: String) -> TeardownCounts {
        var n = TeardownCounts()
        for k in editor.keymaps.list() where k.owner == owner {
            if (try? editor.keymaps.del(mode: k.mode, lhs: k.lhs, buf: k.buf)) != nil { n.keymaps += 1 }
        }
        for c in editor.commands.list() where c.owner == owner {
            if (try? editor.commands.del(name: c.name)) != nil { n.commands += 1 }
        }
        var seen = Set<Int>()
        for a in editor.events.list() where a.owner == owner && seen.insert(a.id).inserted {
            if (try? editor.events.del(a.id)) != nil { n.autocmds += 1 }
        }
        n.timers = stopTimers(owner: owner)
        n.jobs = stopJobs(owner: owner)
        n.highlights = restoreHighlights(owner: owner)
        (n.windows, n.buffers) = closeCreated(owner: owner)
        for hook in ownerHooks {
            let c = hook.count(owner)
            hook.remove(owner)
            if c > 0 { n.other[hook.kind] = c }
        }
        editor.requestRedraw()
        return n
    }

    private func stopTimers(owner: String) -> Int {
        let ids = timers.filter { $0.value.handler.owner == owner }.map(\.key)
        for id in ids {
            _ = loop.cancel(TimerID(id))
            timers[id] = nil
        }
        return ids.count
    }

    private func stopJobs(owner: String) -> Int {
        let mine = jobs.filter { $0.value.owner == owner }
        for (id, r) in mine {
            jobs[id] = nil
            state.unref(r.objectRef)
        }
        jobManager.stop(mine.values.map(\.job))
        return mine.count
    }

    private func restoreHighlights(owner: String) -> Int {
        let keys = created.highlights.filter { $0.value.owner == owner }.map(\.key)
        for key in keys {
            let name = created.highlightNames[key] ?? key
            if let previous = created.highlights[key]?.previous {
                try? highlights.setHighlight(name, previous)
            } else {
                highlights.removeHighlight(name)
            }
            created.highlights[key] = nil
            created.highlightNames[key] = nil
        }
        return keys.count
    }

    private func closeCreated(owner: String) -> (Int, Int) {
        var wins = 0, bufs = 0
        for w in created.windows.removeValue(forKey: owner) ?? [] where editor.windows[w] != nil {
            if (try? editor.closeWindow(w, force: true)) != nil { wins += 1 }
        }
        for b in created.buffers.removeValue(forKey: owner) ?? [] where editor.buffers[b] != nil {
            if (try? editor.deleteBuffer(b)) != nil { bufs += 1 }
        }
        return (wins, bufs)
    }
}
