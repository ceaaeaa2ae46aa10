import Foundation

/// A sweep's progress bar on standard error (a terminal only): drawn at once, then redrawn each
/// second with the time spent and an estimate of what is left, and whenever a point finishes.
final class SweepProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let started = Date()
    private var done = 0
    private var finished = false
    private var timer: DispatchSourceTimer?

    init(total: Int) {
        self.total = total
        draw()
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
        self.timer = timer
    }

    /// A point finished (`done` of `total`).
    func update(_ done: Int) {
        lock.withLock { self.done = max(self.done, done) }
        draw()
    }

    /// Stops the timer and ends the line.
    func finish() {
        timer?.cancel()
        lock.withLock {
            guard !finished else { return }
            finished = true
            FileHandle.standardError.write(Data("\n".utf8))
        }
    }

    private func draw() {
        lock.withLock {
            guard !finished else { return }
            let elapsed = Date().timeIntervalSince(started)
            let width = 30
            let filled = width * done / max(1, total)
            var text =
                "\r[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
                + "] \(done)/\(total) points · \(Self.duration(elapsed))"
            if done > 0 && done < total {
                text += ", about \(Self.duration(elapsed / Double(done) * Double(total - done))) left"
            }
            FileHandle.standardError.write(Data((text + "   ").utf8))
        }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s < 60 ? "\(s) s" : "\(s / 60) min \(s % 60) s"
    }
}
