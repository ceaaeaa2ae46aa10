/// Padding and trimming for the text reports.
extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }

    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }

    var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
