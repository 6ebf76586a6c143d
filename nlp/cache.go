package nlp

// DefaultCacheCap is the default number of entries per generation of an
// [Analyzer]'s cache.
const DefaultCacheCap = 1 << 17

// cacheEntry is what is cached per normalised text: the tokens and the
// scores before the per-call intensifiers.
type cacheEntry struct {
	tokens []string
	scores
}

// cache is a two-generation map: when the current generation is full it
// becomes the previous one and a new one starts; a hit in the previous
// generation is copied into the current one. It holds at most 2×cap
// entries and keeps the texts that recur.
type cache struct {
	cap       int
	cur, prev map[string]cacheEntry
}

func newCache(capacity int) cache {
	return cache{cap: capacity, cur: make(map[string]cacheEntry)}
}

func (c *cache) get(key string) (cacheEntry, bool) {
	if e, ok := c.cur[key]; ok {
		return e, true
	}
	if e, ok := c.prev[key]; ok {
		c.put(key, e)
		return e, true
	}
	return cacheEntry{}, false
}

func (c *cache) put(key string, e cacheEntry) {
	if len(c.cur) >= c.cap {
		c.prev = c.cur
		c.cur = make(map[string]cacheEntry, len(c.prev))
	}
	c.cur[key] = e
}

func (c *cache) len() int { return len(c.cur) + len(c.prev) }
