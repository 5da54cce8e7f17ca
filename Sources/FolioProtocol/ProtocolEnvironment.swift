/// Names of the environment variables through which `folio` tells a chapter program how to run.
/// Both sides read these constants, so a name is written once.
public enum ProtocolEnvironment {
    /// The number of the inherited file descriptor (the write end of a pipe) the program writes its
    /// JSON-line events to. A pipe, not a file: nothing the chapter's cells print, write or truncate
    /// by path can reach it, and the program closes it on `exec` so that its own children never hold it.
    public static let sideChannelDescriptor = "FOLIO_SIDE_CHANNEL_FD"
    /// The per-run random token inside every marker (``ProtocolMarker``): bytes a cell prints by accident
    /// never make a marker. The program reads it once and removes it from its environment.
    public static let markerToken = "FOLIO_MARKER_TOKEN"
    /// The front matter's `seed`.
    public static let seed = "FOLIO_SEED"
    /// The chapter's path, as the user gave it.
    public static let chapter = "FOLIO_CHAPTER"
    /// Path of a JSON ``RecordPlan``: which recorded runs to make and which to load.
    public static let recordPlan = "FOLIO_RECORD_PLAN"
    /// Overrides where the data sets live (else the first `data/` folder upward from the working directory).
    public static let dataDirectory = "FOLIO_DATA_DIR"
    /// Set by `folio` on every process it starts (compilers, chapter programs) and inherited by what
    /// those start: the tokens of the folio runs and children a process descends from, so that
    /// `folio` can find and stop a whole tree, even processes that left its process group.
    public static let processTree = "FOLIO_PROCESS_TREE"
}

/// The version of the package, written into every record's `meta`.
public enum FolioVersion {
    public static let current = "0.9.0"
}
