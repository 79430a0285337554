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
    /// Records in a ring of ``capacity`` slots, oldest at `head`; each
    /// stands for the changes up to its stamp. A ring, not an array with
    /// `removeFirst`: a loop setting one mark per row records a new range
    /// every time, and shifting the full log down cost 200 instructions a
    /// record.
    @exclusivity(unchecked) private var ring: [(stamp: Int, rows: Range<Int>)] = []
    /// Index in `ring` of the oldest record (once the ring is full).
    @exclusivity(unchecked) private var head = 0
    /// Changes at or before this stamp have left the log.
    @exclusivity(unchecked) private var forgotten = 0
    /// Records kept.
    public static let capacity = 32

    /// An empty log.
    public init() {}

    /// Index in `ring` of the newest record (the ring is not empty).
    private var newest: Int {
        ring.count < Self.capacity ? ring.count - 1 : (head + Self.capacity - 1) % Self.capacity
    }

    /// Records that `rows` changed (in the buffer's current numbering).
    public func record(_ rows: Range<Int>) {
        guard !rows.isEmpty else { return }
        stamp += 1
        if !ring.isEmpty {
            let n = newest
            let last = ring[n].rows
            if rows.lowerBound <= last.lowerBound, last.upperBound <= rows.upperBound {
                // The last record's rows are among these (the same line edited
                // again): replacing it loses nothing, whatever the query.
                ring[n] = (stamp, rows)
                return
            }
        }
        if ring.count < Self.capacity {
            ring.append((stamp, rows))
        } else {
            forgotten = ring[head].stamp
            ring[head] = (stamp, rows)
            head = head + 1 == Self.capacity ? 0 : head + 1
        }
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
        var k = ring.count
        var i = newest
        while k > 0 {
            let entry = ring[i]
            guard entry.stamp > since else { break }
            lo = min(lo, entry.rows.lowerBound)
            hi = max(hi, entry.rows.upperBound)
            i = i == 0 ? ring.count - 1 : i - 1
            k -= 1
        }
        return lo < hi ? lo..<hi : nil
    }
}
