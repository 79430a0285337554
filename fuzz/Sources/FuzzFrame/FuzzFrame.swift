import FuzzHarnesses

// The FuzzFrame target, instrumented (`make fuzz`); its checks are in
// fuzz/Harnesses/FuzzFrame.swift.

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzFrame(data, size)
}
