/// Per-namespace id bookkeeping of `ExtmarkTable`: the next free id of each
/// namespace and the map (ns, id) -> slot.
///
/// Ids are usually small and dense (1, 2, 3, ... from auto-allocation), so
/// small namespaces keep a dense array indexed by id and only far-away ids
/// (more than twice the array size) go to a dictionary. The common
/// `set`/`get`/`delete` path therefore does no hashing at all.
struct MarkIDIndex {
    /// Namespaces with a raw id below this use dense arrays.
    static let denseNamespaceLimit = 4096

    /// dense[ns][id] = slot, or -1 when that id has no mark.
    private var dense: [[Int32]] = []
    private var sparse: [MarkKey: Int32] = [:]
    private var denseNext: [Int] = []
    private var sparseNext: [Int: Int] = [:]
    /// Number of (ns, id) pairs stored.
    private(set) var count = 0

    /// `id`, or the next free id of `ns` when nil; afterwards the next free
    /// id is above it.
    mutating func claimID(ns: Int, _ id: Int?) -> Int {
        if ns >= 0, ns < Self.denseNamespaceLimit {
            while denseNext.count <= ns { denseNext.append(1) }
            return Self.claim(id, &denseNext[ns])
        }
        return Self.claim(id, &sparseNext[ns, default: 1])
    }

    /// The next id auto-allocation would give in `ns`.
    func nextID(ns: Int) -> Int {
        if ns >= 0, ns < denseNext.count { return denseNext[ns] }
        return sparseNext[ns, default: 1]
    }

    private static func claim(_ id: Int?, _ next: inout Int) -> Int {
        let markID = id ?? next
        if markID >= next, markID < Int.max { next = markID + 1 }
        return markID
    }

    /// The slot of (ns, id), or nil.
    func slot(ns: Int, id: Int) -> Int32? {
        if ns >= 0, ns < dense.count, id >= 0, id < dense[ns].count, dense[ns][id] >= 0 {
            return dense[ns][id]
        }
        if sparse.isEmpty { return nil }
        return sparse[MarkKey(ns: ns, id: id)]
    }

    /// The slot of (ns, id); when absent, stores `candidate` and returns it.
    mutating func slotOrInsert(ns: Int, id: Int, candidate: Int32) -> Int32 {
        if let existing = slot(ns: ns, id: id) { return existing }
        insertAbsent(ns: ns, id: id, slot: candidate)
        return candidate
    }

    /// Stores (ns, id) -> `slot` for a pair known to be absent (an id
    /// `claimID` just allocated is above every id used in its namespace).
    mutating func insertAbsent(ns: Int, id: Int, slot: Int32) {
        count += 1
        if ns >= 0, ns < Self.denseNamespaceLimit, id >= 0 {
            if dense.count <= ns { dense.append(contentsOf: repeatElement([], count: ns + 1 - dense.count)) }
            let size = dense[ns].count
            if id < size || id <= 2 * max(size, 64) {
                // Grown by doubling, not to `id + 1`: ids are allocated one
                // by one, and growing by one element each time cost a
                // generic append per mark.
                if id >= size {
                    dense[ns].append(contentsOf: repeatElement(-1, count: max(id + 1, 2 * size) - size))
                }
                dense[ns][id] = slot
                return
            }
        }
        sparse[MarkKey(ns: ns, id: id)] = slot
    }

    /// Forgets (ns, id).
    mutating func remove(ns: Int, id: Int) {
        if ns >= 0, ns < dense.count, id >= 0, id < dense[ns].count, dense[ns][id] >= 0 {
            dense[ns][id] = -1
            count -= 1
        } else if sparse.removeValue(forKey: MarkKey(ns: ns, id: id)) != nil {
            count -= 1
        }
    }

    /// Every stored pair (for invariant checks).
    var all: [(key: MarkKey, slot: Int32)] {
        var out: [(key: MarkKey, slot: Int32)] = sparse.map { ($0.key, $0.value) }
        for (ns, slots) in dense.enumerated() {
            for (id, slot) in slots.enumerated() where slot >= 0 {
                out.append((MarkKey(ns: ns, id: id), slot))
            }
        }
        return out
    }
}
