package nlp

import (
	"math"
	"testing"
)

func TestParseIDF(t *testing.T) {
	table := "甲 1.5\n乙 3\r\n丙 2.5\nbad line\n丁 x\n\n戊 10\n甲 9\n"
	idf, median := parseIDF(table)
	want := map[string]float32{"甲": 1.5, "乙": 3, "丙": 2.5, "戊": 10}
	if len(idf) != len(want) {
		t.Errorf("parsed %v, want %v", idf, want)
	}
	for k, v := range want {
		if idf[k] != v {
			t.Errorf("idf[%q] = %v, want %v", k, idf[k], v)
		}
	}
	if median != 2.75 {
		t.Errorf("median = %v, want 2.75", median)
	}
	if _, m := parseIDF(""); m != 0 {
		t.Errorf("median of an empty table = %v", m)
	}
}

func TestModelIDF(t *testing.T) {
	m := loadTestModel(t)
	common, rare := m.IDF("我们"), m.IDF("劳动防护")
	if !(common > 0 && common < rare) {
		t.Errorf("IDF(我们) = %v, IDF(劳动防护) = %v: want 0 < common < rare", common, rare)
	}
	unknown := m.IDF("这不是一个词qqq")
	if unknown != m.idfMedian || unknown <= 0 || math.IsNaN(unknown) {
		t.Errorf("IDF of an unknown term = %v, want the median %v", unknown, m.idfMedian)
	}
}
