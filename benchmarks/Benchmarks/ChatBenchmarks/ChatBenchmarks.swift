import Benchmark
import ChatBenchSupport
import OpenAIProvider

/// `chat.stream_e2e`: the model-delta path end to end, loopback server to
/// frames (200x50): CPU per delta of the process (less the server's own
/// thread) for the last 300 deltas of a reply, each arriving alone and
/// followed by a frame, at 10 and 10,000 messages, for a prose reply and for
/// a reply that is one 2,000-line code block. `/start` variants measure the
/// first 300 deltas of the same reply: equal numbers mean the cost per delta
/// does not grow with the reply. Each iteration streams into a fresh rig, so
/// the transcript holds exactly the stated messages and the one reply (a rig
/// kept across iterations would also hold every earlier reply and its marks).
/// The rig is made and run on a thread of its own (`onOwnThread`), like
/// weft's loop on its main thread.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.custom("cpu per delta (ns)")],
                                           timeUnits: .microseconds, maxDuration: .seconds(60), maxIterations: 5)
    for messages in [10, 10_000] {
        for reply in [ChatStreamRig.Reply.prose, .code] {
            for position in [ChatStreamRig.Position.end, .start] {
                let name = "chat.stream_e2e/\(reply.rawValue)/\(messages)" + (position == .start ? "/start" : "")
                Benchmark(name) { benchmark in
                    let measured = 300
                    // The rig's loop runs on a thread of its own, as weft's
                    // runs on the main thread (see onOwnThread).
                    let cpu = try onOwnThread {
                        let rig = try ChatStreamRig(messages: messages) { port in
                            OpenAIProvider(configuration: OpenAIConfiguration(baseURL: "http://127.0.0.1:\(port)", model: "bench"))
                        }
                        return rig.stream(reply, measured: measured, at: position)
                    }
                    benchmark.measurement(.custom("cpu per delta (ns)"), Int(cpu) / measured)
                }
            }
        }
    }
}
