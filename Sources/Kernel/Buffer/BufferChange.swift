/// What changed in a buffer: lines `[first, lastOld)` were replaced by lines
/// `[first, lastNew)`. Fired as the `buf_changed` event after every edit.
public struct BufferChange: Hashable, Sendable {
    public var buf: BufferID
    public var first: Int
    public var lastOld: Int
    public var lastNew: Int
    /// The buffer's change counter after this edit.
    public var tick: Int

    public init(buf: BufferID, first: Int, lastOld: Int, lastNew: Int, tick: Int) {
        self.buf = buf
        self.first = first
        self.lastOld = lastOld
        self.lastNew = lastNew
        self.tick = tick
    }
}
