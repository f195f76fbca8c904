package app

import "context"

// fetchForCheck is replaced once the harvester lands; until then a URL
// cannot be checked.
func fetchForCheck(ctx context.Context, e *Env, url string) ([]byte, error) {
	return nil, errNotYet("checking a feed by URL (save a page to a file and check the file)")
}
