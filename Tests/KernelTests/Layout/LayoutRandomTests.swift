import Foundation
import Testing
@testable import Kernel

private typealias LayoutRNG = SplitMix64

private func seedFromEnvironment() -> UInt64 { SplitMix64.seed() }

/// Problems with `rects` as a tiling of `area` by exactly `windows` (empty when fine).
private func tilingProblems(_ rects: [WindowID: Rect], windows: [WindowID], area: Rect) -> [String] {
    var problems: [String] = []
    if Set(rects.keys) != Set(windows) || rects.count != windows.count { problems.append("window set differs") }
    let list = windows.compactMap { rects[$0] }
    let covered = list.reduce(0) { $0 + $1.width * $1.height }
    if covered != area.width * area.height { problems.append("covers \(covered) cells, area has \(area.width * area.height)") }
    for (i, r) in list.enumerated() {
        if !r.isEmpty && area.intersection(r) != r { problems.append("\(r) outside \(area)") }
        for other in list[(i + 1)...] where !r.intersection(other).isEmpty {
            problems.append("\(r) overlaps \(other)")
        }
    }
    return problems
}

@Suite("LayoutTree randomised")
struct LayoutRandomTests {
    /// Random split/remove/resize sequences against a shadow list of windows
    /// in layout order, checking invariants, tiling and spec round trips.
    @Test func randomEditsKeepInvariants() throws {
        let seed = seedFromEnvironment()
        print("LayoutRandomTests seed: \(seed) (rerun with WEFT_SEED=\(seed))")
        var rng = LayoutRNG(seed: seed)
        var operations = 0
        for round in 0..<250 {
            var tree = LayoutTree(root: WindowID(1000))
            var shadow = [WindowID(1000)]
            var nextWindow = 1001
            for step in 0..<40 {
                let context = "seed \(seed) round \(round) step \(step)"
                try randomEdit(&tree, &shadow, &nextWindow, &rng, context: context)
                operations += 1
                #expect(tree.windows == shadow, "order vs shadow, \(context)")
                #expect(tree.invariantViolations() == [], "\(context)")
                let area = Rect(row: Int.random(in: -5...5, using: &rng), col: Int.random(in: 0...5, using: &rng),
                                width: Int.random(in: 0...300, using: &rng), height: Int.random(in: 0...300, using: &rng))
                let rects = tree.compute(in: area)
                let problems = tilingProblems(rects, windows: shadow, area: area)
                #expect(problems == [], "area \(area), \(context)")
                if step % 4 == 0 {
                    try checkRoundTrip(tree, area: area, rects: rects, context: context)
                }
                if !problems.isEmpty || tree.windows != shadow {
                    Issue.record("first failure at \(context); tree: \(tree)")
                    return
                }
            }
        }
        #expect(operations == 250 * 40)
    }

    private func randomEdit(_ tree: inout LayoutTree, _ shadow: inout [WindowID], _ nextWindow: inout Int,
                            _ rng: inout LayoutRNG, context: String) throws {
        let target = shadow.randomElement(using: &rng) ?? WindowID(1000)
        let choice = Int.random(in: 0..<100, using: &rng)
        if choice < 45 && shadow.count < 24 {
            let new = WindowID(nextWindow)
            nextWindow += 1
            let direction = SplitDirection.allCases.randomElement(using: &rng) ?? .right
            try tree.split(target, new: new, direction: direction, size: randomSize(&rng))
            let at = shadow.firstIndex(of: target) ?? 0
            shadow.insert(new, at: direction.insertsBefore ? at : at + 1)
        } else if choice < 75 {
            if shadow.count == 1 {
                #expect(throws: KernelError.self, "\(context)") { try tree.remove(target) }
            } else {
                try tree.remove(target)
                shadow.removeAll { $0 == target }
            }
        } else if choice < 95 {
            let axis: LayoutAxis? = [nil, .row, .col].randomElement(using: &rng) ?? nil
            let size = randomSize(&rng) ?? .weight(1)
            do {
                try tree.resize(target, size: size, along: axis)
            } catch KernelError.invalidArgument(let message) {
                #expect(axis != nil && message.contains("spans the full"), "\(context)")
            }
        } else {
            let before = tree
            #expect(throws: KernelError.self) {
                try tree.split(WindowID(1), new: WindowID(2), direction: .left)
            }
            #expect(throws: KernelError.self) { try tree.remove(WindowID(3)) }
            #expect(tree == before, "failed edits must not change the tree, \(context)")
        }
    }

    private func randomSize(_ rng: inout LayoutRNG) -> SizeSpec? {
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: return nil
        case 1: return .cells(Int.random(in: 1...60, using: &rng))
        default: return .weight(Double(Int.random(in: 1...40, using: &rng)) / 8)
        }
    }

    private func checkRoundTrip(_ tree: LayoutTree, area: Rect, rects: [WindowID: Rect], context: String) throws {
        let spec = tree.toSpec()
        let copy = try LayoutTree.validated(spec, known: Set(tree.windows))
        #expect(copy.toSpec() == spec, "spec round trip, \(context)")
        #expect(copy.compute(in: area) == rects, "compute after round trip, \(context)")
        #expect(copy.invariantViolations() == [], "\(context)")
        #expect(try LayoutSpec(value: spec.value) == spec, "Value round trip, \(context)")
        var missing = Set(tree.windows)
        if let dropped = tree.windows.last { missing.remove(dropped) }
        #expect(throws: KernelError.self, "\(context)") { _ = try LayoutTree.validated(spec, known: missing) }
    }
}
