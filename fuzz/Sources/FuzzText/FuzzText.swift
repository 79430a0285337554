import FuzzHarnesses

// The FuzzText target, instrumented (`make fuzz`); its checks are in
// fuzz/Harnesses/FuzzText.swift.

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzText(data, size)
}
