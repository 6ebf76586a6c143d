package nlp

// BackgroundFreq returns how often term occurs in the general corpus
// behind gse's dictionary (its frequency column, with our dictionary's
// terms added at theirs): the background keyness is measured against. 0
// for a term the dictionary does not hold (Latin words, emoji, memes).
func (m *Model) BackgroundFreq(term string) float64 {
	f, _, ok := m.seg.Find(term)
	if !ok {
		return 0
	}
	return f
}

// BackgroundTotal returns the size of that general corpus: the sum of the
// dictionary's frequencies.
func (m *Model) BackgroundTotal() float64 { return m.seg.Dict.TotalFreq() }
