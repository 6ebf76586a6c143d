package httpx

import "math/rand/v2"

// rand01 returns a uniform random number in [0, 1) for jitter.
func rand01() float64 { return rand.Float64() }
