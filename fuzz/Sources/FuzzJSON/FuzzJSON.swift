import FuzzHarnesses

// The FuzzJSON target, instrumented (`make fuzz`); its checks are in
// fuzz/Harnesses/FuzzJSON.swift.

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzJSON(data, size)
}
