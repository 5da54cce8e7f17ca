/// Names of the environment variables through which `folio` tells a chapter program how to run.
/// Both sides read these constants, so a name is written once.
public enum ProtocolEnvironment {
    /// Path of the side-channel file the program appends JSON-line events to.
    public static let sideChannel = "FOLIO_SIDE_CHANNEL"
    /// The front matter's `seed`.
    public static let seed = "FOLIO_SEED"
    /// The chapter's path, as the user gave it.
    public static let chapter = "FOLIO_CHAPTER"
    /// Path of a JSON ``RecordPlan``: which recorded runs to make and which to load.
    public static let recordPlan = "FOLIO_RECORD_PLAN"
    /// Overrides where the data sets live (else the first `data/` folder upward from the working directory).
    public static let dataDirectory = "FOLIO_DATA_DIR"
}

/// The version of the package, written into every record's `meta`.
public enum FolioVersion {
    public static let current = "0.9.0"
}
