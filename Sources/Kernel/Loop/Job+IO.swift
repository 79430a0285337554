import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Job {
    // MARK: - Reading output

    /// Starts watching both output pipes and the exit of the process.
    func attach() {
        guard let loop else { return }
        for stream in [stdoutStream, stderrStream] {
            if let fd = stream.fd {
                stream.watch = loop.watch(fd: fd, events: .read) { [weak self] _, _ in
                    self?.readAvailable(stream)
                }
            }
        }
        watchExit()
    }

    /// Reads what the pipe holds now (up to a budget, so one chatty job
    /// cannot starve the loop), then delivers the completed lines.
    func readAvailable(_ stream: JobStream) {
        guard let manager else { return }
        var budget = 1 << 20
        while budget > 0, let fd = stream.fd {
            let n = read(fd, manager.readBuffer.baseAddress, manager.readBuffer.count)
            if n > 0 {
                stream.queue += stream.lines.append(UnsafeRawBufferPointer(rebasing: manager.readBuffer[0..<n]))
                budget -= n
            } else if n < 0 && errno == EINTR {
                continue
            } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                break
            } else {
                closeStream(stream)   // EOF (or a read error, treated as EOF)
            }
        }
        deliver(stream)
    }

    private func closeStream(_ stream: JobStream) {
        if let last = stream.lines.finish() { stream.queue.append(last) }
        if let w = stream.watch { loop?.unwatch(w) }
        if let fd = stream.fd { close(fd) }
        stream.watch = nil
        stream.fd = nil
        if stdoutStream.fd == nil && stderrStream.fd == nil { outputClosed() }
    }

    /// Hands queued lines to the callback in order. A nested call (from a
    /// callback that runs the loop) only queues; the outer call delivers.
    func deliver(_ stream: JobStream) {
        guard !stream.isDelivering else { return }
        stream.isDelivering = true
        let callback = stream.isStderr ? spec.onStderr : spec.onStdout
        while stream.queueHead < stream.queue.count && !isFinished {
            let line = stream.queue[stream.queueHead]
            stream.queueHead += 1
            if let callback {
                do { try callback(self, line) } catch { loop?.reportError(error) }
            }
        }
        stream.queue.removeAll(keepingCapacity: true)
        stream.queueHead = 0
        stream.isDelivering = false
        finishIfDone()
    }

    // MARK: - Writing input

    /// Writes queued input until the pipe is full (then waits for
    /// writability) or the queue is empty (then closes if asked).
    func flushInput() {
        guard let fd = stdinFD else { return }
        while inputOffset < input.count {
            let n = input.withUnsafeBytes { buf in
                Glibc.write(fd, buf.baseAddress.map { $0 + inputOffset }, buf.count - inputOffset)
            }
            if n > 0 {
                inputOffset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                watchStdin(fd)
                return
            } else {
                closeStdinNow()   // EPIPE: the child stopped reading; drop the rest
                return
            }
        }
        input.removeAll()
        inputOffset = 0
        if let w = stdinWatch { loop?.unwatch(w) }
        stdinWatch = nil
        if closeStdinWhenFlushed { closeStdinNow() }
    }

    private func watchStdin(_ fd: Int32) {
        guard stdinWatch == nil, let loop else { return }
        stdinWatch = loop.watch(fd: fd, events: .write) { [weak self] _, _ in
            self?.flushInput()
        }
    }

    /// Closes standard input at once, dropping unwritten input.
    func closeStdinNow() {
        if let w = stdinWatch { loop?.unwatch(w) }
        stdinWatch = nil
        if let fd = stdinFD { close(fd) }
        stdinFD = nil
        input = []
        inputOffset = 0
        closeStdinWhenFlushed = false
    }
}
