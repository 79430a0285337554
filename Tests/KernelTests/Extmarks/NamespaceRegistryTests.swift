import Testing
@testable import Kernel

@Suite struct NamespaceRegistryTests {
    @Test func sameNameSameID() {
        let reg = NamespaceRegistry()
        let a = reg.create(name: "diag")
        let b = reg.create(name: "hl")
        #expect(a == NamespaceID(1))
        #expect(b == NamespaceID(2))
        #expect(reg.create(name: "diag") == a)
        #expect(reg.count == 2)
    }

    @Test func anonymousAlwaysFresh() {
        let reg = NamespaceRegistry()
        let a = reg.create(name: "")
        let b = reg.create(name: "")
        #expect(a != b)
        #expect(reg.name(of: a) == "")
        #expect(reg.all.isEmpty)
        #expect(reg.contains(b))
    }

    @Test func namesAndAll() {
        let reg = NamespaceRegistry()
        let a = reg.create(name: "x")
        _ = reg.create(name: "")
        let c = reg.create(name: "y")
        #expect(reg.name(of: a) == "x")
        #expect(reg.name(of: c) == "y")
        #expect(reg.name(of: NamespaceID(0)) == nil)
        #expect(reg.name(of: NamespaceID(99)) == nil)
        #expect(!reg.contains(NamespaceID(-1)))
        #expect(reg.all == ["x": a, "y": c])
    }
}
