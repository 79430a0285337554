import Kernel
import Render

// `/help`: the commands and the composer's keys in aligned groups, each
// description wrapped under its own column so it fits the transcript; it
// is a transcript block, so it scrolls like the conversation.
extension ChatUI {
    func showHelp() {
        showNotice(helpLines(width: max(20, transcriptWidth - 2)).joined(separator: "\n"))
    }

    /// The help text at `width` cells: "Commands", "Keys", "Mouse" groups.
    func helpLines(width: Int) -> [String] {
        let commands = editor.commands.list().map { ("/" + $0.name, $0.desc ?? "") }
        var keys: [(String, String)] = [], mouse: [(String, String)] = []
        for k in editor.keymaps.list(mode: "composer") {
            let isMouse = ["Mouse", "Drag", "Release", "ScrollWheel"].contains { k.lhs.contains($0) }
            if isMouse { mouse.append((KeyLabel.display(k.lhs), k.desc ?? "")) }
            else { keys.append((KeyLabel.display(k.lhs), k.desc ?? "")) }
        }
        var lines = ["Commands (type / for a list as you type)"] + Self.table(commands, width: width)
        lines += ["", "Keys (while typing a message)"] + Self.table(keys, width: width)
        if !mouse.isEmpty { lines += ["", "Mouse"] + Self.table(mouse, width: width) }
        return lines
    }

    /// Rows "  name  description", the descriptions in one column (at most
    /// 22 cells in) and wrapped between words under it.
    static func table(_ rows: [(String, String)], width: Int) -> [String] {
        let column = min(22, (rows.map { TextMeasure.measure($0.0) }.max() ?? 0) + 4)
        var out: [String] = []
        for (name, desc) in rows {
            let head = "  " + name
            let pad = TextMeasure.measure(head) + 2 <= column ? column - TextMeasure.measure(head) : 2
            let first = head + String(repeating: " ", count: pad)
            let room = max(10, width - TextMeasure.measure(first))
            let wrapped = wrapWords(desc, width: room)
            out.append(first + (wrapped.first ?? ""))
            let indent = String(repeating: " ", count: TextMeasure.measure(first))
            out += wrapped.dropFirst().map { indent + $0 }
        }
        return out
    }

    /// `text` in lines of at most `width` cells, broken between words (a
    /// word longer than a line is cut).
    static func wrapWords(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            let next = line.isEmpty ? String(word) : line + " " + word
            if TextMeasure.measure(next) <= width { line = next; continue }
            if !line.isEmpty { lines.append(line) }
            line = TextMeasure.measure(String(word)) > width ? TextMeasure.truncate(String(word), width: width) : String(word)
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
