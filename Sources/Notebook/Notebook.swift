// Placeholder so the package builds; the runner issue replaces this file.
import CCmark

/// The version of libcmark this build links.
public var cmarkVersionString: String { String(cString: cmark_version_string()) }
