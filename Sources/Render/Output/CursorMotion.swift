/// Chooses the cheapest byte sequence that moves the cursor, Neovim's
/// cost model: nothing when already there; `cr` (+ line feeds) for column
/// 0; relative moves (`cuf`/`cub`/`cuu`/`cud`, their one-step forms
/// repeated, `hpa`/`vpa`) when shorter; `cup` otherwise and whenever the
/// position is unknown.
///
/// Relative moves are only planned from a known position that is not in
/// the "pending wrap" state (the encoder forgets the position after writing
/// the last column or an uncertain-width cluster).
struct CursorMotion {
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

    let ti: Terminfo

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
            let crlf: (Step, Step) = (.cap(cr, 0, 0), .lineFeeds(to.row - from.row))
            if crlf.0.cost + crlf.1.cost < bestCost { best = crlf }
        }
        return best
    }

    private func vertical(_ r0: Int, _ r: Int) -> Step? {
        let n = r - r0
        if n == 0 { return Step.stay }
        var options: [Step] = []
        if n > 0 {
            if let cud = ti.cud { options.append(.cap(cud, n, 0)) }
            // cud1 is "\n" on xterm, which output post-processing may turn
            // into CR LF: only use a one-step down that is not a line feed.
            if let cud1 = ti.cud1, cud1.format != [0x0A] { options.append(.repeated(cud1, n)) }
        } else {
            if let cuu = ti.cuu { options.append(.cap(cuu, -n, 0)) }
            if let cuu1 = ti.cuu1 { options.append(.repeated(cuu1, -n)) }
        }
        if let vpa = ti.vpa { options.append(.cap(vpa, r, 0)) }
        return cheapest(options)
    }

    private func horizontal(_ c0: Int, _ c: Int) -> Step? {
        let n = c - c0
        if n == 0 { return Step.stay }
        var options: [Step] = []
        if n > 0 {
            if let cuf = ti.cuf { options.append(.cap(cuf, n, 0)) }
            if let cuf1 = ti.cuf1 { options.append(.repeated(cuf1, n)) }
        } else {
            if let cub = ti.cub { options.append(.cap(cub, -n, 0)) }
            if let cub1 = ti.cub1 { options.append(.repeated(cub1, -n)) }
            if c == 0, let cr = ti.cr { options.append(.cap(cr, 0, 0)) }
        }
        if let hpa = ti.hpa { options.append(.cap(hpa, c, 0)) }
        return cheapest(options)
    }

    /// The cheapest option; nil when the terminal has no way to make the
    /// move (then `cup` is used).
    private func cheapest(_ options: [Step]) -> Step? {
        var best: Step? = nil
        var bestCost = Int.max
        for o in options where o.cost < bestCost {
            best = o
            bestCost = o.cost
        }
        return best
    }
}
