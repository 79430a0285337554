import Foundation
import Testing
@testable import Kernel

/// A value handed from one thread to another that waits for it.
@Suite struct HandoffTests {
    @Test func waiterGetsTheValuePutOnAnotherThread() {
        let box = Handoff<[Int]>()
        let thread = Thread { box.put([1, 2, 3]) }
        thread.start()
        #expect(box.wait() == [1, 2, 3])
    }

    @Test func valuePutBeforeTheWaitIsKept() {
        let box = Handoff<String>()
        box.put("early")
        #expect(box.wait() == "early")
    }

    @Test func taskHandsItsResultToABlockedThread() {
        let box = Handoff<Int>()
        Task.detached {
            try? await Task.sleep(nanoseconds: 10_000_000)
            box.put(42)
        }
        #expect(box.wait() == 42)
    }
}
