/// Chooses the cheapest byte sequence that moves the cursor, Neovim's
/// cost model: nothing when already there; `cr` (+ line feeds) for column
/// 0; relative moves (`cuf`/`cub`/`cuu`/`cud`, their one-step forms
/// repeated, `hpa`/`vpa`) when shorter; `cup` otherwise and whenever the
/// position is unknown.
///
/// Relative moves are only planned from a known position that is not in
/// the "pending wrap" state (the encoder forgets the position after writing
/// the last column or an uncertain-width cluster).
final class CursorMotion {
    /// One piece of a motion: a capability with parameters, a one-step
    /// capability repeated, or bare line feeds.
    enum Step {
        case stay
        case cap(TerminfoString, Int, Int)
        case repeated(TerminfoString, Int)
        case lineFeeds(Int)

        var cost: Int {
            switch self {
            case .stay: return 0
            case .cap(let s, let a, let b): return s.length(a, b)
            case .repeated(let s, let n): return s.format.count * n
            case .lineFeeds(let n): return n
            }
        }

        func append(to out: inout [UInt8]) {
            switch self {
            case .stay: break
            case .cap(let s, let a, let b): s.append(to: &out, a, b)
            case .repeated(let s, let n): for _ in 0..<n { out.append(contentsOf: s.format) }
            case .lineFeeds(let n): out.append(contentsOf: repeatElement(0x0A, count: n))
            }
        }
    }

    /// The capabilities moves are made of.
    let ti: Terminfo

    /// `cud1` unless it is a line feed: xterm's is "\n", which output
    /// post-processing may turn into CR LF.
    let safeCud1: TerminfoString?

    init(ti: Terminfo) {
        self.ti = ti
        safeCud1 = ti.cud1?.format == [0x0A] ? nil : ti.cud1
    }

    /// The bytes of the cheapest move from `from` (nil = unknown) to `to`.
    func append(from: Position?, to: Position, into out: inout [UInt8]) {
        let (first, second) = plan(from: from, to: to)
        first.append(to: &out)
        second.append(to: &out)
    }

    /// The byte count of the cheapest move.
    func cost(from: Position?, to: Position) -> Int {
        let (first, second) = plan(from: from, to: to)
        return first.cost + second.cost
    }

    /// The cheapest (vertical, horizontal) pair of steps.
    func plan(from: Position?, to: Position) -> (Step, Step) {
        let absolute: (Step, Step) = ti.cup.map { (.cap($0, to.row, to.col), .stay) } ?? (.stay, .stay)
        guard let from else { return absolute }
        if from == to { return (.stay, .stay) }
        var best = absolute
        var bestCost = ti.cup == nil ? Int.max : best.0.cost
        if let v = vertical(from.row, to.row), let h = horizontal(from.col, to.col),
           v.cost + h.cost < bestCost {
            best = (v, h)
            bestCost = v.cost + h.cost
        }
        if to.col == 0, to.row > from.row, let cr = ti.cr {
            let crlf: (Step, Step) = (from.col == 0 ? .stay : .cap(cr, 0, 0), .lineFeeds(to.row - from.row))
            if crlf.0.cost + crlf.1.cost < bestCost { best = crlf }
        }
        return best
    }

    private func vertical(_ r0: Int, _ r: Int) -> Step? {
        let n = r - r0
        if n == 0 { return Step.stay }
        var best: (step: Step, cost: Int)? = nil
        if n > 0 {
            if let cud = ti.cud { consider(.cap(cud, n, 0), &best) }
            if let cud1 = safeCud1 { consider(.repeated(cud1, n), &best) }
        } else {
            if let cuu = ti.cuu { consider(.cap(cuu, -n, 0), &best) }
            if let cuu1 = ti.cuu1 { consider(.repeated(cuu1, -n), &best) }
        }
        if let vpa = ti.vpa { consider(.cap(vpa, r, 0), &best) }
        return best?.step
    }

    private func horizontal(_ c0: Int, _ c: Int) -> Step? {
        let n = c - c0
        if n == 0 { return Step.stay }
        var best: (step: Step, cost: Int)? = nil
        if n > 0 {
            if let cuf = ti.cuf { consider(.cap(cuf, n, 0), &best) }
            if let cuf1 = ti.cuf1 { consider(.repeated(cuf1, n), &best) }
        } else {
            if let cub = ti.cub { consider(.cap(cub, -n, 0), &best) }
            if let cub1 = ti.cub1 { consider(.repeated(cub1, -n), &best) }
            if c == 0, let cr = ti.cr { consider(.cap(cr, 0, 0), &best) }
        }
        if let hpa = ti.hpa { consider(.cap(hpa, c, 0), &best) }
        return best?.step
    }

    /// Keeps `step` in `best` when it is cheaper (nil `best`: no way yet).
    private func consider(_ step: Step, _ best: inout (step: Step, cost: Int)?) {
        let cost = step.cost
        if cost < best?.cost ?? Int.max { best = (step, cost) }
    }
}
