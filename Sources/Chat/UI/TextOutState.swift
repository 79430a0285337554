import Kernel
import Render

/// What the chat UI keeps for getting text out of the transcript: the
/// mouse drag in progress, the keyboard mode's cursor state, and the
/// options (`weft.chat.set_config`).
struct TextOutState {
    /// A left-button drag over the transcript.
    struct Drag {
        /// Where the press landed (a buffer position).
        var anchor: Position
        /// 1: by character, 2: by word (double click), 3: by line (triple click).
        var clicks: Int
        /// The word or line the press selected (clicks 2 and 3).
        var unit: Range<Int>
        /// Whether the pointer moved with the button held.
        var moved = false
        /// The last pointer cell (for the auto-scroll timer).
        var pointer: Position
    }

    var drag: Drag?
    /// Scrolls while a drag is held above or below the transcript.
    var autoscroll: TimerID?
    /// Which way it scrolls.
    var autoscrollUp = false
    /// Copy a mouse selection when the button is released.
    var copyOnSelect = true

    /// The keyboard mode: the anchor of Visual mode (nil: not in Visual).
    var visualAnchor: Position?
    /// The display column j and k try to keep.
    var wantColumn: Int?
    /// The last search (`/`), for n and N.
    var lastSearch = ""
    /// Whether the last search went forward.
    var searchForward = true
    /// The search being typed after `/`.
    var searchInput: String?
    /// Where the cursor was when `/` was typed, and the mode it came from.
    var searchOrigin: (cursor: Position, mode: String)?
    /// The view followed the tail when the mode was entered.
    var followedBefore = false
    /// The code blocks the `/copy code` picker offers.
    var picker: CodePicker?
    /// Bumped when the transcript is replaced (inline mode restarts).
    var generation = 0
}
