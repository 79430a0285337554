/// Chooses the cheapest byte sequence that moves the cursor, Neovim's
/// cost model: nothing when already there; `cr` (+ line feeds) for column
/// 0; relative moves (`cuf`/`cub`/`cuu`/`cud`, their one-step forms
/// repeated, `hpa`/`vpa`) when shorter; `cup` otherwise and whenever the
/// position is unknown.
///
/// Relative moves are only planned from a known position that is not in
/// the "pending wrap" state (the encoder forgets the position after writing
/// the last column or an uncertain-width cluster).
///
/// Planning compares byte counts only (plain integers, no allocation); the
/// bytes of the winning plan are produced by `append`. The row diff plans
/// once per changed span, so this is on the hot path of every frame.
final class CursorMotion {
    /// A vertical step: which capability, used for `n` rows.
    enum Vertical: UInt8 { case stay, cud, cud1, cuu, cuu1, vpa }
    /// A horizontal step.
    enum Horizontal: UInt8 { case stay, cuf, cuf1, cub, cub1, cr, hpa }

    /// The cheapest way from one position to another.
    struct Plan {
        enum Kind: UInt8 { case stay, absolute, relative, crlf }
        var kind: Kind
        var vertical = Vertical.stay
        var horizontal = Horizontal.stay
        var cost: Int
    }

    /// The capabilities moves are made of.
    let ti: Terminfo

    /// `cud1` unless it is a line feed: xterm's is "\n", which output
    /// post-processing may turn into CR LF.
    let safeCud1: TerminfoString?

    /// No move to another column of the cursor's row costs fewer bytes
    /// (the shortest of `cup`, `cuf`, `cuf1` and `hpa` with the smallest
    /// parameters; 0 when the terminal has none): re-writing that many
    /// cells in the current pen is never dearer than moving over them.
    let sameRowFloor: Int

    init(ti: Terminfo) {
        self.ti = ti
        safeCud1 = ti.cud1?.format == [0x0A] ? nil : ti.cud1
        let costs = [ti.cup?.length(0, 0), ti.cuf?.length(1, 0), ti.cuf1?.format.count, ti.hpa?.length(0, 0)]
        sameRowFloor = costs.compactMap { $0 }.min() ?? 0
    }

    /// The bytes of the cheapest move from `from` (nil = unknown) to `to`.
    func append(from: Position?, to: Position, into out: inout [UInt8]) {
        let p = plan(from: from, to: to)
        switch p.kind {
        case .stay: break
        case .absolute: ti.cup?.append(to: &out, to.row, to.col)
        case .relative:
            appendVertical(p.vertical, from: from?.row ?? 0, to: to.row, into: &out)
            appendHorizontal(p.horizontal, from: from?.col ?? 0, to: to.col, into: &out)
        case .crlf:
            if from?.col != 0 { ti.cr?.append(to: &out) }
            out.append(contentsOf: repeatElement(0x0A, count: to.row - (from?.row ?? 0)))
        }
    }

    /// The byte count of the cheapest move.
    func cost(from: Position?, to: Position) -> Int {
        plan(from: from, to: to).cost
    }

    /// The cheapest plan (ties keep the earlier candidate: `cup`, then
    /// relative moves, then CR + line feeds).
    func plan(from: Position?, to: Position) -> Plan {
        let absolute = ti.cup.map { Plan(kind: .absolute, cost: $0.length(to.row, to.col)) }
            ?? Plan(kind: .stay, cost: 0)
        guard let from else { return absolute }
        if from == to { return Plan(kind: .stay, cost: 0) }
        var best = absolute
        if ti.cup == nil { best.cost = Int.max }
        let v = vertical(from.row, to.row), h = horizontal(from.col, to.col)
        if let v, let h, v.cost + h.cost < best.cost {
            best = Plan(kind: .relative, vertical: v.step, horizontal: h.step, cost: v.cost + h.cost)
        }
        if to.col == 0, to.row > from.row, let cr = ti.cr {
            let cost = (from.col == 0 ? 0 : cr.length(0, 0)) + (to.row - from.row)
            if cost < best.cost { best = Plan(kind: .crlf, cost: cost) }
        }
        if best.cost == Int.max { best.cost = 0 }
        return best
    }

    private func vertical(_ r0: Int, _ r: Int) -> (step: Vertical, cost: Int)? {
        let n = r - r0
        if n == 0 { return (.stay, 0) }
        var best: (step: Vertical, cost: Int)? = nil
        if n > 0 {
            if let cud = ti.cud { consider(.cud, cud.length(n, 0), &best) }
            if let cud1 = safeCud1 { consider(.cud1, cud1.format.count * n, &best) }
        } else {
            if let cuu = ti.cuu { consider(.cuu, cuu.length(-n, 0), &best) }
            if let cuu1 = ti.cuu1 { consider(.cuu1, cuu1.format.count * -n, &best) }
        }
        if let vpa = ti.vpa { consider(.vpa, vpa.length(r, 0), &best) }
        return best
    }

    private func horizontal(_ c0: Int, _ c: Int) -> (step: Horizontal, cost: Int)? {
        let n = c - c0
        if n == 0 { return (.stay, 0) }
        var best: (step: Horizontal, cost: Int)? = nil
        if n > 0 {
            if let cuf = ti.cuf { consider(.cuf, cuf.length(n, 0), &best) }
            if let cuf1 = ti.cuf1 { consider(.cuf1, cuf1.format.count * n, &best) }
        } else {
            if let cub = ti.cub { consider(.cub, cub.length(-n, 0), &best) }
            if let cub1 = ti.cub1 { consider(.cub1, cub1.format.count * -n, &best) }
            if c == 0, let cr = ti.cr { consider(.cr, cr.length(0, 0), &best) }
        }
        if let hpa = ti.hpa { consider(.hpa, hpa.length(c, 0), &best) }
        return best
    }

    /// Keeps `step` in `best` when it is cheaper (nil `best`: no way yet).
    @inline(__always)
    private func consider<S>(_ step: S, _ cost: Int, _ best: inout (step: S, cost: Int)?) {
        if cost < best?.cost ?? Int.max { best = (step, cost) }
    }

    private func appendVertical(_ step: Vertical, from r0: Int, to r: Int, into out: inout [UInt8]) {
        let n = abs(r - r0)
        switch step {
        case .stay: break
        case .cud: ti.cud?.append(to: &out, n, 0)
        case .cud1: if let s = safeCud1 { for _ in 0..<n { out.append(contentsOf: s.format) } }
        case .cuu: ti.cuu?.append(to: &out, n, 0)
        case .cuu1: if let s = ti.cuu1 { for _ in 0..<n { out.append(contentsOf: s.format) } }
        case .vpa: ti.vpa?.append(to: &out, r, 0)
        }
    }

    private func appendHorizontal(_ step: Horizontal, from c0: Int, to c: Int, into out: inout [UInt8]) {
        let n = abs(c - c0)
        switch step {
        case .stay: break
        case .cuf: ti.cuf?.append(to: &out, n, 0)
        case .cuf1: if let s = ti.cuf1 { for _ in 0..<n { out.append(contentsOf: s.format) } }
        case .cub: ti.cub?.append(to: &out, n, 0)
        case .cub1: if let s = ti.cub1 { for _ in 0..<n { out.append(contentsOf: s.format) } }
        case .cr: ti.cr?.append(to: &out)
        case .hpa: ti.hpa?.append(to: &out, c, 0)
        }
    }
}
