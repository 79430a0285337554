import Foundation

// MARK: - Loading and listing

extension SessionStore {
    /// Reads session `id`. Never crashes on bad data: empty lines are
    /// ignored; a line that is not a valid record is skipped with a warning
    /// (a cut-off last line says "truncated"). A record that follows a
    /// cut-off one on the same line (written by an older weft after a
    /// failed write) is recovered, with a warning. Partial replies are folded:
    /// a `partial_append` adds its text and thinking to the pending `partial`
    /// (one with none before it is skipped with a warning); a `partial` is
    /// superseded by a later `partial` or by the finished assistant
    /// `message`; one left pending (followed by another message or the end
    /// of the file) becomes an assistant `message` with `interrupted = true`.
    /// - Throws: ``SessionError/invalidID(_:)``, ``SessionError/notFound(_:)``,
    ///   or ``SessionError/io(_:)`` if the file cannot be read.
    public func load(_ id: String) throws -> SessionLoad {
        let p = try path(for: id)
        guard FileManager.default.fileExists(atPath: p) else { throw SessionError.notFound(id) }
        guard let data = FileManager.default.contents(atPath: p) else { throw SessionError.io("cannot read \(p)") }
        return Self.parse(id: id, data: data)
    }

    /// Parses session file contents (see ``load(_:)``).
    public static func parse(id: String, data: Data) -> SessionLoad {
        var records: [SessionRecord] = []
        var warnings: [String] = []
        var pending: SessionRecord?
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        let endsWithNewline = data.last == 0x0A
        for (index, bytes) in lines.enumerated() {
            let text = String(decoding: bytes, as: UTF8.self)
            if text.allSatisfy({ $0.isWhitespace }) { continue }
            let record: SessionRecord
            do { record = try SessionRecord(jsonLine: text) } catch {
                if let glued = recoverGlued(bytes) {
                    warnings.append("line \(index + 1): a cut-off record skipped, the record after it kept")
                    record = glued
                } else {
                    let isLast = index == lines.count - 1 && !endsWithNewline
                    let what = isLast ? "truncated line skipped" : "corrupt line skipped"
                    warnings.append("line \(index + 1): \(what) (\(error))")
                    continue
                }
            }
            switch (record.kind, record.role) {
            case (.partial, _):
                pending = record
            case (.partialAppend, _):
                guard pending != nil else {
                    warnings.append("line \(index + 1): a partial_append without its partial skipped")
                    continue
                }
                pending?.text += record.text
                if let t = record.thinking {
                    if pending?.thinking == nil { pending?.thinking = "" }
                    pending?.thinking? += t
                }
            case (.meta, _):
                records.append(record)
            case (.message, .assistant?):
                pending = nil
                records.append(record)
            default:
                if let p = pending { records.append(interrupted(p)) }
                pending = nil
                records.append(record)
            }
        }
        if let p = pending { records.append(interrupted(p)) }
        return SessionLoad(id: id, records: records, warnings: warnings)
    }

    /// A whole record at the end of a corrupt line: the line is a cut-off
    /// record with a complete one written after it. Only positions where
    /// a record can begin (`{"` outside a string) are tried, at most 64.
    static func recoverGlued(_ line: Data.SubSequence) -> SessionRecord? {
        let bytes = Array(line)
        var tries = 0
        var i = 1
        while i + 1 < bytes.count, tries < 64 {
            if bytes[i] == 0x7B, bytes[i + 1] == 0x22 {
                tries += 1
                if let r = try? SessionRecord(jsonLine: String(decoding: bytes[i...], as: UTF8.self)) { return r }
            }
            i += 1
        }
        return nil
    }

    private static func interrupted(_ partial: SessionRecord) -> SessionRecord {
        var r = partial
        r.kind = .message
        r.role = r.role ?? .assistant
        r.interrupted = true
        return r
    }

    /// Every readable session, most recently modified first (ties: larger
    /// id first). Unreadable files are left out; a missing root is empty.
    public func list() -> [SessionSummary] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        var out: [SessionSummary] = []
        for name in names where name.hasSuffix(".jsonl") {
            let id = String(name.dropLast(6))
            guard let loaded = try? load(id), let p = try? path(for: id) else { continue }
            let meta = loaded.records.first { $0.kind == .meta }?.meta ?? [:]
            out.append(SessionSummary(id: id, title: Self.title(loaded.records),
                                      messageCount: loaded.records.filter { $0.kind == .message }.count,
                                      modified: Self.modified(p), cwd: meta["cwd"]?.string,
                                      project: meta["project"]?.string, isPrint: meta["print"] == .bool(true)))
        }
        return out.sorted { a, b in a.modified != b.modified ? a.modified > b.modified : a.id > b.id }
    }

    /// The most recently modified session (for `--continue`), or nil:
    /// with `project`, only sessions of that project root (see
    /// ``SessionSummary/belongs(to:)``); print-mode sessions only when
    /// `includePrint`.
    public func latest(project: String? = nil, includePrint: Bool = true) -> SessionSummary? {
        list().first { s in (includePrint || !s.isPrint) && (project.map { s.belongs(to: $0) } ?? true) }
    }

    /// A session's title (see ``SessionSummary/title``).
    public static func title(_ records: [SessionRecord]) -> String {
        if let t = records.last(where: { $0.kind == .meta && $0.meta["title"]?.string != nil })?.meta["title"]?.string,
           !t.isEmpty {
            return t
        }
        guard let first = records.first(where: { $0.kind == .message && $0.role == .user }) else { return "(empty)" }
        let line = first.text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "(empty)" }
        return trimmed.count > 60 ? String(trimmed.prefix(59)).trimmingCharacters(in: .whitespaces) + "…" : trimmed
    }

    private static func modified(_ path: String) -> Date {
        var st = stat()
        guard stat(path, &st) == 0 else { return Date(timeIntervalSince1970: 0) }
        return Date(timeIntervalSince1970: Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9)
    }
}
