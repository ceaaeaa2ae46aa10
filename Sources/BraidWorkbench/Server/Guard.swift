import Foundation
import HTTPTypes
import Hummingbird

/// The request context: uploads are limited to ``Workbench/uploadLimit``.
public struct WorkbenchContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public init(source: Source) { coreContext = .init(source: source) }
    public var maxUploadSize: Int { Workbench.uploadLimit }
}

/// Safety on a shared machine (docs/WORKBENCH.md, "Safety"): requests must name this server
/// (a page of another site cannot reach it through a rebound DNS name), a state change must come
/// from its own pages (Origin and Sec-Fetch-Site) and carry the session's CSRF token (checked
/// where the form is read, ``FormBody``), and every response says what a browser may load: only
/// this origin's own script and style, no frames, no referrer beyond it, no caching.
struct Guard: RouterMiddleware {
    typealias Context = WorkbenchContext
    /// The Host values accepted.
    let hosts: HostNames

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        // (HTTP/1's Host header is the request's authority; either must name this server.)
        let named = [request.head.authority, request.headers[HTTPField.Name("Host")!]].compactMap { $0 }
        let host = named.first
        if named.contains(where: { !hosts.accepts($0) }) {
            return Workbench.text("This server answers only to its own address.", status: .misdirectedRequest)
        }
        if request.method != .get && request.method != .head {
            if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], !["same-origin", "none"].contains(site) {
                return Workbench.text("Changes come only from the workbench's own pages.", status: .forbidden)
            }
            if let origin = request.headers[.origin], let host, origin != "http://\(host)" {
                return Workbench.text("Changes come only from the workbench's own pages.", status: .forbidden)
            }
        }
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        // ("same-origin": a form post then says where it comes from — Origin is "null" under "no-referrer".)
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

/// The Host header values this server answers to: its own address and port (set once bound);
/// any, for a server listening beyond loopback on purpose (`--host` with `--allow-remote`).
final class HostNames: @unchecked Sendable {
    private let lock = NSLock()
    private var names: Set<String>?

    init(any: Bool) { names = any ? nil : [] }

    func bound(port: Int) {
        lock.withLock {
            guard names != nil else { return }
            names = ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)", "127.0.0.1", "localhost", "[::1]"]
        }
    }

    func accepts(_ host: String) -> Bool {
        lock.withLock { names.map { $0.isEmpty || $0.contains(host.lowercased()) } ?? true }
    }
}
