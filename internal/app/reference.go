package app

import (
	"context"
	"fmt"
	"time"

	"github.com/feedgauge/feedgauge/internal/assurance"
	"github.com/feedgauge/feedgauge/internal/domain"
	"github.com/feedgauge/feedgauge/internal/geo"
	"github.com/feedgauge/feedgauge/internal/refdata"
	"github.com/feedgauge/feedgauge/internal/score"
	"github.com/feedgauge/feedgauge/internal/store"
)

// reference is the scoring reference of one moment: the method's profile
// and vocabularies, the loaded geography, and the assurance register as at
// T, with the provenance a snapshot records.
type reference struct {
	Ref              *score.Reference
	GeoVintages      string
	RegisterRevision int64
}

// loadGeo reads the geography resolver from the store.
func loadGeo(ctx context.Context, st store.Store) (*geo.Resolver, error) {
	res, err := geo.Load(ctx, st)
	if err != nil {
		return nil, fmt.Errorf("load the geography: %w", err)
	}
	return res, nil
}

// referenceAt builds the reference for scoring as at T.
func referenceAt(ctx context.Context, st store.Store, res *geo.Resolver, T time.Time) (reference, error) {
	ref, err := refdata.Reference(ctx, st)
	if err != nil {
		return reference{}, err
	}
	entries, rev, err := assurance.Entries(ctx, st, T)
	if err != nil {
		return reference{}, fmt.Errorf("read the assurance register: %w", err)
	}
	ref = ref.WithLocator(res).WithRegister(registerEntries(entries))
	return reference{Ref: ref, GeoVintages: res.Vintages(), RegisterRevision: rev}, nil
}

func registerEntries(es []domain.RegisterEntry) []score.RegisterEntry {
	out := make([]score.RegisterEntry, len(es))
	for i, e := range es {
		out[i] = score.RegisterEntry{OrganiserID: e.OrganiserID, OrganiserURL: e.OrganiserURL, OrganiserName: e.OrganiserName,
			LocalAuthority: e.LocalAuthority, Scheme: e.Scheme, AssuredOn: e.AssuredOn, ExpiresOn: e.ExpiresOn}
	}
	return out
}
