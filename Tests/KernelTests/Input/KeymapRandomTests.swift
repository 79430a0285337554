import Testing
@testable import Kernel

/// Random set/del/feed/timeout against a shadow model: plain dictionaries of
/// mappings and a brute-force resolver that scans them instead of a trie.
@Suite struct KeymapRandomTests {
    struct Scope: Hashable { let mode: String; let buf: Int? }
    struct ShadowMap { var rhs: String; var nowait: Bool }

    /// The shadow model: mappings per scope, and the pending-key resolver.
    struct Shadow {
        var maps: [Scope: [[String]: ShadowMap]] = [:]
        var pending: [String] = []
        var mode = "", buf: Int? = nil

        func exact(_ keys: [String]) -> (String, ShadowMap)? {
            let local = buf.flatMap { maps[Scope(mode: mode, buf: $0)]?[keys] }
            if let l = local { return ("\(KeyNotation.format(keys))@\(buf ?? 0)", l) }
            if let g = maps[Scope(mode: mode, buf: nil)]?[keys] { return ("\(KeyNotation.format(keys))@0", g) }
            return nil
        }

        func longer(_ keys: [String]) -> Bool {
            let scopes = [Scope(mode: mode, buf: nil)] + (buf.map { [Scope(mode: mode, buf: $0)] } ?? [])
            return scopes.contains { s in
                (maps[s] ?? [:]).keys.contains { $0.count > keys.count && Array($0.prefix(keys.count)) == keys }
            }
        }

        mutating func resolve(force: Bool, out: inout [String]) {
            var force = force
            while !pending.isEmpty {
                let e = exact(pending)
                if longer(pending) && !force && !(e?.1.nowait ?? false) { return }
                force = false
                if let (name, m) = e {
                    out.append("matched(\(name)#\(m.rhs))")
                    pending = []
                    return
                }
                var fired = false
                for n in stride(from: pending.count - 1, through: 1, by: -1) {
                    if let (name, m) = exact(Array(pending.prefix(n))) {
                        out.append("matched(\(name)#\(m.rhs))")
                        pending.removeFirst(n)
                        fired = true
                        break
                    }
                }
                if !fired { out.append("unmapped(\(pending.removeFirst()))") }
            }
        }

        mutating func feed(_ key: String, mode: String, buf: Int?) -> [String] {
            var out: [String] = []
            if !pending.isEmpty && (mode != self.mode || buf != self.buf) {
                while !pending.isEmpty { resolve(force: true, out: &out) }
            }
            self.mode = mode
            self.buf = buf
            pending.append(key)
            resolve(force: false, out: &out)
            return Shadow.merge(out) + (pending.isEmpty ? [] : ["pending"])
        }

        mutating func timeout() -> [String] {
            guard !pending.isEmpty else { return [] }
            var out: [String] = []
            resolve(force: true, out: &out)
            return Shadow.merge(out) + (pending.isEmpty ? [] : ["pending"])
        }

        /// Merges consecutive `unmapped(k)` entries as the dispatcher does.
        static func merge(_ items: [String]) -> [String] {
            var out: [String] = []
            for item in items {
                if item.hasPrefix("unmapped("), let last = out.last, last.hasPrefix("unmapped(") {
                    out[out.count - 1] = String(last.dropLast()) + " " + item.dropFirst("unmapped(".count)
                } else {
                    out.append(item)
                }
            }
            return out
        }
    }

    /// Dispatcher results in the shadow's spelling (lhs@buf#rhs).
    func spell(_ results: [DispatchResult]) -> [String] {
        results.map { r in
            if case .matched(let e) = r {
                return "matched(\(KeyNotation.format(e.keys))@\(e.options.buf?.raw ?? 0)#\(e.action.summary))"
            }
            return r.description
        }
    }

    @Test func randomOperationsMatchTheShadowModel() throws {
        let seed = InputTestRNG.seed()
        var rng = InputTestRNG(seed: seed)
        let alphabet = ["a", "b", "<C-x>", "<CR>", "é"]
        let modes = ["n", "i"]
        let bufs: [Int?] = [nil, nil, 1, 2]
        let table = KeymapTable()
        let d = KeyDispatcher(table: table)
        var shadow = Shadow()
        var serial = 0
        func randomKeys() -> [String] {
            (0..<Int.random(in: 1...3, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "a" }
        }
        for step in 0..<3000 {
            let mode = modes.randomElement(using: &rng) ?? "n"
            let buf = bufs.randomElement(using: &rng) ?? nil
            let roll = Int.random(in: 0..<100, using: &rng)
            let context = "seed \(seed) step \(step)"
            if roll < 25 {
                let keys = randomKeys()
                let nowait = Int.random(in: 0..<5, using: &rng) == 0
                serial += 1
                try table.set(mode: mode, lhs: KeyNotation.format(keys), rhs: .command("r\(serial)"),
                              options: KeymapOptions(buf: buf.map(BufferID.init), nowait: nowait))
                shadow.maps[Scope(mode: mode, buf: buf), default: [:]][keys] = ShadowMap(rhs: "r\(serial)", nowait: nowait)
            } else if roll < 40 {
                let keys = randomKeys()
                let scope = Scope(mode: mode, buf: buf)
                let exists = shadow.maps[scope]?[keys] != nil
                var threw = false
                do { try table.del(mode: mode, lhs: KeyNotation.format(keys), buf: buf.map(BufferID.init)) } catch { threw = true }
                #expect(threw == !exists, "\(context): del \(keys)")
                shadow.maps[scope]?[keys] = nil
            } else if roll < 92 {
                let key = alphabet.randomElement(using: &rng) ?? "a"
                let got = spell(d.feed(key: KernelTests.key(key), mode: mode, buf: buf.map(BufferID.init), now: step))
                let want = shadow.feed(key, mode: mode, buf: buf)
                #expect(got == want, "\(context): feed \(key) in \(mode)/\(String(describing: buf))")
            } else {
                #expect(spell(d.timeout(now: step)) == shadow.timeout(), "\(context): timeout")
            }
            #expect(d.pending.tokens == shadow.pending, "\(context): pending")
            guard step % 20 == 0 else { continue }
            #expect(table.checkInvariants() == [], "\(context): invariants")
            let listed = Set(table.list().map { "\($0.mode)|\($0.buf?.raw ?? 0)|\($0.lhs)|\($0.rhs)|\($0.nowait)" })
            var expected: Set<String> = []
            for (scope, maps) in shadow.maps {
                for (keys, m) in maps {
                    expected.insert("\(scope.mode)|\(scope.buf ?? 0)|\(KeyNotation.format(keys))|\(m.rhs)|\(m.nowait)")
                }
            }
            #expect(listed == expected, "\(context): list")
            if listed != expected || d.pending.tokens != shadow.pending { return }
        }
    }
}
