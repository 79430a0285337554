import FuzzHarnesses

// The FuzzStream target, instrumented (`make fuzz`); its checks are in
// fuzz/Harnesses/FuzzStream.swift.

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzStream(data, size)
}
