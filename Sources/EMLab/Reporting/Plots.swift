/// Plots of a study, drawn by gnuplot (placeholder until the plotting module lands).
public enum Plots {
    public static func draw(directory: String) throws {}
}
