import FuzzHarnesses

// The FuzzMarkdown target, instrumented (`make fuzz`); its checks are in
// fuzz/Harnesses/FuzzMarkdown.swift.

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzMarkdown(data, size)
}
