import FuzzHarnesses
#if canImport(Glibc)
import Glibc
#endif

// weft-fuzz: one fuzz target's checks under libFuzzer's driver, in the
// normal build (no sanitizer, no coverage counters: libFuzzer mutates the
// seed corpus blind, and Swift's own checks, bounds and overflow, are what
// trap). `make test` runs every target through it for 20,000 inputs
// (scripts/fuzz.sh --quick); `make fuzz` runs the instrumented builds.
//
//     weft-fuzz TARGET [libFuzzer flags] [corpus directories]
//     weft-fuzz FuzzJSON -runs=20000 fuzz/Corpus/FuzzJSON

/// libFuzzer's entry for programs that have their own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The target the C callback runs (a C function pointer captures nothing).
nonisolated(unsafe) var selected: FuzzTargets.Body?

func fail(_ message: String) -> Never {
    let line = "weft-fuzz: \(message)\n"
    _ = line.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    exit(2)
}

let arguments = CommandLine.arguments
guard arguments.count > 1, !arguments[1].hasPrefix("-") else {
    fail("usage: weft-fuzz TARGET [libFuzzer flags] [corpus...]; targets: \(FuzzTargets.names.joined(separator: " "))")
}
guard let body = FuzzTargets.body(named: arguments[1]) else {
    fail("unknown target \(arguments[1]); targets: \(FuzzTargets.names.joined(separator: " "))")
}
#if WEFT_NO_LIBFUZZER
fail("built without libFuzzer (no libclang_rt.fuzzer_no_main in the toolchain on PATH)")
#else
selected = body
// libFuzzer sees the program name and what follows the target name.
var cArguments: [UnsafeMutablePointer<CChar>?] = ([arguments[0]] + arguments.dropFirst(2)).map { strdup($0) } + [nil]
var argc = CInt(cArguments.count - 1)
exit(cArguments.withUnsafeMutableBufferPointer { buffer in
    var argv = buffer.baseAddress!
    return runDriver(&argc, &argv) { data, size in selected!(data, size) }
})
#endif
