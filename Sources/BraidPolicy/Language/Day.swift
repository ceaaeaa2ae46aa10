/// A calendar day (no time zone), for period starts and dated parameter values.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    // Stored narrow (6 bytes, not 24) so a `Value` holding a day is no larger than one holding
    // text: every participant holds some forty values.
    private let storedYear: Int32
    private let storedMonth: UInt8, storedDay: UInt8
    public var year: Int { Int(storedYear) }
    public var month: Int { Int(storedMonth) }
    public var day: Int { Int(storedDay) }
    /// A year outside ±2,147,483,647 is clamped to it; a month or day outside 0...255 likewise
    /// (only the parser and the calendar arithmetic below make days).
    public init(year: Int, month: Int, day: Int) {
        storedYear = Int32(clamping: year)
        storedMonth = UInt8(clamping: month)
        storedDay = UInt8(clamping: day)
    }
    /// Parses `YYYY-MM-DD`; nil when malformed or not a real date.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1
        else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        guard d <= days else { return nil }
        self.init(year: y, month: m, day: d)
    }
    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// Whole years from this day to `other` (an anniversary counts on its day; a 29 February
    /// anniversary falls on 1 March in a common year). Negative when `other` is earlier.
    public func wholeYears(until other: Day) -> Int {
        if other < self { return -other.wholeYears(until: self) }
        var years = other.year - year
        if (other.month, other.day) < (month, day) { years -= 1 }
        return years
    }

    /// The same calendar day `years` later (29 February becomes 28 February in a common year).
    public func adding(years: Int) -> Day {
        let y = year + years
        if month == 2 && day == 29 && !Day.isLeap(y) { return Day(year: y, month: 2, day: 28) }
        return Day(year: y, month: month, day: day)
    }

    /// The next calendar day.
    public var next: Day {
        if day < Day.length(month, year) { return Day(year: year, month: month, day: day + 1) }
        return month == 12 ? Day(year: year + 1, month: 1, day: 1) : Day(year: year, month: month + 1, day: 1)
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
    static func length(_ m: Int, _ y: Int) -> Int {
        [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }
    public var description: String {
        let pad = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }
}
