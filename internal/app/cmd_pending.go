package app

import "context"

// Commands whose implementation lands with later work; --help works for each.
func init() {
	pending := []struct{ name, args, summary string }{
		{"serve", "", "dashboard + API + scheduled snapshots"},
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
