// Package oruk brings Open Referral UK (ORUK), the standard councils use for
// community-service directories, beside OpenActive: it harvests ORUK v3 and
// v1 feeds with the shared polite client into the same items and feed-health
// attempt rows, scores each service for freshness, completeness and
// assurance (profile `oruk`, docs/method.md part B), crosswalks OpenActive
// activities to ORUK services (readiness scores and `feedgauge export oruk`,
// validated against the shipped ORUK v3 schema).
package oruk
