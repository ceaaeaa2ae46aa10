import Testing

extension Tag {
    /// Tests that take more than ten seconds (thousands of applicants). CI runs them; they sit in
    /// suites named Slow…, so `swift test --skip Slow` leaves them out locally.
    @Tag static var slow: Self
}
