import BraidScenario
import Foundation

/// A sweep the workbench runs: its points as they are solved (for a chart drawn while it runs),
/// whether it is done, and its cancel switch. Shared between the solve queue and the server.
public final class SweepRun: @unchecked Sendable {
    public struct Point: Sendable, Encodable {
        let index: Int
        let value: Double
        let served: Int
        let spent: Double
    }

    let axis: SweepAxis
    private let lock = NSLock()
    private var points: [Point] = []
    private var done = false
    private var failure: String?
    private var stop = false

    init(axis: SweepAxis) { self.axis = axis }

    func add(_ index: Int, _ point: SweepPoint) {
        let p = Point(
            index: index, value: point.values[0], served: point.plan.served.count,
            spent: Double(point.plan.dollarsBraided) / 100)
        lock.withLock { points.append(p) }
    }

    func finish(_ error: String?) {
        lock.withLock {
            done = true
            failure = error
        }
    }

    func cancel() { lock.withLock { stop = true } }
    var cancelled: Bool { lock.withLock { stop } }

    /// Where it stands, as the page's script reads it.
    struct Status: Encodable {
        let key: String
        let total: Int
        let done: Bool
        let cancelled: Bool
        let error: String?
        let points: [Point]
    }

    var status: Status {
        lock.withLock {
            Status(
                key: axis.key, total: axis.values.count, done: done, cancelled: stop, error: failure,
                points: points.sorted { $0.index < $1.index })
        }
    }

    /// A what-if's text (its `base:` the scenario's absolute path) as a file in `.braid/drafts`:
    /// a sweep reads its scenario by path.
    static func draftFile(_ folder: WorkFolder, _ text: String) throws -> String {
        let drafts = (folder.dataFolder as NSString).appendingPathComponent("drafts")
        try FileManager.default.createDirectory(atPath: drafts, withIntermediateDirectories: true)
        let path = (drafts as NSString).appendingPathComponent("sweep-\(UUID().uuidString).yaml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
