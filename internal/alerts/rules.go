package alerts

import (
	"fmt"
	"time"

	"github.com/feedgauge/feedgauge/internal/domain"
)

// finding is a condition that holds at T; its key names the alert it
// belongs to (one alert per kind and subject at a time).
type finding struct {
	kind, severity, datasetID, feedURL, subject, message string
}

func (f finding) key() string { return f.kind + "\x00" + f.subject }

// feedHistory is what the feed rules read of one feed's attempts up to T.
type feedHistory struct {
	URL, DatasetID string
	// LastChange is the latest attempt within the stalled window that
	// stored a new (RPDE id, modified) pair.
	LastChange *time.Time
	// Attempts are those within FailingWithin before T, oldest first.
	Attempts []attempt
}

type attempt struct {
	At         time.Time
	Status     string
	ErrorKind  string
	HTTPStatus int
	Message    string
}

// datasetFigures is one dataset in one snapshot.
type datasetFigures struct {
	ID, Name   string
	Activities int
	Upcoming   int
	SumOverall int64
	Orphans    int
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }

func days(d time.Duration) int { return int(d / day) }

// stalled: the last change lies in [T − 120 days, T − 5 days); critical when
// older than T − 7 days (§8.12).
func stalled(f feedHistory, t time.Time, r Rules) (finding, bool) {
	if f.LastChange == nil {
		return finding{}, false
	}
	lc := *f.LastChange
	if lc.Before(t.Add(-r.StalledWindow)) || !lc.Before(t.Add(-r.StalledAfter)) {
		return finding{}, false
	}
	sev := Warning
	if lc.Before(t.Add(-r.StalledEscalate)) {
		sev = Critical
	}
	return finding{kind: Stalled, severity: sev, datasetID: f.DatasetID, feedURL: f.URL, subject: f.URL,
		message: fmt.Sprintf("The feed has not changed for %d days (last change %s). Check with the publisher that their system still publishes.",
			days(t.Sub(lc)), stamp(lc))}, true
}

// failing: the latest attempt failed and one succeeded within 15 days;
// critical once failing for more than 3 days (since the first failure after
// the last success).
func failing(f feedHistory, t time.Time, r Rules) (finding, bool) {
	n := len(f.Attempts)
	if n == 0 || f.Attempts[n-1].Status != domain.StatusFailed {
		return finding{}, false
	}
	lastOK := -1
	for i, a := range f.Attempts {
		if a.Status == domain.StatusOK && !a.At.Before(t.Add(-r.FailingWithin)) {
			lastOK = i
		}
	}
	if lastOK < 0 {
		return finding{}, false
	}
	since := f.Attempts[lastOK+1].At
	sev := Warning
	if since.Before(t.Add(-r.FailingEscalate)) {
		sev = Critical
	}
	last := f.Attempts[n-1]
	what := last.ErrorKind
	if last.HTTPStatus > 0 && last.ErrorKind != "" {
		what = fmt.Sprintf("%s, HTTP %d", last.ErrorKind, last.HTTPStatus)
	}
	msg := fmt.Sprintf("Harvests have failed since %s (%s); the last success was %s.", stamp(since), what, stamp(f.Attempts[lastOK].At))
	if last.Message != "" {
		msg += " " + last.Message
	}
	return finding{kind: Failing, severity: sev, datasetID: f.DatasetID, feedURL: f.URL, subject: f.URL, message: msg}, true
}

// orphans: at least 100 orphan child items in the dataset.
func orphans(d datasetFigures, r Rules) (finding, bool) {
	if d.Orphans < r.OrphansMin {
		return finding{}, false
	}
	return finding{kind: Orphans, severity: Warning, datasetID: d.ID, subject: d.ID,
		message: fmt.Sprintf("%d child items (sessions or slots) of %s name a parent that is in none of its feeds.", d.Orphans, label(d))}, true
}

// supplyFalling: the upcoming count is ≤ 90 % of the count in the latest
// snapshot at least 5 days older, when that count is at least 50.
func supplyFalling(now, ref datasetFigures, refT time.Time, r Rules) (finding, bool) {
	if ref.Upcoming < r.SupplyMinBase || 100*now.Upcoming > (100-r.SupplyFallPct)*ref.Upcoming {
		return finding{}, false
	}
	return finding{kind: SupplyFalling, severity: Warning, datasetID: now.ID, subject: now.ID,
		message: fmt.Sprintf("Activities with an upcoming occurrence in %s fell from %d (snapshot %s) to %d.",
			label(now), ref.Upcoming, stamp(refT), now.Upcoming)}, true
}

// mean10 is a mean of integers rounded half up to one decimal, in tenths
// (§8.11.1).
func mean10(sum int64, n int) int64 { return (20*sum + int64(n)) / (2 * int64(n)) }

func tenths(v int64) string { return fmt.Sprintf("%d.%d", v/10, v%10) }

// scoreFalling: the dataset's mean overall is at least 10.0 below its value
// in the previous quarter's last snapshot.
func scoreFalling(now, prev datasetFigures, prevT time.Time, quarter string, r Rules) (finding, bool) {
	if now.Activities == 0 || prev.Activities == 0 {
		return finding{}, false
	}
	m, p := mean10(now.SumOverall, now.Activities), mean10(prev.SumOverall, prev.Activities)
	if p-m < r.ScoreFallTenths {
		return finding{}, false
	}
	return finding{kind: ScoreFalling, severity: Warning, datasetID: now.ID, subject: now.ID,
		message: fmt.Sprintf("The mean overall score of %s fell from %s (end of %s, snapshot %s) to %s.",
			label(now), tenths(p), quarter, stamp(prevT), tenths(m))}, true
}

func label(d datasetFigures) string {
	if d.Name != "" {
		return d.Name
	}
	return d.ID
}
