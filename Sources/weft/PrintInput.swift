import Glibc
import Kernel

/// Where print mode's prompt comes from: `-p PROMPT`, or stdin for `-p`
/// alone and `-p -`. With a prompt and text piped in (a pipe or a file on
/// stdin, not a terminal or /dev/null), the piped text comes first, as
/// context, and the prompt after it:
///
/// ```sh
/// echo "what is 2+2" | weft -p
/// cat error.log | weft -p "explain this error"
/// ```
enum PrintInput {
    /// Why no prompt could be made (exit code 2).
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// `-p` alone with a terminal on stdin: nothing to read.
        case noPrompt
        /// The prompt (and stdin) are empty or blank.
        case empty
        /// stdin could not be read.
        case unreadable(String)
        /// stdin did not end before the `--timeout` deadline (exit code 4).
        case timedOut

        var description: String {
            switch self {
            case .noPrompt: return "-p needs a prompt: weft -p \"your question\", or pipe it: echo question | weft -p"
            case .empty: return "-p needs a prompt: the prompt is empty"
            case .unreadable(let why): return "cannot read the prompt from stdin: \(why)"
            case .timedOut: return "stdin did not end before the deadline (--timeout)"
            }
        }
    }

    /// What stdin is, as far as print mode cares.
    enum Stdin: Equatable {
        /// A terminal: never read (a user would have to type an EOF).
        case terminal
        /// A pipe or a regular file: read to its end.
        case data
        /// Anything else (/dev/null, a socket, closed): not read.
        case nothing
    }

    /// The prompt to send for the `-p` argument (nil when none was given).
    /// - Parameters:
    ///   - stdin: what fd 0 is (see ``classify(fd:)``).
    ///   - read: reads stdin to its end (called only when it is data).
    static func prompt(argument: String?, stdin: Stdin, read: () throws -> String) throws(Failure) -> String {
        let fromStdin = argument == nil || argument == "-"
        var piped = ""
        if stdin == .data {
            do { piped = try read() } catch is PrintInputTimeout { throw .timedOut } catch { throw .unreadable("\(error)") }
        } else if fromStdin {
            if stdin == .terminal { throw .noPrompt }
        }
        let text: String
        if fromStdin {
            text = piped
        } else if piped.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            text = argument ?? ""
        } else {
            text = piped + (piped.hasSuffix("\n") ? "\n" : "\n\n") + (argument ?? "")
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .empty }
        return text
    }

    /// Classifies a file descriptor (stdin by default).
    static func classify(fd: Int32 = STDIN_FILENO) -> Stdin {
        if isatty(fd) == 1 { return .terminal }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .nothing }
        let type = st.st_mode & S_IFMT
        return type == S_IFIFO || type == S_IFREG ? .data : .nothing
    }

    /// Reads `fd` to its end; invalid UTF-8 becomes U+FFFD.
    /// - Parameter deadline: the `SystemClock` time by which it must end
    ///   (`UInt64.max`: none).
    /// - Throws: ``PrintInputTimeout`` past the deadline, ``PrintInputError``.
    static func readAll(fd: Int32 = STDIN_FILENO, deadline: UInt64 = .max) throws -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if deadline != .max {
                let now = SystemClock().nowNanos
                guard now < deadline else { throw PrintInputTimeout() }
                var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ms = Int32(min(60_000, (deadline - now) / 1_000_000 + 1))
                if poll(&p, 1, ms) == 0 { continue }
            }
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw PrintInputError(errno: errno)
            }
            bytes += chunk[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// stdin was still open at the `--timeout` deadline.
struct PrintInputTimeout: Error {}

/// A failed read of stdin, with the system's message.
struct PrintInputError: Error, CustomStringConvertible {
    let errno: Int32
    var description: String { String(cString: strerror(errno)) }
}
