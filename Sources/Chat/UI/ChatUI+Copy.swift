import Kernel
import Render

// `/copy`: the last reply as its markdown source; `/copy N` the Nth reply
// from the end; `/copy code` the last reply's code block (a picker when it
// has several). Everything goes through `weft.clipboard` (OSC 52 and the
// local tool) with a notice in the status line.
extension ChatUI {
    func installCopyCommand() throws {
        try editor.commands.create(
            name: "copy",
            options: CommandOptions(desc: "copy the last reply; /copy N: an earlier one; /copy code: a code block",
                                    nargs: .optional, complete: { _ in ["code"] }, owner: "weft")
        ) { [unowned self] inv in
            try self.copyCommand(inv.args.trimmingCharacters(in: .whitespaces))
        }
    }

    func copyCommand(_ args: String) throws {
        let replies = Self.replies(controller.messages)
        switch args {
        case "":
            guard let last = replies.last else { return notice("no reply to copy yet") }
            copy(last, what: "the last reply")
        case "code":
            guard let last = replies.last else { return notice("no reply to copy yet") }
            let blocks = CodeBlocks.find(in: last)
            switch blocks.count {
            case 0: notice("the last reply has no code block")
            case 1: copy(blocks[0].code, what: "the code block")
            default: openCodePicker(blocks)
            }
        default:
            guard let n = Int(args), n >= 1 else {
                throw KernelError.invalidArgument("usage: /copy [N | code] (N counts replies from the end, 1 = the last)")
            }
            guard n <= replies.count else {
                return notice("there \(replies.count == 1 ? "is" : "are") only \(replies.count) repl\(replies.count == 1 ? "y" : "ies")")
            }
            copy(replies[replies.count - n], what: n == 1 ? "the last reply" : "reply \(n) from the end")
        }
    }

    /// The text of every assistant message that has some, oldest first
    /// (a message's text blocks joined by a blank line).
    static func replies(_ messages: [ChatMessage]) -> [String] {
        messages.compactMap { m -> String? in
            guard m.role == .assistant else { return nil }
            let texts = m.blocks.compactMap { b -> String? in
                if case .assistantText(let t) = b, !t.isEmpty { return t }
                return nil
            }
            return texts.isEmpty ? nil : texts.joined(separator: "\n\n")
        }
    }
}

/// The fenced and indented code blocks of a markdown text, in order.
public enum CodeBlocks {
    /// One code block: its language (from the fence's info) and its code.
    public struct Block: Hashable, Sendable {
        /// The first word of the fence's info string ("swift"); may be empty.
        public var language: String
        /// The code, without the final line break.
        public var code: String
    }

    /// The code blocks of `markdown`, nested ones (in lists, quotes) included.
    public static func find(in markdown: String) -> [Block] {
        var out: [Block] = []
        func walk(_ node: MarkdownNode) {
            if case .codeBlock(let info) = node.kind {
                var code = node.literal
                if code.hasSuffix("\n") { code.removeLast() }
                let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" }).first.map(String.init) ?? ""
                out.append(Block(language: language, code: code))
            }
            node.children.forEach(walk)
        }
        walk(MarkdownNode.parse(markdown))
        return out
    }
}

extension ChatUI {
    /// Mouse selection, the transcript's keyboard mode, `/copy` and its picker.
    func installTextOut() throws {
        try installTranscriptKeymaps()
        try installPickerKeymaps()
        try installCopyCommand()
    }

    /// The transcript was replaced (`/new`, a session loaded): no
    /// selection survives, and a cursor in it moves to the start.
    func transcriptReset() {
        textOut.generation += 1
        stopAutoscroll()
        textOut.drag = nil
        clearSelection()
        if editor.mode == TranscriptMode.visual { try? editor.setMode(TranscriptMode.normal) }
        transcript.cursor = Position(row: 0, col: 0)
    }

    /// Whether a mouse release copies the selection (`copy_on_select`).
    public var copyOnSelect: Bool {
        get { textOut.copyOnSelect }
        set { textOut.copyOnSelect = newValue }
    }
}
