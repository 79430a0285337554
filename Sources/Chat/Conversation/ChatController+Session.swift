import Kernel

// Persistence: every finished message is appended (and fsynced) to the
// session's JSONL file as it happens.
extension ChatController {
    /// Appends the records of `m` (a snapshot of it with `partial`), with
    /// `meta` added to the first one's; returns false, after a warning,
    /// when they could not be written.
    @discardableResult
    func persist(_ m: ChatMessage, partial: Bool = false, meta extra: [String: Value] = [:]) -> Bool {
        if !partial { partialSaved = nil }
        do {
            if writer == nil {
                let w = sessionID.map { try? store.writer(for: $0) } ?? nil
                writer = try w ?? store.create()
                sessionID = writer?.id
                var meta = sessionMeta
                meta["cwd"] = .string(cwd)
                meta["project"] = .string(agent.root.path)
                meta["provider"] = .string(provider.name)
                meta["model"] = .string(provider.model)
                try writer?.append(SessionRecord(kind: .meta, meta: meta))
            }
            var records = Conversation.records(for: m, partial: partial)
            if !records.isEmpty {
                records[0].meta.merge(extra) { $1 }
                if !partial, m.role == .assistant { records[0].meta["usage"] = usageValue }
            }
            for r in records { try writer?.append(r) }
            return true
        } catch {
            editor.notify("session: could not save (\(error))", level: .warn)
            return false
        }
    }

    /// Saves the reply being streamed at most twice a second, so a crash
    /// (even `kill -9`) loses at most half a second of it. When the reply
    /// only grew since its last snapshot, just the new text is written (a
    /// `partial_append`, see ``PartialProgress``), else the whole reply.
    func persistPartialIfDue() {
        let now = loop.clock.nowNanos
        guard now &- lastPartialSave > 500_000_000, let last = messages.last, last.role == .assistant else { return }
        lastPartialSave = now
        let progress = currentRequest.flatMap {
            PartialProgress(last, message: messages.count - 1, request: ObjectIdentifier($0))
        }
        if let saved = partialSaved, let progress, writer != nil, saved.isExtended(by: progress) {
            guard progress != saved else { return }
            do {
                try writer?.append(saved.appendRecord(last, now: progress))
                partialSaved = progress
            } catch {
                partialSaved = nil  // nothing of it was written: the next snapshot is whole
                editor.notify("session: could not save (\(error))", level: .warn)
            }
            return
        }
        partialSaved = persist(last, partial: true) ? progress : nil
    }

    /// Loads a saved session into the transcript; corrupt lines are skipped
    /// with a warning. Emits `session_load`.
    public func load(sessionID id: String) throws {
        let loaded = try store.load(id)
        reset(to: Conversation.messages(from: loaded.records), sessionID: id)
        restoreUsage(from: loaded.records)
        for w in loaded.warnings { editor.notify("session \(id): \(w)", level: .warn) }
        editor.emit(.sessionLoad, data: .table(["id": .string(id), "messages": .int(messages.count)]))
    }

    /// The session's token counts so far, saved with each finished reply
    /// (`meta.usage` of its record) so that `/resume` and `--continue`
    /// show them again: `input`, `output`, `cache_read`, `cache_write`
    /// and `context` (the last request's size).
    var usageValue: Value {
        .table(["input": .int(usage.input), "output": .int(usage.output), "cache_read": .int(cacheUsage.read),
                "cache_write": .int(cacheUsage.write), "context": .int(contextTokens)])
    }

    /// Takes the token counts of the last reply that saved them (older
    /// session files have none: the counts stay 0).
    func restoreUsage(from records: [SessionRecord]) {
        guard let t = records.last(where: { $0.meta["usage"]?.table != nil })?.meta["usage"]?.table else { return }
        func int(_ key: String) -> Int { max(0, t[key]?.int ?? 0) }
        usage = (int("input"), int("output"))
        cacheUsage = (int("cache_read"), int("cache_write"))
        contextTokens = int("context")
        onChange?()
    }
}
