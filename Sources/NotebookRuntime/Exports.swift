// Chapters `import NotebookRuntime` and get the tensor library with it.
@_exported import DeepLearning
