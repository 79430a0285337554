#if canImport(Glibc)
import Glibc
#endif

/// Stops the run when an invariant does not hold: prints `message` (with
/// the target's name) to stderr and aborts, so libFuzzer saves the input
/// as a crash (`crash-<sha1>`) that reproduces it.
public func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String,
                      file: StaticString = #fileID, line: UInt = #line) {
    guard !condition else { return }
    let text = "fuzz check failed (\(file):\(line)): \(message())\n"
    _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    abort()
}

/// A short printable form of `bytes` for failure messages.
public func fuzzDescribe(_ bytes: [UInt8], limit: Int = 400) -> String {
    var s = ""
    for b in bytes.prefix(limit) {
        if b >= 0x20 && b < 0x7F && b != 0x5C { s.unicodeScalars.append(Unicode.Scalar(b)) }
        else { s += "\\x" + String(b, radix: 16, uppercase: false).leftPadded(2) }
    }
    return bytes.count > limit ? s + "... (\(bytes.count) bytes)" : s
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
