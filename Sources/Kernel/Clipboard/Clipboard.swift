/// The clipboard primitive: `weft.clipboard.set(text, {register})` and
/// `weft.clipboard.get()`.
///
/// A copy goes through every path (`paths`: the terminal's OSC 52 and a
/// local tool, as the frontend set them up) and into weft's own register,
/// so `get` returns it even where nothing can read the system clipboard
/// (over SSH, headless). A text longer than a path's limit (OSC 52 in
/// tmux takes about 1 MiB) is left to the paths that can carry it whole;
/// when none can, the longest prefix that fits is sent (cut between
/// characters, so it stays valid UTF-8) and a warning names what was lost.
/// Failures of a tool that runs after `set` returned (exit status, a hang
/// stopped by its time-out) go to `onReport`.
///
/// ```swift
/// let copy = editor.clipboard.set("hello")      // copy.paths == ["osc52", "xclip"]
/// let text = try editor.clipboard.get()          // "hello" (from xclip, or weft's register)
/// ```
public final class Clipboard {
    /// Where copies go, in order; reading uses the first that can paste.
    /// Set directly, or through ``detect`` (run once, on first use).
    public var paths: [ClipboardPath] {
        get {
            if let d = detect {
                detect = nil
                resolved = d()
            }
            return resolved
        }
        set {
            detect = nil
            resolved = newValue
        }
    }
    /// Finds the paths (tool lookup, terminal caps) the first time
    /// ``paths`` is read, so starting weft spends nothing on it.
    public var detect: (() -> [ClipboardPath])?
    private var resolved: [ClipboardPath] = []
    /// What weft last copied to each register.
    public private(set) var registers: [ClipboardRegister: String] = [:]
    /// Warnings and failures for the user (the editor shows them).
    public var onReport: ((String, MessageLevel) -> Void)?

    /// An empty clipboard: no paths, only weft's register.
    public init() {}

    /// Copies `text` to `register` through every path.
    /// - Returns: what went where (see ``ClipboardCopy``).
    @discardableResult
    public func set(_ text: String, register: ClipboardRegister = .clipboard) -> ClipboardCopy {
        registers[register] = text
        let size = text.utf8.count
        let breaks = text.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        var result = ClipboardCopy(bytes: size, lines: text.isEmpty ? 0 : breaks + (text.hasSuffix("\n") ? 0 : 1))
        let paths = self.paths
        let carriesWhole = paths.filter { $0.limit.map { size <= $0 } ?? true }
        for path in paths {
            var payload = text
            if let limit = path.limit, size > limit {
                guard carriesWhole.isEmpty else {
                    result.skipped.append(path.name)
                    continue
                }
                payload = Self.prefix(text, maxBytes: limit)
                result.truncated = ClipboardCopy.Cut(path: path.name, sent: payload.utf8.count)
            }
            do {
                let name = path.name
                try path.copy(payload, register: register) { [weak self] failure in
                    self?.onReport?("clipboard: \(name): \(failure)", .error)
                }
                result.paths.append(path.name)
            } catch {
                result.failed.append(path.name)
                onReport?("clipboard: \(path.name): \(error)", .error)
            }
        }
        if let cut = result.truncated {
            onReport?("clipboard: \(cut.path) carried only the first \(Self.size(cut.sent)) of \(Self.size(size)) (the terminal's limit); no local clipboard tool is available for the rest", .warn)
        }
        return result
    }

    /// The text of `register`: read through the first path that can, else
    /// what weft last copied there ("" when nothing was).
    /// - Throws: a `KernelError` when a path that can read fails (a tool
    ///   that errors or times out); the message says which and why.
    public func get(register: ClipboardRegister = .clipboard) throws -> String {
        if let path = paths.first(where: { $0.canPaste }) {
            return try path.paste(register: register)
        }
        return registers[register] ?? ""
    }

    /// The longest prefix of `text` of at most `maxBytes` UTF-8 bytes that
    /// ends between characters (never inside a character or a cluster).
    public static func prefix(_ text: String, maxBytes: Int) -> String {
        guard text.utf8.count > maxBytes else { return text }
        var end = text.startIndex
        var bytes = 0
        for i in text.indices {
            let next = text.index(after: i)
            let n = text.utf8.distance(from: i, to: next)
            if bytes + n > maxBytes { break }
            bytes += n
            end = next
        }
        return String(text[..<end])
    }

    /// `1.2 MB`, `340 KB`, `12 bytes`.
    static func size(_ n: Int) -> String {
        if n >= 1_000_000 { return "\(n / 100_000 / 10).\(n / 100_000 % 10) MB" }
        if n >= 1_000 { return "\(n / 1_000) KB" }
        return "\(n) bytes"
    }
}

/// What one `Clipboard.set` did.
public struct ClipboardCopy: Hashable, Sendable {
    /// A path that got only a prefix of the text.
    public struct Cut: Hashable, Sendable {
        /// The path's name.
        public var path: String
        /// UTF-8 bytes it carried.
        public var sent: Int
    }

    /// UTF-8 bytes of the text.
    public var bytes: Int
    /// Lines of the text (0 for an empty text; a final line break does
    /// not start another line).
    public var lines: Int
    /// Paths the text was handed to (a tool may still fail later).
    public var paths: [String] = []
    /// Paths left out because the text is over their limit and another
    /// path carries it whole.
    public var skipped: [String] = []
    /// Paths that failed at once.
    public var failed: [String] = []
    /// Set when the text was cut for the only paths there were.
    public var truncated: Cut?

    /// Creates an empty record.
    public init(bytes: Int, lines: Int) {
        self.bytes = bytes
        self.lines = lines
    }
}
