extension Roster {
    /// The order participants are kept in whatever the roster's row order, so that the plan and
    /// every report are the same for any order of the rows: by id, a run of digits compared as a
    /// number ("p9" before "p10"), then byte by byte (ids equal as numbers, such as "p010" and
    /// "p10").
    static func listedBefore(_ a: String, _ b: String) -> Bool {
        var (a, b) = (a, b)
        let natural = a.withUTF8 { x in b.withUTF8 { y in naturalOrder(x, y) } }
        return natural ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Whether `x` comes before `y` with digit runs read as numbers; nil when they are equal so.
    private static func naturalOrder(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool? {
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func run(_ s: UnsafeBufferPointer<UInt8>, from start: Int) -> (digits: Range<Int>, end: Int) {
            var first = start
            while first < s.count, s[first] == 0x30 { first += 1 }
            var end = first
            while end < s.count, isDigit(s[end]) { end += 1 }
            // (All zeros: the number 0, no significant digits.)
            return (first..<end, end)
        }
        var (i, j) = (0, 0)
        while i < x.count, j < y.count {
            guard isDigit(x[i]), isDigit(y[j]) else {
                if x[i] != y[j] { return x[i] < y[j] }
                (i, j) = (i + 1, j + 1)
                continue
            }
            let (u, v) = (run(x, from: i), run(y, from: j))
            if u.digits.count != v.digits.count { return u.digits.count < v.digits.count }
            for (p, q) in zip(u.digits, v.digits) where x[p] != y[q] { return x[p] < y[q] }
            (i, j) = (u.end, v.end)
        }
        if i == x.count, j == y.count { return nil }
        return i == x.count
    }
}
