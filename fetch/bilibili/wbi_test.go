package bilibili

import (
	"net/url"
	"testing"
	"time"
)

// The documented test vector of the WBI signature.
func TestWBI(t *testing.T) {
	mixin, err := MixinKey("7cd084941338484aae1ad9425b84077c", "4932caff0ff746eab6f01bf08b70ac45")
	if err != nil || mixin != "ea1db124af3c7062474693fa704f4ff8" {
		t.Fatalf("MixinKey = %q, %v", mixin, err)
	}
	q := url.Values{"foo": {"114"}, "bar": {"514"}, "zab": {"1919810"}}
	got := SignWBI(q, mixin, time.Unix(1702204169, 0))
	if got.Get("wts") != "1702204169" || got.Get("w_rid") != "8f6f2b5b3d485fe1886cec6a0be8c5d4" {
		t.Errorf("signed %v, want w_rid 8f6f2b5b3d485fe1886cec6a0be8c5d4", got)
	}
	if q.Get("wts") != "" {
		t.Error("SignWBI modified its argument")
	}
	// Characters !'()* are left out of the signed value, spaces are %20.
	a := SignWBI(url.Values{"m": {"a b!'()*"}}, mixin, time.Unix(1, 0)).Get("w_rid")
	b := SignWBI(url.Values{"m": {"a b"}}, mixin, time.Unix(1, 0)).Get("w_rid")
	if a != b {
		t.Error("stripped characters change the signature")
	}
	if _, err := MixinKey("short", "keys"); err == nil {
		t.Error("MixinKey accepted short keys")
	}
}
