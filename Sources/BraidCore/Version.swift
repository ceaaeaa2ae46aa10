public enum BraidCoreVersion { public static let version = "0.1.0" }
