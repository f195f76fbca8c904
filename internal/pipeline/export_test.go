package pipeline

// SetLeanAbove makes datasets read from the store decode lean from n items
// on, until the returned function restores the default.
func SetLeanAbove(n int) (restore func()) {
	old := leanAbove
	leanAbove = n
	return func() { leanAbove = old }
}
