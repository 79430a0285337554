import FuzzHarnesses

// The FuzzAnthropic target, instrumented (`make fuzz`); its checks are in
// fuzz/Harnesses/FuzzAnthropic.swift.

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzAnthropic(data, size)
}
