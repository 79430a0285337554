import Glibc
import Kernel
import Render

/// weft's entry point: parse arguments, pick a face (terminal UI, headless
/// script, health report), run, and always leave the terminal restored.
let weftVersion = "0.1.0"

func fail(_ message: String, code: Int32 = 2) -> Never {
    StandardStream.error.write("weft: \(message)\n")
    exit(code)
}

let options: Options
do {
    options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    fail("\(error)")
}

if options.help {
    print(Options.usage)
    exit(0)
}
if options.version {
    print("weft \(weftVersion) (Lua 5.4, Unicode \(TextMeasure.unicodeVersion))")
    exit(0)
}

do {
    let code = try Launcher(options: options).run()
    exit(code)
} catch {
    TerminalDevice.emergencyRestore()
    fail("\(error)", code: 1)
}
