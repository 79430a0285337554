import Foundation

/// Which project config the user trusted or denied, by exact content:
/// one line per path, `trust <sha256> <path>` or `deny <sha256> <path>`,
/// in `<state dir>/trust` (`$XDG_STATE_HOME/weft/trust`). A decision holds
/// only for the hash it was made for: a changed file is unknown again.
public final class TrustStore {
    /// What the user decided about one item.
    public enum Decision: String, Sendable {
        /// Run it.
        case trust
        /// Never run this content and do not ask again.
        case deny
    }

    /// The file the decisions live in.
    public let path: String
    private var entries: [String: (decision: Decision, hash: String)] = [:]

    /// Opens (reads) the store at `<directory>/trust`; a missing file is empty.
    public init(directory: String) {
        path = directory + "/trust"
        load()
    }

    /// The decision recorded for `item` with exactly this content hash.
    public func decision(for item: String, hash: String) -> Decision? {
        guard let e = entries[item], e.hash == hash else { return nil }
        return e.decision
    }

    /// Records a decision for `item` at `hash` (replacing any earlier one)
    /// and writes the store.
    /// - Throws: when the file cannot be written.
    public func record(_ decision: Decision, for item: String, hash: String) throws {
        entries[item] = (decision, hash)
        try save()
    }

    private func load() {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count == 3, let d = Decision(rawValue: parts[0]), parts[1].count == 64 else { continue }
            entries[parts[2]] = (d, parts[1])
        }
    }

    private func save() throws {
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let text = entries.keys.sorted().map { k in
            let e = entries[k]!
            return "\(e.decision.rawValue) \(e.hash) \(k)\n"
        }.joined()
        let tmp = path + ".tmp"
        try text.write(toFile: tmp, atomically: false, encoding: .utf8)
        if rename(tmp, path) != 0 { throw CocoaError(.fileWriteUnknown) }
    }
}
