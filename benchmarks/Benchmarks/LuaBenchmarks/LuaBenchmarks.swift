import Benchmark
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
        try lua.run("b = weft.buf.create{}")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try lua.run("for i = 1, 10000 do weft.buf.set_lines(b, 0, -1, {'line ' .. i, 'second'}) end")
        }
    }

    Benchmark("lua.extmark_set (10k marks)") { benchmark in
        let (_, lua, _) = try runtime()
        try lua.run("b = weft.buf.create{}; weft.buf.set_lines(b, 0, -1, {string.rep('x', 100)}); ns = weft.ns.create('bench')")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try lua.run("weft.extmark.clear(b, ns, 0, -1); for i = 1, 10000 do weft.extmark.set(b, ns, 0, i % 100, {hl = 'Title'}) end")
        }
    }

    Benchmark("render.extension_window (2,000 draw ops)") { benchmark in
        let (editor, lua, ui) = try runtime()
        try lua.run("""
            local b = weft.buf.create{}
            w = weft.win.open(b, {renderer = 'extension'})
            function draw()
              local ops = {}
              for i = 0, 1999 do
                ops[#ops + 1] = {kind = 'text', row = i % 50, col = (i * 7) % 190, text = 'op' .. i, hl = 'Title'}
              end
              weft.ui.draw(w, ops)
            end
            """)
        _ = editor
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try lua.run("draw()")
            blackHole(ui.render())
        }
    }
}
