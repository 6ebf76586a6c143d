package nlp

import (
	"sort"
	"strconv"
	"strings"
)

// parseIDF parses gse's IDF table ("term idf" per line) into a map and
// returns the median IDF, given to unknown terms. Keys share the table's
// memory. Malformed lines are skipped: the table is gse's, not ours.
func parseIDF(table string) (map[string]float32, float64) {
	lines := strings.Count(table, "\n") + 1
	idf := make(map[string]float32, lines)
	vals := make([]float64, 0, lines)
	for len(table) > 0 {
		var line string
		line, table, _ = strings.Cut(table, "\n")
		term, val, ok := strings.Cut(strings.TrimSpace(line), " ")
		if !ok || term == "" {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err != nil || v < 0 {
			continue
		}
		if _, dup := idf[term]; !dup {
			idf[term] = float32(v)
			vals = append(vals, v)
		}
	}
	if len(vals) == 0 {
		return idf, 0
	}
	sort.Float64s(vals)
	mid := len(vals) / 2
	median := vals[mid]
	if len(vals)%2 == 0 {
		median = (vals[mid-1] + vals[mid]) / 2
	}
	return idf, median
}

// IDF returns term's inverse document frequency from gse's table; a term
// the table does not list gets the table's median.
func (m *Model) IDF(term string) float64 {
	if v, ok := m.idf[term]; ok {
		return float64(v)
	}
	return m.idfMedian
}
