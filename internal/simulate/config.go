// Package simulate runs simulated OpenActive publishers over real HTTP on
// 127.0.0.1: a data-catalogue collection, catalogues, dataset-site HTML pages
// with JSON-LD, and RPDE feeds of every kind, with realistic content and
// injectable faults. Everything is a pure function of the seed and the clock:
// the server serves its state as at a settable time X, so harvesting it week
// by week builds real history, and Truth says exactly what an RPDE-correct
// harvester holds.
package simulate

import (
	"log/slog"
	"time"
)

// Place is a real location content is put at.
type Place struct {
	Postcode string
	Lat, Lng float64
	// Name is the town or area, used in venue and publisher names.
	Name string
}

// Config describes a simulated world. Zero fields take defaults.
type Config struct {
	Seed int64
	// Datasets is the number of live datasets (default 10).
	Datasets int
	// Activities is the total number of parent items (sessions series,
	// facility uses, events, courses, on-demand events) across datasets,
	// spread unevenly (default 20 per dataset).
	Activities int
	// ItemsPerFeed, when set, gives every parent feed exactly this many
	// activities instead of spreading Activities.
	ItemsPerFeed int
	// ChildrenPerParent is the number of session or slot streams per
	// parent (default 2); each stream always has one upcoming occurrence.
	ChildrenPerParent int
	// PageSize is the number of items per RPDE page (default 500).
	PageSize int
	// Faults to inject (see ParseFaults).
	Faults []Fault
	// Places content is located at (default: DefaultPlaces).
	Places []Place
	// Clock is the initial "as at" time (default: now).
	Clock time.Time
	// Epoch anchors history (default: Clock's day minus 400 days). History
	// is meaningful from Epoch − 60 days on.
	Epoch time.Time
	// Addr to listen on (default 127.0.0.1:0).
	Addr string
	// Gzip compresses pages for clients that accept it.
	Gzip bool
	// SlowDelay is the delay of the "slow" fault (default 250 ms).
	SlowDelay time.Duration
	// ORUK are Open Referral UK feeds served beside the OpenActive ones, at
	// /oruk/{i}, with services at Places (see ORUKFeed).
	ORUK   []ORUKFeed
	Logger *slog.Logger
}

func (c Config) withDefaults() Config {
	if c.Datasets <= 0 {
		c.Datasets = 10
	}
	if c.Activities <= 0 {
		c.Activities = 20 * c.Datasets
	}
	if c.ChildrenPerParent <= 0 {
		c.ChildrenPerParent = 2
	}
	if c.PageSize <= 0 {
		c.PageSize = 500
	}
	if len(c.Places) == 0 {
		c.Places = DefaultPlaces()
	}
	if c.Clock.IsZero() {
		c.Clock = time.Now()
	}
	c.Clock = c.Clock.UTC().Truncate(time.Second)
	if c.Epoch.IsZero() {
		c.Epoch = c.Clock.Truncate(24*time.Hour).AddDate(0, 0, -400)
	}
	c.Epoch = c.Epoch.UTC().Truncate(time.Second)
	if c.Addr == "" {
		c.Addr = "127.0.0.1:0"
	}
	if c.SlowDelay <= 0 {
		c.SlowDelay = 250 * time.Millisecond
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// DefaultPlaces are 24 live postcodes of Wigan with their coordinates
// (ONS NSPL November 2021, OGL v3; see data/SOURCES.md).
func DefaultPlaces() []Place {
	return []Place{
		{Postcode: "WN1 2DE", Lat: 53.557849, Lng: -2.634044, Name: "Wigan"},
		{Postcode: "WN1 2HQ", Lat: 53.558250, Lng: -2.634654, Name: "Wigan"},
		{Postcode: "WN1 2NL", Lat: 53.558665, Lng: -2.627474, Name: "Wigan"},
		{Postcode: "WN1 2NX", Lat: 53.561082, Lng: -2.627631, Name: "Wigan"},
		{Postcode: "WN1 2RG", Lat: 53.568940, Lng: -2.639103, Name: "Wigan"},
		{Postcode: "WN1 2RU", Lat: 53.562930, Lng: -2.633426, Name: "Wigan"},
		{Postcode: "WN1 2XJ", Lat: 53.600790, Lng: -2.633358, Name: "Wigan"},
		{Postcode: "WN1 3BA", Lat: 53.542250, Lng: -2.621045, Name: "Wigan"},
		{Postcode: "WN1 3DA", Lat: 53.543184, Lng: -2.615383, Name: "Wigan"},
		{Postcode: "WN1 3QY", Lat: 53.546542, Lng: -2.625424, Name: "Wigan"},
		{Postcode: "WN1 9TD", Lat: 53.545098, Lng: -2.629960, Name: "Wigan"},
		{Postcode: "WN2 2BA", Lat: 53.542575, Lng: -2.606683, Name: "Ince"},
		{Postcode: "WN2 2NP", Lat: 53.544922, Lng: -2.599428, Name: "Ince"},
		{Postcode: "WN2 4AN", Lat: 53.512683, Lng: -2.558031, Name: "Hindley"},
		{Postcode: "WN2 4PP", Lat: 53.526777, Lng: -2.552197, Name: "Hindley"},
		{Postcode: "WN2 5AB", Lat: 53.522489, Lng: -2.602625, Name: "Platt Bridge"},
		{Postcode: "WN2 5JU", Lat: 53.516986, Lng: -2.599350, Name: "Platt Bridge"},
		{Postcode: "WN2 5ND", Lat: 53.521989, Lng: -2.592784, Name: "Platt Bridge"},
		{Postcode: "WN2 5QN", Lat: 53.514823, Lng: -2.595097, Name: "Platt Bridge"},
		{Postcode: "WN3 5BY", Lat: 53.537324, Lng: -2.634718, Name: "Worsley Mesnes"},
		{Postcode: "WN3 5PU", Lat: 53.521891, Lng: -2.646433, Name: "Worsley Mesnes"},
		{Postcode: "WN3 5UJ", Lat: 53.531566, Lng: -2.652464, Name: "Goose Green"},
		{Postcode: "WN3 6BQ", Lat: 53.530082, Lng: -2.687969, Name: "Marus Bridge"},
		{Postcode: "WN3 6HP", Lat: 53.517876, Lng: -2.670427, Name: "Marus Bridge"},
	}
}
