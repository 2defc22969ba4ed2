/// The version of EMLab, recorded in every study's manifest.
public enum EMLabVersion {
    public static let current = "0.1.0"
}
