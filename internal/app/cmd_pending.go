package app

import "context"

// Commands whose implementation lands with later work; --help works for each.
func init() {
	pending := []struct{ name, args, summary string }{
		{"demo", "", "run simulated publishers for a real place, backfill a year of snapshots and open the dashboard"},
		{"serve", "", "dashboard + API + scheduled snapshots"},
		{"snapshot", "", "one harvest + score + store run over the sources, then exit"},
		{"simulate", "", "run simulated RPDE publishers with faults"},
		{"report", "NAME", "write an Excel report"},
		{"import", "geo KIND FILE | grants FILE | assurance FILE", "import geography, 360Giving grants or the assurance register"},
		{"export", "oruk", "OpenActive activities of a place as Open Referral UK v3 services"},
		{"vocab", "refresh [FILE|URL …]", "refresh the shipped Activity List and Facility Types"},
		{"check", "URL|FILE", "score a feed or a JSON file and list what is missing, activity by activity"},
	}
	for _, p := range pending {
		if commands[p.name] != nil {
			continue
		}
		name := p.name
		register(&command{name: name, args: p.args, summary: p.summary, flags: []string{"store"},
			run: func(context.Context, *Env, []string) error { return errNotYet("feedgauge " + name) }})
	}
}
