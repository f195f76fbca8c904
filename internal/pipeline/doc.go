// Package pipeline runs one snapshot: discover the sources, harvest every
// feed, score every dataset and store the results, then mark the snapshot
// complete. It owns the order of the stages, not their rules: fetching,
// RPDE, scoring and storage live in their own packages.
package pipeline
