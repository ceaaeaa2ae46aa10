import BraidPlanner
import BraidPolicy
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `braid serve`: the planner's workbench, a local web app on Hummingbird (docs/WORKBENCH.md).
public enum Workbench {
    /// The largest upload (a roster) or form.
    public static let uploadLimit = 10 << 20

    /// Where and how to listen.
    public struct Settings: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        /// Seconds for each plan (the same limit `run --time-limit` takes).
        public var timeLimit: Double = 60
        /// The relative gap at which a plan's search stops (`run --gap`): a what-if a planner
        /// explores is shown within it of the best, its status and gap said on the page
        /// (proving the last fraction of a person can take minutes: Indiana's what-ifs).
        public var gap = 0.005
        /// Listening beyond loopback was asked for explicitly (`--allow-remote`).
        public var allowRemote = false
        public init() {}
    }

    /// Whether `host` is a loopback address.
    public static func isLoopback(_ host: String) -> Bool {
        ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) || host.hasPrefix("127.")
    }

    /// The router of a workbench on `desk` (also what the tests drive).
    static func router(desk: Desk, token: String, hosts: HostNames) -> Router<WorkbenchContext> {
        let router = Router(context: WorkbenchContext.self)
        router.add(middleware: Guard(hosts: hosts))
        let routes = Routes(desk: desk, token: token)
        routes.register(on: router)
        return router
    }

    /// Serves `folder` until interrupted; `onRunning` gets the port once bound (0 asks the system).
    public static func serve(
        folder: WorkFolder, policies: PolicySet, settings: Settings, onRunning: @escaping @Sendable (Int) -> Void
    ) async throws {
        let history = try? RunHistory(path: (folder.dataFolder as NSString).appendingPathComponent("history.sqlite"))
        var options = PlanOptions(timeLimit: settings.timeLimit)
        options.prices = .never
        options.gap = settings.gap
        options.tuning = options.tuning.forEdits
        let desk = Desk(folder: folder, policies: policies, options: options, history: history)
        let hosts = HostNames(any: settings.allowRemote && !isLoopback(settings.host))
        // (Hummingbird's own log stays quiet: a request's path may carry a participant id.)
        var quiet = Logger(label: "braid.workbench")
        quiet.logLevel = .critical
        let app = Application(
            router: router(desk: desk, token: newToken(), hosts: hosts),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "Braid"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? settings.port
                hosts.bound(port: port)
                onRunning(port)
            },
            logger: quiet)
        try await app.runService()
    }

    /// The request headers the page's script sends: the CSRF token, "answer with the result
    /// panel only", and an uploaded file's name.
    static let tokenHeader = HTTPField.Name("X-CSRF-Token")!
    static let fragmentHeader = HTTPField.Name("X-Braid-Fragment")!
    static let fileNameHeader = HTTPField.Name("X-File-Name")!

    /// Whether the request carries the session's CSRF token in its header.
    static func carries(_ token: String, _ request: Request) -> Bool {
        request.headers[tokenHeader].map { same($0, token) } ?? false
    }

    /// A fresh CSRF token: 32 random bytes, hex.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Compares two tokens in time independent of where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func download(_ data: Data, name: String, type: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
