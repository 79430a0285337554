import Kernel
import Render

/// The float that asks whether project config (`.weft/init.lua`,
/// `.weft/plugins/`, `.mcp.json`) may run, one item at a time: **v** views the code
/// (again: back to the question; j/k scroll), **t** trusts this exact
/// content and runs it, **i** or Esc ignores it for this session, **d**
/// denies it (not asked again until the content changes). Keys live in
/// mode "trust"; the window is named "trust".
///
/// ```swift
/// let prompt = TrustFloat(editor: editor, plugins: lua.plugins, store: store)
/// lua.plugins.onUntrusted = { prompt.ask($0) }
/// ```
public final class TrustFloat {
    /// What is being asked about now.
    struct Question {
        let item: ProjectItem
        /// The hash of the content shown; trust records exactly this.
        let hash: String
        let float: ModalFloat
        var viewing = false
    }

    let editor: Editor
    unowned let plugins: PluginHost
    let store: TrustStore
    var queue: [ProjectItem] = []
    var current: Question?

    /// Creates the prompt and maps its keys in mode "trust".
    public init(editor: Editor, plugins: PluginHost, store: TrustStore) {
        self.editor = editor
        self.plugins = plugins
        self.store = store
    }

    /// Asks about `item` now, or after the questions before it. Denied
    /// content is not asked about again.
    public func ask(_ item: ProjectItem) {
        guard let hash = item.contentHash(), store.decision(for: item.path, hash: hash) != .deny else { return }
        if current?.item == item || queue.contains(item) { return }
        queue.append(item)
        if current == nil { showNext() }
    }

    /// The item being asked about, if the float is open.
    public var asking: ProjectItem? { current?.item }

    /// The keys of mode "trust", mapped while the float is open.
    private var keys: [ModalFloat.Binding] {
        [
            .init(lhs: "t", desc: "trust this project config and run it", action: { [unowned self] in answer(.trust) }),
            .init(lhs: "d", desc: "deny this project config (ask again when it changes)", action: { [unowned self] in answer(.deny) }),
            .init(lhs: "i", desc: "ignore this project config for this session", action: { [unowned self] in answer(nil) }),
            .init(lhs: "<Esc>", desc: "ignore this project config for this session", action: { [unowned self] in answer(nil) }),
            .init(lhs: "v", desc: "view the project config's code", action: { [unowned self] in toggleView() }),
            .init(lhs: "j", desc: "scroll down", action: { [unowned self] in scroll(1) }),
            .init(lhs: "<Down>", desc: "scroll down", action: { [unowned self] in scroll(1) }),
            .init(lhs: "k", desc: "scroll up", action: { [unowned self] in scroll(-1) }),
            .init(lhs: "<Up>", desc: "scroll up", action: { [unowned self] in scroll(-1) }),
        ]
    }

    private func showNext() {
        while !queue.isEmpty {
            let item = queue.removeFirst()
            guard let hash = item.contentHash() else { continue }
            do {
                try open(item, hash: hash)
                return
            } catch {
                editor.notify("trust prompt: \(error)", level: .error)
            }
        }
    }

    private func open(_ item: ProjectItem, hash: String) throws {
        let float = try ModalFloat(editor: editor, name: "trust", mode: "trust", title: "Trust project config?",
                                   lines: questionLines(item), minWidth: 50, padding: 2, zindex: 150, keys: keys)
        current = Question(item: item, hash: hash, float: float)
    }

    private func questionLines(_ item: ProjectItem) -> [String] {
        let what: String
        switch item.kind {
        case .initFile: what = "runs this project's config:"
        case .plugins: what = "loads this project's plugins:"
        case .mcpServers: what = "starts the MCP servers (programs) this project lists:"
        }
        return ["weft found project code that has not been trusted. Trusting it", what,
                "  " + item.path, "",
                "[v] view   [t] trust and run   [i] ignore   [d] deny"]
    }

    private func toggleView() {
        guard var q = current else { return }
        q.viewing.toggle()
        var lines = questionLines(q.item)
        if q.viewing {
            lines = ["[t] trust and run   [i] ignore   [d] deny   [v] back   j/k scroll", ""]
            let files = q.item.files()
            for f in files {
                if files.count > 1 || q.item.kind == .plugins { lines.append("── \(f.path) ──") }
                lines += String(decoding: f.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                    .map(String.init)
            }
        }
        q.float.show(lines)
        current = q
    }

    private func scroll(_ rows: Int) {
        guard let q = current, q.viewing else { return }
        q.float.scroll(rows)
    }

    /// Closes the float and acts: trust records the hash and runs the
    /// code; deny records it; nil (ignore) does neither.
    private func answer(_ decision: TrustStore.Decision?) {
        guard let q = current else { return }
        current = nil
        q.float.close()
        if let decision {
            do {
                try store.record(decision, for: q.item.path, hash: q.hash)
            } catch {
                editor.notify("could not save the trust decision in \(store.path): \(error)", level: .error)
            }
        }
        if decision == .trust { plugins.loadTrusted(q.item) }
        editor.requestRedraw()
        showNext()
    }
}
