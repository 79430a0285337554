/// Errors from the terminal device and the input decoder.
public enum TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file descriptor is not a terminal (or termios failed): `errno` text.
    case notATerminal(String)
    /// Opening a terminal device failed (path, `errno` text).
    case open(String, String)
    /// Writing to the terminal failed: `errno` text.
    case write(String)
    /// libtermkey could not be set up.
    case inputDecoder(String)

    public var description: String {
        switch self {
        case .notATerminal(let m): return "not a terminal: \(m)"
        case .open(let path, let m): return "cannot open \(path): \(m)"
        case .write(let m): return "terminal write failed: \(m)"
        case .inputDecoder(let m): return "input decoder: \(m)"
        }
    }
}
