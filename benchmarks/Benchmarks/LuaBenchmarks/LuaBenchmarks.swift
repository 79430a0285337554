import Benchmark
import BenchSupport
import Kernel
import LuaAPI
import Render

/// The Lua loops of shared/PERF.md, run through the real bindings (the same
/// loops run in `nvim --clean --headless` by `make bench-compare`), and an
/// extension window of 2,000 draw ops composed per frame.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(3))

    func runtime() throws -> (Editor, LuaRuntime, HeadlessUI) {
        let editor = Editor(size: Size(width: 200, height: 50))
        let loop = try MainLoop()
        let lua = LuaRuntime(editor: editor, loop: loop)
        let ui = HeadlessUI(editor: editor)
        lua.ui = ui
        return (editor, lua, ui)
    }

    Benchmark("lua.buf_set_lines (10k calls)") { benchmark in
        let (_, lua, _) = try runtime()
        try lua.run(LuaScenario.bufSetLines.setup)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try lua.run(LuaScenario.bufSetLines.step)
        }
        benchmark.stopMeasurement()
        withExtendedLifetime(lua) {}  // closing the Lua state is not the calls' cost
    }

    Benchmark("lua.extmark_set (10k marks)") { benchmark in
        let (_, lua, _) = try runtime()
        try lua.run(LuaScenario.extmarkSet.setup)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try lua.run(LuaScenario.extmarkSet.step)
        }
        benchmark.stopMeasurement()
        withExtendedLifetime(lua) {}
    }

    Benchmark("render.extension_window (2,000 draw ops)") { benchmark in
        let (_, lua, ui) = try runtime()
        try lua.run(LuaScenario.extensionWindow.setup)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try lua.run(LuaScenario.extensionWindow.step)
            blackHole(ui.render())
        }
        benchmark.stopMeasurement()
        withExtendedLifetime((lua, ui)) {}
    }
}
