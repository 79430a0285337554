/// The clipboard path through a local tool (`ClipboardTool`): copies run on
/// the loop and are stopped after `timeoutMs`; reads wait at most
/// `timeoutMs` too.
public final class ToolClipboardPath: ClipboardPath {
    /// The tool and its commands.
    public let tool: ClipboardTool
    /// How long a copy or read may take before the tool is killed.
    public var timeoutMs: Int
    private let loop: MainLoop
    private var running: [ObjectIdentifier: ClipboardProcess] = [:]

    /// A path through `tool`, running on `loop`.
    public init(tool: ClipboardTool, loop: MainLoop, timeoutMs: Int = 2000) {
        self.tool = tool
        self.loop = loop
        self.timeoutMs = timeoutMs
    }

    /// The tool's name.
    public var name: String { tool.name }

    /// "xclip: copies to clipboard, primary; reads".
    public var summary: String {
        let registers = ClipboardRegister.allCases.filter { tool.copy[$0] != nil }
            .map { $0 == .clipboard ? "clipboard" : "primary" }
        return "\(tool.name) (\((tool.copy[.clipboard] ?? []).joined(separator: " "))): copies to \(registers.joined(separator: " and "))\(tool.paste.isEmpty ? "" : ", reads")"
    }

    /// Tools can read.
    public var canPaste: Bool { !tool.paste.isEmpty }

    /// Copies copies, still running.
    public var runningCount: Int { running.count }

    /// Starts the tool with `text` on its standard input.
    public func copy(_ text: String, register: ClipboardRegister, report: @escaping (String) -> Void) throws {
        guard let argv = tool.copy[register] else { return }
        var id: ObjectIdentifier?
        let p = try ClipboardProcess.copy(argv, text: text, loop: loop, timeoutMs: timeoutMs) { [weak self] failure in
            if let id { self?.running[id] = nil }
            if let failure { report(failure) }
        }
        id = ObjectIdentifier(p)
        running[ObjectIdentifier(p)] = p
    }

    /// Runs the tool's read command.
    public func paste(register: ClipboardRegister) throws -> String {
        guard let argv = tool.paste[register] ?? tool.paste[.clipboard] else {
            throw KernelError.invalidState("\(tool.name) cannot read the \(register) register")
        }
        return try ClipboardProcess.read(argv, timeoutMs: timeoutMs)
    }
}
