import Foundation
import Kernel
@testable import Chat

/// A composer in a focused `composer` window with its keymaps installed and
/// the editor in mode "composer", as the chat UI sets it up.
struct ComposerFixture {
    let editor: Editor
    let composer: Composer

    init(history: ComposerHistory = ComposerHistory()) throws {
        editor = Editor()
        var spec = WindowSpec()
        spec.enter = true
        composer = try Composer(editor: editor, spec: spec, history: history)
        try composer.installKeymaps(editor: editor)
        try editor.setMode(Composer.mode)
    }

    /// Types keys in Neovim notation.
    func keys(_ notation: String) throws {
        try editor.feedKeys(notation)
    }

    var lines: [String] { (try? composer.buffer().lines) ?? [] }
}

/// Collects submitted texts.
final class ComposerSubmitLog {
    var texts: [String] = []
    func attach(_ c: Composer) { c.onSubmit = { [unowned self] in self.texts.append($0) } }
}

/// A fresh temporary directory, removed by the caller with `cleanup`.
func composerTempDir(_ label: String) throws -> String {
    let path = NSTemporaryDirectory() + "weft-composer-test-\(label)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func composerCleanup(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

/// The seeded generator of the composer tests.
typealias ComposerRNG = SplitMix64

/// The seed from `WEFT_SEED`, or one from the clock.
func composerTestSeed() -> UInt64 { SplitMix64.seed() }
