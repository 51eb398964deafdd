package encode

// Extension returns the file name extension of enc's files, without the
// dot: what enc's Extension method says when it has one ("json" for the
// Connect format), else its Format name ("fit", "tcx").
func Extension(enc Encoder) string {
	if x, ok := enc.(interface{ Extension() string }); ok {
		return x.Extension()
	}
	return enc.Format()
}
