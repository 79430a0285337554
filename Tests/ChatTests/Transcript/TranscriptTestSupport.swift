@testable import Chat
import Kernel

/// A projector over a fresh buffer that records every buffer change.
final class ProjectorHarness {
    let buffer: Buffer
    let ns: NamespaceID
    let projector: TranscriptProjector
    var changes: [BufferChange] = []

    init(width: Int = 40) throws {
        let registry = NamespaceRegistry()
        buffer = Buffer(id: BufferID(1), name: "transcript", scratch: true)
        ns = registry.create(name: "chat.transcript")
        projector = try TranscriptProjector(buffer: buffer, namespace: ns, width: width)
        buffer.onChange = { [unowned self] change in self.changes.append(change) }
    }

    /// Every mark of the namespace as "row:col-endcol hl/lineHl/eol", sorted.
    var marks: [String] {
        buffer.extmarks.list(ns: ns).map { m in
            var s = "\(m.start.row):\(m.start.col)"
            if let e = m.end { s += "-\(e.row):\(e.col)" }
            if let hl = m.decoration.hl { s += " hl=\(hl)" }
            if let l = m.decoration.lineHl { s += " line=\(l)" }
            if !m.decoration.virtText.isEmpty { s += " eol=" + m.decoration.virtText.map(\.text).joined() }
            return s
        }.sorted()
    }

    /// Marks on buffer row `row`, same format.
    func marks(row: Int) -> [String] {
        marks.filter { $0.hasPrefix("\(row):") }
    }
}
