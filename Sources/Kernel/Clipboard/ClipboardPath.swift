/// One way text can reach the system clipboard: the terminal (OSC 52) or a
/// local tool (`wl-copy`, `xclip`, `xsel`, `pbcopy`, `tmux`).
///
/// `Clipboard` writes every copy through each of its paths; a path says how
/// much text it can carry (`limit`) so a text too long for one is sent
/// whole through another, or cut with a warning when no path can take it.
public protocol ClipboardPath: AnyObject {
    /// A short name for notices and `--health` ("osc52", "xclip").
    var name: String { get }
    /// One line for `--health`: what it is and its limits.
    var summary: String { get }
    /// The most UTF-8 bytes one copy carries whole; nil: no limit.
    var limit: Int? { get }
    /// Whether the path can read the clipboard back (`paste`).
    var canPaste: Bool { get }
    /// Sends `text` (already cut to `limit`). A failure found at once
    /// throws; a later one (a tool that fails or hangs) goes to `report`.
    func copy(_ text: String, register: ClipboardRegister, report: @escaping (String) -> Void) throws
    /// The clipboard's text.
    /// - Throws: a `KernelError` saying why it could not be read.
    func paste(register: ClipboardRegister) throws -> String
}

extension ClipboardPath {
    /// No limit.
    public var limit: Int? { nil }
    /// Cannot read.
    public var canPaste: Bool { false }
    /// Cannot read.
    public func paste(register: ClipboardRegister) throws -> String {
        throw KernelError.invalidState("\(name) cannot read the clipboard")
    }
}
