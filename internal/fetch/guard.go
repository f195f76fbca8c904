package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
	"time"
)

// blockedError is a dial refused by the address guard.
type blockedError struct {
	Host string
	IP   netip.Addr
	Why  string
}

func (e *blockedError) Error() string {
	return fmt.Sprintf("refused to connect to %s (%s): %s", e.Host, e.IP, e.Why)
}

var (
	cgnat     = netip.MustParsePrefix("100.64.0.0/10")
	thisNet   = netip.MustParsePrefix("0.0.0.0/8")
	broadcast = netip.MustParseAddr("255.255.255.255")
)

// whyBlocked says why an address is not on the public internet, or "" when
// it is public.
func whyBlocked(ip netip.Addr) string {
	ip = ip.Unmap()
	switch {
	case ip.IsLoopback():
		return "a loopback address"
	case ip.IsPrivate():
		return "a private address"
	case ip.IsLinkLocalUnicast():
		return "a link-local address (cloud metadata lives here)"
	case ip.IsUnspecified():
		return "an unspecified address"
	case ip.IsMulticast(), ip.IsLinkLocalMulticast(), ip.IsInterfaceLocalMulticast():
		return "a multicast address"
	case ip == broadcast:
		return "the broadcast address"
	case cgnat.Contains(ip):
		return "a carrier-grade NAT address"
	case thisNet.Contains(ip):
		return "a 'this network' address"
	}
	return ""
}

// guard decides which addresses may be dialled and dials only those.
type guard struct {
	allowAll bool
	allow    []netip.Prefix
	resolve  func(ctx context.Context, host string) ([]netip.Addr, error)
	dialer   *net.Dialer
}

func newGuard(o Options) *guard {
	g := &guard{allowAll: o.AllowPrivate, allow: o.AllowCIDRs, resolve: o.Resolve}
	if g.resolve == nil {
		g.resolve = func(ctx context.Context, host string) ([]netip.Addr, error) {
			return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		}
	}
	g.dialer = &net.Dialer{Timeout: o.DialTimeout, KeepAlive: 30 * time.Second, Control: g.control}
	return g
}

// check returns a *blockedError when ip may not be dialled.
func (g *guard) check(host string, ip netip.Addr) error {
	if g.allowAll {
		return nil
	}
	why := whyBlocked(ip)
	if why == "" {
		return nil
	}
	for _, p := range g.allow {
		if p.Contains(ip.Unmap()) {
			return nil
		}
	}
	return &blockedError{Host: host, IP: ip.Unmap(), Why: why}
}

// dialContext resolves the host itself, refuses blocked addresses and dials
// the first allowed one that answers. Redirects dial through here too, so
// the guard holds whatever the URL or DNS says.
func (g *guard) dialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	ips, err := g.lookup(ctx, host)
	if err != nil {
		return nil, err
	}
	var firstErr error
	for _, ip := range ips {
		if err := g.check(host, ip); err != nil {
			firstErr = cmpErr(firstErr, err)
			continue
		}
		conn, err := g.dialer.DialContext(ctx, network, net.JoinHostPort(ip.Unmap().String(), port))
		if err == nil {
			return conn, nil
		}
		firstErr = cmpErr(firstErr, err)
		if ctx.Err() != nil {
			break
		}
	}
	if firstErr == nil {
		firstErr = &net.DNSError{Err: "no addresses", Name: host, IsNotFound: true}
	}
	return nil, firstErr
}

// cmpErr keeps the first error, but a real dial error wins over a refusal
// so an unreachable allowed address is reported as such.
func cmpErr(prev, next error) error {
	var b *blockedError
	if prev == nil || (errors.As(prev, &b) && !errors.As(next, &b)) {
		return next
	}
	return prev
}

func (g *guard) lookup(ctx context.Context, host string) ([]netip.Addr, error) {
	if ip, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{ip}, nil
	}
	ips, err := g.resolve(ctx, host)
	if err != nil {
		var dnsErr *net.DNSError
		if !errors.As(err, &dnsErr) {
			err = &net.DNSError{Err: err.Error(), Name: host}
		}
		return nil, err
	}
	return ips, nil
}

// control re-checks the address the socket really connects to.
func (g *guard) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return nil
	}
	return g.check(ap.Addr().String(), ap.Addr())
}
