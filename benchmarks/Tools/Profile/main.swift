import BenchSupport
import ChatBenchSupport
import Chat
import Foundation
import Kernel
import LuaAPI
import OpenAIProvider
import Render

/// A driver for profiling one scenario of the suite under callgrind:
///
///     swift build -c release -Xswiftc -g --product Profile
///     valgrind --tool=callgrind .build/release/Profile scroll_page 10000 200
///     (or only the timed loop: --toggle-collect='$s7Profile4time*')
///     callgrind_annotate callgrind.out.<pid>
///
/// Arguments: scenario, size (messages), iterations. Prints the median
/// time per iteration so the same binary also gives a quick number.
///
/// The `stream_e2e` scenarios replay the SSE bytes on the loop thread;
/// with `LOOPBACK=1` they come from the loopback server through the real
/// OpenAI provider instead (threads and network included, as in the
/// suite). With `PERF_CTL=FIFO`, `perf record --control fifo:FIFO -D -1`
/// samples only the measured deltas (the rig writes to the FIFO, so this
/// works for the `chat.stream_e2e` suite too).
let args = CommandLine.arguments
let scenario = args.count > 1 ? args[1] : "scroll_page"
let size = args.count > 2 ? Int(args[2]) ?? 10_000 : 10_000
let iterations = args.count > 3 ? Int(args[3]) ?? 200 : 200

@inline(never)
func time(_ body: (Int) throws -> Void) rethrows {
    var samples: [UInt64] = []
    for i in 0..<iterations {
        let s = DispatchTime.now().uptimeNanoseconds
        try body(i)
        samples.append(DispatchTime.now().uptimeNanoseconds - s)
    }
    samples.sort()
    print("\(scenario)/\(size): p50 \(Double(samples[samples.count / 2]) / 1000) us, p90 \(Double(samples[samples.count * 9 / 10]) / 1000) us")
}

/// Runs the measured deltas of a streaming scenario: with
/// `--toggle-collect='$s7Profile12streamWindow*'` callgrind counts only them.
@inline(never)
func streamWindow(_ body: () -> Void) {
    body()
}

func luaRuntime() throws -> (LuaRuntime, HeadlessUI) {
    let editor = Editor(size: Size(width: 200, height: 50))
    let lua = LuaRuntime(editor: editor, loop: try MainLoop())
    let ui = HeadlessUI(editor: editor)
    lua.ui = ui
    return (lua, ui)
}

switch scenario {
case "scroll_page":
    var rig = try RenderRig(messages: size)
    try time { i in
        rig.compositor.scroll(rig.window, in: rig.editor, rows: i % 2 == 0 ? -48 : 48)
        _ = rig.frame()
    }
case "stream_append":
    var rig = try RenderRig(messages: size)
    try time { i in
        let last = rig.buffer.lineCount - 1
        let len = rig.buffer.line(last)?.utf8.count ?? 0
        try rig.buffer.setText(last, len, last, len, [i % 12 == 11 ? "" : " tok"])
        if i % 12 == 11 { try rig.buffer.append([""]) }
        _ = rig.frame()
    }
case "inline_stream_append":
    var rig = try InlineRig(messages: size)
    try time { i in _ = try rig.token(i + 1) }
case "full_redraw":
    var rig = try RenderRig(messages: size)
    try time { _ in
        rig.encoder.invalidate()
        _ = rig.frame()
    }
case "resize_reflow":
    var rig = try RenderRig(width: 120, messages: size)
    try time { i in
        rig.editor.screenSize = Size(width: i % 2 == 0 ? 80 : 120, height: 50)
        rig.encoder.invalidate()
        _ = rig.frame()
    }
case "resize_cold":
    // As the suite's render.resize_reflow: one frame at a new width, wrap
    // caches cold (a fresh rig per sample, built outside the timing).
    var rigs = try (0..<iterations).map { _ in try RenderRig(width: 120, messages: size) }
    try time { i in
        rigs[i].editor.screenSize = Size(width: 80, height: 50)
        rigs[i].encoder.invalidate()
        _ = rigs[i].frame()
    }
case "measure_mixed":
    let text = Corpus.mixed(bytes: 1 << 20).joined(separator: "\n")
    time { _ in _ = TextMeasure.measure(text) }
case "extension_window", "buf_set_lines", "extmark_set":
    let (runtime, ui) = try luaRuntime()
    let lua = LuaScenario(rawValue: scenario)!
    try runtime.run(lua.setup)
    try time { _ in
        try runtime.run(lua.step)
        if lua == .extensionWindow { _ = ui.render() }
    }
case "get_lines", "extmark_set_100k":
    // The Lua loops of benchmarks/compare/nvim.sh, on a 100k-line buffer.
    let (runtime, _) = try luaRuntime()
    runtime.budgetMs = 0  // callgrind runs the loops 50 times slower
    try runtime.run("""
        b = weft.buf.create{}
        local lines = {}
        for i = 1, 100000 do lines[i] = 'line number ' .. i end
        weft.buf.set_lines(b, 0, -1, lines)
        ns = weft.ns.create('bench')
        """)
    let step = scenario == "get_lines"
        ? "local n = 0; for i = 0, 99999, 7 do n = n + #weft.buf.get_lines(b, i, i + 1)[1] end"
        : "weft.extmark.clear(b, ns, 0, -1); for i = 0, 99999 do weft.extmark.set(b, ns, i, 2, {}) end"
    try time { _ in try runtime.run(step) }
case "keystroke":
    // The whole keystroke path: the byte through the input decoder, the
    // key event and keymap dispatch, the composer typing it, and the frame
    // (a `size`-message transcript above the composer) composed and
    // encoded. Every 150 keys a Ctrl-U clears the line, through the same path.
    var rig = try RenderRig(messages: size)
    let decoder = try InputDecoder(term: "xterm-256color")
    let composerWindow = try rig.editor.openWindow(buffer: try rig.editor.createBuffer(name: "composer").id,
                                                   WindowSpec())
    let composer = Composer(editor: rig.editor, window: composerWindow)
    try composer.installKeymaps(editor: rig.editor)
    try rig.editor.focus(composerWindow.id)
    try rig.editor.setMode(Composer.mode)
    rig.frame()
    time { i in
        let byte: UInt8 = i % 150 == 149 ? 0x15 : (i % 5 == 4 ? 0x20 : 0x6b)
        for case .key(let k) in decoder.feed([byte]) { rig.editor.handleKey(k) }
        rig.frame()
    }
case "stream_e2e", "stream_e2e_code", "stream_e2e_start", "stream_e2e_code_start":
    // The model-delta path (chat.stream_e2e) without the network: the same
    // SSE bytes through the OpenAI parser on the loop thread, then the
    // inbox, controller, projector and a frame per delta. `iterations`
    // deltas are measured, at the end of the reply (or its start).
    let rig = ProcessInfo.processInfo.environment["LOOPBACK"] == nil
        ? try ChatStreamRig(messages: size)
        : try ChatStreamRig(messages: size) { port in
            OpenAIProvider(configuration: OpenAIConfiguration(baseURL: "http://127.0.0.1:\(port)", model: "bench"))
        }
    let framesBefore = rig.frames
    let reply: ChatStreamRig.Reply = scenario.contains("code") ? .code : .prose
    let cpu = rig.stream(reply, measured: iterations, at: scenario.hasSuffix("start") ? .start : .end) { body in
        streamWindow(body)
    }
    print("\(scenario)/\(size): \(Double(cpu) / Double(iterations) / 1000) us CPU per delta over \(iterations) deltas, \(rig.frames - framesBefore) frames in all")
default:
    print("unknown scenario \(scenario)")
}
