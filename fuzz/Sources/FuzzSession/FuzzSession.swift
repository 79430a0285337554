import FuzzHarnesses

// The FuzzSession target, instrumented (`make fuzz`); its checks are in
// fuzz/Harnesses/FuzzSession.swift.

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzSession(data, size)
}
