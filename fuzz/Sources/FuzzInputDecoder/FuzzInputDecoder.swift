import FuzzHarnesses

// The FuzzInputDecoder target, instrumented (`make fuzz`); its checks are in
// fuzz/Harnesses/FuzzInputDecoder.swift.

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzInputDecoder(data, size)
}
