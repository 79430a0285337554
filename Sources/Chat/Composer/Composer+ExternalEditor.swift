import Foundation
import Kernel

// Ctrl-G: edit the composer text in `$VISUAL`/`$EDITOR`. The composer only
// writes and reads the file; running the editor (suspending the terminal
// first) is the runner's job, so tests pass a fake one.

extension Composer {
    /// Writes the text to a temporary file (ending in a line break), calls `runner` with its path,
    /// reads the file back into the composer (one undo step; CRLF normalised;
    /// one final line break, which editors add, dropped) and deletes it.
    /// Placeholders of large pastes are written as they are shown and keep
    /// their pastes when they come back unchanged.
    /// - Throws: ``ComposerError/editorFile(path:reason:)`` when the file
    ///   cannot be written or read; whatever `runner` throws (the composer
    ///   is then left unchanged); `KernelError` from the buffer.
    public func openEditor(runner: (String) throws -> Void) throws {
        let path = Self.temporaryPath()
        do {
            // With its final line break, as editors write text files (an
            // editor appending a line must not join it to the last one).
            try (text + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        } catch {
            throw ComposerError.editorFile(path: path, reason: error.localizedDescription)
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        try runner(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ComposerError.editorFile(path: path, reason: "the file is gone or unreadable")
        }
        var edited = String(decoding: data, as: UTF8.self)
        if edited.utf8.contains(13) { edited = Self.normalizeLineEndings(edited) }
        if edited.hasSuffix("\n") { edited.removeLast() }
        if edited != text { try setText(edited) }
    }

    /// Calls ``openEditor(runner:)`` with ``editorRunner`` (Ctrl-G),
    /// reporting problems through `Editor.notify`.
    public func openEditorWithRunner() {
        guard let runner = editorRunner else {
            editor.notify("composer: no external editor is set up (set $VISUAL or $EDITOR)", level: .warn)
            return
        }
        do {
            try openEditor(runner: runner)
        } catch {
            editor.notify("composer: external editor: \(error)", level: .error)
        }
    }

    /// A fresh path in the temporary directory.
    static func temporaryPath() -> String {
        let name = "weft-composer-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).md"
        return (NSTemporaryDirectory() as NSString).appendingPathComponent(name)
    }
}
