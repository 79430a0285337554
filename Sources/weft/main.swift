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
let scriptArgs: [String]
do {
    (options, scriptArgs) = try Options.parse(commandLine: Array(CommandLine.arguments.dropFirst()))
} catch {
    // Help and completion scripts are "errors" that exit 0: print them as
    // the parser does. Real errors get one line a user can act on.
    if Options.exitCode(for: error) == .success { Options.exit(withError: error) }
    fail(Options.message(for: error) + " (see weft --help)")
}

if options.version {
    print("weft \(weftVersion) (Lua 5.4, Unicode \(TextMeasure.unicodeVersion))")
    exit(0)
}

do {
    let code = try Launcher(options: options, scriptArgs: scriptArgs).run()
    exit(code)
} catch {
    TerminalDevice.emergencyRestore()
    fail("\(error)", code: 1)
}
