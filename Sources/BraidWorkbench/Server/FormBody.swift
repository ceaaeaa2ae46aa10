import Foundation
import HTTPTypes
import Hummingbird

/// A submitted form (`application/x-www-form-urlencoded`), its fields in order (a field may
/// repeat), read only after the session's CSRF token is checked: from the `X-CSRF-Token` header
/// (the page's script) or the form's `_csrf` field (a plain form post).
struct FormBody {
    let fields: [(String, String)]

    init(_ request: inout Request, context: WorkbenchContext, token: String) async throws(WorkbenchError) {
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            throw WorkbenchError("the form is larger than \(Workbench.uploadLimit >> 20) MB")
        }
        fields = Self.parse(String(buffer: buffer))
        let given = request.headers[Workbench.tokenHeader] ?? fields.first { $0.0 == "_csrf" }?.1
        guard let given, Workbench.same(given, token) else {
            throw WorkbenchError("the page is out of date (its CSRF token does not match): reload it")
        }
    }

    static func parse(_ text: String) -> [(String, String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    func first(_ name: String) -> String? { fields.first { $0.0 == name }?.1 }
}
