package score

import (
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/score/jsonld"
	"github.com/feedgauge/feedgauge/internal/score/schedule"
)

// objFacts is everything scoring ever reads of one object copy (an item's
// root, or an object nested through a link property), read from its JSON
// tree once when the item is decoded. The tree is then dropped: checks
// combine the facts of an activity's sources in source order, which gives
// exactly the result of walking the trees at every T, without the walks.
// Facts depend only on the object, never on T, the dataset or the reference
// (reference-dependent parts, such as whether an activity id is in the
// Activity List, are decided when scoring). Strings share the decoded copy
// of the item's bytes.
type objFacts struct {
	// The first fields are what every activity reads of every source; most
	// checks are answered by ORing them over the sources.
	flags     flags
	present   keyMask // present properties among presenceKeys
	orgs      []*orgFacts
	name      string   // trimmed string name, "" when none
	postcodes []string // valid, normalised, in document order

	typ string

	// Dates (occur.go).
	start    time.Time // startDate as an instant, when startOK
	startOK  bool
	hasStart bool // a startDate member exists, whatever its value
	zoned    bool // startDate is a date-time with an offset (as.4)
	hasSched bool // an eventSchedule member exists, whatever its value

	// as.4 problems 2–6 of this object (conform.go); nil when it has none,
	// as most objects do, which keeps the facts small.
	problems *problems

	// The facts many objects lack (occurrences nearly all), read through
	// this embedded pointer. It is never nil once the facts are read: an
	// object with none of them shares noMore, which must never be written;
	// readers write through more().
	*moreFacts
}

// moreFacts are the facts an object may lack.
type moreFacts struct {
	otherKeys []string // other present properties

	rules     []*schedule.Rule // eventSchedule entries that can give dates
	dateNotes []string         // why startDate or eventSchedule entries give none

	// What failure reasons and the resolver need.
	descTag     string   // sp.2: the first HTML tag, when flagDescTag
	costWhy     string   // sp.6: the last failure reason met in this object
	activityIDs []string // sp.3: concept ids, before the vocabulary test
	facilityIDs []string
	geo         geoFacts
}

// noMore is the moreFacts of every object that has none of them.
var noMore moreFacts

// more returns f's own moreFacts, for writing.
func (f *objFacts) more() *moreFacts {
	if f.moreFacts == &noMore {
		f.moreFacts = new(moreFacts)
	}
	return f.moreFacts
}

// flags are an object's yes/no facts.
type flags uint32

const (
	flagNameOK       flags = 1 << iota // sp.1: a string name of 1–200 code points
	flagNameLong                       // sp.1: a string name over 200 code points
	flagDescOK                         // sp.2: a description that passes
	flagDescShort                      // sp.2: a description under 30 code points
	flagDescTag                        // sp.2: a description holding an HTML tag
	flagActivity                       // sp.3: activity is present
	flagFacility                       // sp.3: facilityType is present
	flagConcepts                       // sp.3: some activity or facilityType concept id
	flagPostcode                       // sp.4: a valid postcode
	flagVirtual                        // sp.4, sp.5: a beta:virtualLocation URL
	flagGeo                            // sp.5: some location.geo
	flagGeoUK                          // sp.5: a geo inside the UK box
	flagGeoSwapped                     // sp.5: a geo inside it once swapped
	flagCostPass                       // sp.6 passes
	flagCostWhy                        // sp.6: a failure reason was met
	flagContactPoint                   // sp.7: a beta:contactPoint
	flagImage                          // sp.9
	flagSuits                          // sp.13
	flagOnline                         // eventAttendanceMode is online
	flagCancelled                      // eventStatus is cancelled or postponed
	flagProblems                       // as.4 problems
)

func (f flags) has(b flags) bool { return f&b != 0 }

func (f *objFacts) set(b flags, on bool) {
	if on {
		f.flags |= b
	}
}

// geoFacts are the points an object's location.geo values give the
// resolver.
type geoFacts struct {
	ukPoint   domain.Point // the first geo inside the UK box
	swapPoint domain.Point // the first geo inside it once swapped, swapped
}

// orgFacts is one organizer or provider object.
type orgFacts struct {
	name       string // trimmed string name (the organiser column)
	key        string // §8.5's organiser key
	id         string // @id as given, for the register
	norm       string // Norm(name), for the register
	url        hostParts
	identified bool // as.1
	criteria   bool // as.2
	contact    bool // sp.7: email, telephone or a contact point
	nameURL    bool // sp.8
}

// readFacts reads one object copy into f; nested gives the facts, already
// read, of the objects nested in it through link properties, and ms
// remembers postcodes and urls already read.
func readFacts(obj *keyed, f *objFacts, nested *nestedIndex, ms *memos) {
	f.moreFacts = &noMore
	f.typ = jsonld.NormType(obj.get(kType))
	readPresence(obj, f)
	readDates(obj, f)
	readName(obj, f)
	readDescription(obj, f)
	readActivity(obj, f)
	readPlaces(obj, f, ms)
	readCost(obj, f)
	readOrganisers(obj, f, ms)
	f.set(flagContactPoint, hasContactPoint(obj.get(kContactPoint)))
	f.set(flagImage, hasImage(obj))
	f.set(flagSuits, suits(obj))
	if p := objectProblems(obj, f, nested); p.first != "" {
		f.problems = new(problems)
		*f.problems = p // a copy, so p itself stays off the heap
		f.flags |= flagProblems
	}
}
