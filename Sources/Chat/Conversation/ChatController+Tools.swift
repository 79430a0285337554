import Dispatch
import Kernel

// The tool loop: a file change is prepared (read, checked, diffed) off the
// main thread, the permission policy decides, the approval float asks when
// it must (showing the diff), the tool runs off the main thread, then the
// next request goes out with the results.
extension ChatController {
    func runNextTool() {
        guard !pendingCalls.isEmpty else {
            if turnLimitReached { stopAtTurnLimit(); return }
            if let last = messages.last { persist(last) }
            request()
            return
        }
        let call = pendingCalls[0]
        editor.emit(.toolStart, data: .table(["id": .string(call.id), "name": .string(call.name),
                                                 "arguments": .string(call.arguments)]))
        if turnLimitReached {
            deny(call, reason: turnLimitReason)
            return
        }
        guard let tool = tools.lookup(call.name) else {
            var c = call
            finishTool(&c, ToolResult.failure("unknown tool: \(call.name)"), started: loop.clock.nowNanos)
            return
        }
        if let fileTool = tool as? FileChangeTool { prepare(call, fileTool) } else { decide(call, tool: tool, change: nil) }
    }

    /// Works out a file change on a worker, then decides about it.
    func prepare(_ call: ToolCall, _ tool: FileChangeTool) {
        state = .runningTools
        let started = loop.clock.nowNanos
        let context = toolContext()
        let poster = loop.poster
        let owner = LoopRef(self)
        DispatchQueue.global().async {
            let prepared = tool.prepare(json: call.arguments, context: context)
            poster.post {
                guard let self = owner.value, self.pendingCalls.first?.id == call.id else { return }
                switch prepared {
                case .result(let r):
                    var c = call
                    self.finishTool(&c, r, started: started)
                case .change(let change):
                    var c = call
                    c.diff = change.diff.unified
                    self.pendingChange = change
                    self.updateToolBlock(c)
                    self.decide(c, tool: tool, change: change)
                }
            }
        }
    }

    /// Applies the permission policy: run, refuse, or ask (the
    /// `tool_approval` event first, then the approval float).
    func decide(_ call: ToolCall, tool: Tool, change: FileChange?) {
        let decision = agent.policy.decide(tool: call.name, kind: tool.kind, setPolicy: tools.explicitPolicy(for: call.name),
                                           paths: change.map { [$0.path] } ?? [])
        switch decision {
        case .allow: execute(call)
        case .deny(let reason): deny(call, reason: reason)
        case .ask:
            var data: [String: Value] = ["id": .string(call.id), "name": .string(call.name),
                                         "arguments": .string(call.arguments)]
            if let diff = call.diff { data["diff"] = .string(diff) }
            if let change { data["path"] = .string(change.path) }
            if editor.emit(.toolApproval, data: .table(data)) {
                // A handler consumed the event: it decided through `decide(_:)`.
                if let d = pendingDecision { pendingDecision = nil; apply(d, to: call) }
                else { deny(call) }
                return
            }
            guard let approver else {
                deny(call, reason: "denied: \(call.name) needs the user's approval and nobody can give it here "
                    + "(print mode: see --permission-mode)")
                return
            }
            state = .awaitingApproval
            approver(call) { [weak self] decision in self?.apply(decision, to: call) }
        }
    }

    /// Lets a `tool_approval` handler decide for the call being asked about.
    public func decide(_ decision: ToolApprovalDecision) { pendingDecision = decision }

    func apply(_ decision: ToolApprovalDecision, to call: ToolCall) {
        guard pendingCalls.first?.id == call.id else { return }
        tools.decide(decision, for: call.name)
        if decision == .deny { deny(call) } else { execute(call) }
    }

    func deny(_ call: ToolCall, reason: String? = nil) {
        pendingChange = nil
        var c = call
        c.status = .denied
        c.output = reason ?? ToolRegistry.deniedResult(call.name).output
        done(c)
    }

    func execute(_ call: ToolCall) {
        state = .runningTools
        let started = loop.clock.nowNanos
        let registry = tools
        let context = toolContext()
        let change = pendingChange
        pendingChange = nil
        let request = ToolCallRequest(id: call.id, name: call.name, arguments: call.arguments)
        let poster = loop.poster
        let owner = LoopRef(self)
        if change == nil, let remote = registry.lookup(call.name) as? AsyncTool {
            remoteCall = Task {
                let result = await remote.run(json: call.arguments, context: context)
                poster.post {
                    guard let self = owner.value, self.pendingCalls.first?.id == call.id else { return }
                    self.remoteCall = nil
                    var c = call
                    self.finishTool(&c, result, started: started)
                }
            }
            return
        }
        DispatchQueue.global().async {
            let result = change?.apply(context: context) ?? registry.execute(request, context: context)
            poster.post {
                guard let self = owner.value, self.pendingCalls.first?.id == call.id else { return }
                var c = call
                self.finishTool(&c, result, started: started)
            }
        }
    }

    func finishTool(_ call: inout ToolCall, _ result: ToolResult, started: UInt64) {
        call.output = result.output
        call.status = result.isError ? .error : .ok
        call.diff = result.isError ? nil : result.diff
        call.duration = Double(loop.clock.nowNanos &- started) / 1e9
        done(call)
    }

    func done(_ call: ToolCall) {
        updateToolBlock(call)
        var data: [String: Value] = ["id": .string(call.id), "name": .string(call.name),
                                     "status": .string(call.status.rawValue)]
        if let diff = call.diff { data["diff"] = .string(diff) }
        editor.emit(.toolEnd, data: .table(data))
        if !pendingCalls.isEmpty { pendingCalls.removeFirst() }
        runNextTool()
    }
}
