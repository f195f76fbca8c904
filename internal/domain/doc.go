// Package domain holds the nouns of feedgauge: datasets, feeds, items, harvest
// attempts, snapshots and activity scores. It imports nothing but the standard
// library so every other package can share these types without cycles.
package domain
