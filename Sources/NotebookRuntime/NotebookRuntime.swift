// Placeholder so the package builds; the runner issue replaces this file.
@_exported import DeepLearning
