/// Which rows of a buffer changed since a moment: a drawer that keeps the
/// lines it drew last frame asks for the rows changed since then and
/// draws only those again (a streamed reply changes one or two lines a
/// frame; the other lines on screen need neither their text compared nor
/// their marks listed).
///
/// Every text edit and every mark change records its rows. An edit that
/// adds or removes lines records everything from its first row on, as
/// the rows after it now hold other lines. The log keeps the last
/// ``capacity`` records (a record that covers the one before replaces
/// it, so editing one line again and again takes one); asking about a
/// moment older than that answers "every row".
///
/// ```swift
/// let seen = buf.damage.stamp
/// try buf.setLines(3, 4, ["new"])
/// buf.damage.rows(since: seen)   // 3..<4
/// ```
public final class RowDamage {
    // Not checked for exclusivity at run time: a record made four checks
    // (about 310 instructions, 6% of an `extmark.set`), and these methods
    // call nothing outside the class.

    /// Increases with every record: pass it to ``rows(since:)`` later.
    @exclusivity(unchecked) public private(set) var stamp = 0
    /// Records, oldest first; each stands for the changes up to its stamp.
    @exclusivity(unchecked) private var log: [(stamp: Int, rows: Range<Int>)] = []
    /// Changes at or before this stamp have left the log.
    @exclusivity(unchecked) private var forgotten = 0
    /// Records kept.
    public static let capacity = 32

    /// An empty log.
    public init() {}

    /// Records that `rows` changed (in the buffer's current numbering).
    public func record(_ rows: Range<Int>) {
        guard !rows.isEmpty else { return }
        stamp += 1
        if let last = log.last, rows.lowerBound <= last.rows.lowerBound, last.rows.upperBound <= rows.upperBound {
            // The last record's rows are among these (the same line edited
            // again): replacing it loses nothing, whatever the query.
            log[log.count - 1] = (stamp, rows)
            return
        }
        if log.count == Self.capacity { forgotten = log.removeFirst().stamp }
        log.append((stamp, rows))
    }

    /// Records a text edit that replaced rows `first..<lastOld` with
    /// `first..<lastNew`. Row `lastNew` is included: marks on replaced
    /// whole lines move to its start (`ExtmarkStore.splice`).
    public func recordEdit(first: Int, lastOld: Int, lastNew: Int) {
        record(lastOld == lastNew ? first..<(lastNew + 1) : first..<Int.max)
    }

    /// One range holding every row changed after `since` (a ``stamp`` read
    /// earlier), nil when nothing changed, `0..<Int.max` when the log no
    /// longer reaches back that far.
    public func rows(since: Int) -> Range<Int>? {
        guard since < stamp else { return nil }
        guard since >= forgotten else { return 0..<Int.max }
        var lo = Int.max, hi = Int.min
        for entry in log.reversed() {
            guard entry.stamp > since else { break }
            lo = min(lo, entry.rows.lowerBound)
            hi = max(hi, entry.rows.upperBound)
        }
        return lo < hi ? lo..<hi : nil
    }
}
