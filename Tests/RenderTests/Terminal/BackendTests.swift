import Foundation
import Testing
@testable import Render
#if canImport(Glibc)
import Glibc
#endif

/// The headless backend (the TTY backend is tested with the device suite,
/// which is serialized because the emergency-restore state is global).
@Suite struct BackendTests {
    @Test func headlessRecordsFramesAndSize() throws {
        let backend = HeadlessBackend(size: Size(width: 20, height: 5))
        #expect(backend.size == Size(width: 20, height: 5))
        backend.size = Size(width: 30, height: 6)
        #expect(backend.size.width == 30)
        try backend.write(Array("ab".utf8))
        try backend.write(Array("c".utf8))
        #expect(backend.written == Array("abc".utf8))
        #expect(backend.frames.count == 2)
        backend.clearWritten()
        #expect(backend.written.isEmpty && backend.frames.isEmpty)
    }

    @Test func headlessInjectedInputIsReadOnce() {
        let backend = HeadlessBackend()
        backend.inject([.key("a"), .focus(false)])
        backend.injectBytes(Array("\u{1b}[1;5A\u{1b}".utf8))
        #expect(backend.readInput() == [.key("a"), .focus(false), .key("<C-Up>"), .key("<Esc>")])
        #expect(backend.readInput() == [])
        #expect(backend.pendingTimeoutMs == nil)
    }
}
