import Testing
@testable import Chat

@Suite struct PermissionPolicyTests {
    let root = ProjectRoot(path: "/")
    private func decide(_ mode: PermissionMode, _ kind: ToolKind, set: ToolPolicy? = nil, inside: Bool = true) -> PermissionDecision {
        let policy = PermissionPolicy(mode: mode, root: ProjectRoot(path: "/"))
        return policy.decide(tool: "t", kind: kind, setPolicy: set, paths: kind == .edit ? [inside ? "/p/a" : "/.git/x"] : [])
    }

    @Test func theModeTable() {
        #expect(PermissionMode.allCases.map { decide($0, .read) } == [.allow, .allow, .allow, .allow])
        #expect(decide(.ask, .edit) == .ask && decide(.edits, .edit) == .allow && decide(.yolo, .edit) == .allow)
        #expect(decide(.ask, .command) == .ask && decide(.edits, .command) == .ask && decide(.yolo, .command) == .allow)
        #expect(decide(.edits, .other) == .ask && decide(.yolo, .other) == .allow)
        for kind in [ToolKind.edit, .command, .other] {
            guard case .deny(let why) = decide(.readOnly, kind) else { Issue.record("\(kind) not denied"); continue }
            #expect(why.contains("read-only mode"))
        }
    }

    @Test func outsideTheProjectAlwaysAsks() {
        for mode in [PermissionMode.ask, .edits, .yolo] {
            #expect(decide(mode, .edit, inside: false) == .ask)
            #expect(decide(mode, .edit, set: .allow, inside: false) == .ask)
        }
    }

    @Test func toolPoliciesWin() {
        #expect(decide(.yolo, .command, set: .deny) == .deny("denied: the user did not allow t to run"))
        #expect(decide(.ask, .command, set: .allow) == .allow)
        #expect(decide(.edits, .edit, set: .ask) == .ask)
        #expect(decide(.ask, .read, set: .ask) == .ask)
        guard case .deny = decide(.readOnly, .command, set: .allow) else { Issue.record("read-only must win"); return }
    }

    @Test func projectRootContainment() {
        let r = ProjectRoot(path: "/tmp")
        let tmp = r.path
        #expect(r.contains(tmp + "/a/b.txt"))
        #expect(!r.contains(tmp + "/.git/config") && !r.contains(tmp + "/.git"))
        #expect(r.contains(tmp + "/.github/x"))
        #expect(!r.contains(tmp + "x/y") && !r.contains("/etc/passwd"))
    }

    @Test func shiftTabCycle() {
        #expect(PermissionMode.ask.next(includeYolo: false) == .edits)
        #expect(PermissionMode.readOnly.next(includeYolo: false) == .ask)
        #expect(PermissionMode.readOnly.next(includeYolo: true) == .yolo)
        #expect(PermissionMode.yolo.next(includeYolo: true) == .ask)
        #expect(PermissionMode(name: "read-only") == .readOnly && PermissionMode(name: "nope") == nil)
    }
}
