package grants

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/feedgauge/feedgauge/internal/store"
)

// recipient gathers what the grants say about one recipient key.
type recipient struct {
	Key       string
	Names     map[string]bool
	URLs      map[string]bool
	OrgIDs    map[string]bool
	LADs      map[string]bool
	Postcodes map[string]bool
}

// loadRecipients reads every stored grant's recipient, grouped by key.
func loadRecipients(ctx context.Context, st store.Store) (map[string]*recipient, []string, error) {
	rows, err := st.Query(ctx, "SELECT recipient_key, recipient_name, recipient_url, recipient_org_ids, recipient_lad, "+
		"recipient_postcode FROM grants"+st.Final())
	if err != nil {
		return nil, nil, fmt.Errorf("read grant recipients: %w", err)
	}
	defer rows.Close()
	out := map[string]*recipient{}
	for rows.Next() {
		var key, name, url, lad, pc string
		var ids []string
		if err := rows.Scan(&key, &name, &url, &ids, &lad, &pc); err != nil {
			return nil, nil, err
		}
		r := out[key]
		if r == nil {
			r = &recipient{Key: key, Names: map[string]bool{}, URLs: map[string]bool{}, OrgIDs: map[string]bool{},
				LADs: map[string]bool{}, Postcodes: map[string]bool{}}
			out[key] = r
		}
		addNonEmpty(r.Names, name)
		addNonEmpty(r.URLs, url)
		addNonEmpty(r.LADs, lad)
		addNonEmpty(r.Postcodes, pc)
		for _, id := range ids {
			addNonEmpty(r.OrgIDs, CanonicalOrgID(id))
		}
	}
	keys := sortedKeys(out)
	return out, keys, rows.Err()
}

func addNonEmpty(m map[string]bool, s string) {
	if s = strings.TrimSpace(s); s != "" {
		m[s] = true
	}
}

// target is something a recipient can link to: an organiser of a dataset,
// or the dataset's publisher (Key "").
type target struct {
	DatasetID string
	Key       string
	Name      string
	URL       string
	LAD       string
	IDs       []string
}

func (t target) ref(subject string) LinkRef {
	return LinkRef{SubjectKind: SubjectRecipient, SubjectID: subject, DatasetID: t.DatasetID, OrganiserKey: t.Key}
}

// organiserSQL reads each organiser's latest row from the complete
// snapshots up to T, so an organiser that stopped publishing still links
// (and then shows as "not publishing"). GLOBAL IN lets the ClickHouse form
// run over Distributed tables on a cluster too.
var organiserSQL = map[string]string{
	"sqlite": `SELECT dataset_id, organiser_key, max(t) AS last_t, name, url, identifiers, lad FROM organisers
WHERE t IN (SELECT t FROM snapshots WHERE status = 'complete' AND t <= @at)
GROUP BY dataset_id, organiser_key ORDER BY dataset_id, organiser_key`,
	"clickhouse": `SELECT dataset_id, organiser_key, max(t) AS last_t, argMax(name, t), argMax(url, t), argMax(identifiers, t), argMax(lad, t)
FROM organisers FINAL
WHERE t GLOBAL IN (SELECT t FROM snapshots FINAL WHERE status = 'complete' AND t <= @at)
GROUP BY dataset_id, organiser_key ORDER BY dataset_id, organiser_key`,
}

// loadTargets reads the organisers known up to T and every dataset's
// publisher.
func loadTargets(ctx context.Context, st store.Store, at time.Time) ([]target, error) {
	q, ok := organiserSQL[st.Backend()]
	if !ok {
		return nil, fmt.Errorf("grant linking does not know the %s store", st.Backend())
	}
	rows, err := st.Query(ctx, q, store.A("at", at.UTC()))
	if err != nil {
		return nil, fmt.Errorf("read organisers for linking: %w", err)
	}
	defer rows.Close()
	var out []target
	for rows.Next() {
		var t target
		var last time.Time
		if err := rows.Scan(&t.DatasetID, &t.Key, &last, &t.Name, &t.URL, &t.IDs, &t.LAD); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ds, err := store.Datasets(ctx, st)
	if err != nil {
		return nil, err
	}
	for _, d := range ds {
		out = append(out, target{DatasetID: d.ID, Name: firstNonEmpty(d.Publisher, d.Name), URL: d.PublisherURL, IDs: d.PublisherIDs})
	}
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].DatasetID+"\x00"+out[i].Key < out[j].DatasetID+"\x00"+out[j].Key
	})
	return out, nil
}

// loadLinks reads every stored link by reference.
func loadLinks(ctx context.Context, st store.Store) (map[LinkRef]LinkRecord, error) {
	ls, err := Links(ctx, st, LinkFilter{})
	if err != nil {
		return nil, err
	}
	out := make(map[LinkRef]LinkRecord, len(ls))
	for _, l := range ls {
		out[l.LinkRef] = l
	}
	return out, nil
}
