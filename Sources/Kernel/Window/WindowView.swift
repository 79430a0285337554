/// The scroll state of a window: where its view of the buffer starts, in
/// wrapped rows. The one view value of weft: the kernel stores it on each
/// ``Window`` and Render's `Viewport` computes new ones from it.
///
/// `topline` is the first buffer line shown (0-based) and `skip` the number
/// of its wrapped rows hidden above the window. `follow` keeps the view at
/// the tail while lines are appended; it is dropped when the user scrolls
/// up and set again when the view reaches the tail.
public struct WindowView: Hashable, Sendable {
    /// First buffer line shown.
    public var topline: Int
    /// Wrapped rows of `topline` hidden above the window.
    public var skip: Int
    /// Keep the last row at the bottom as content grows.
    public var follow: Bool

    /// Creates a view; the default is the top of the buffer, not following.
    public init(topline: Int = 0, skip: Int = 0, follow: Bool = false) {
        self.topline = topline
        self.skip = skip
        self.follow = follow
    }
}
