package stats

import (
	"github.com/danmakuscope/danmakuscope/nlp"
	"time"
)

// sendTime aggregates danmaku by when they were sent: per calendar day and
// per hour of the week, in one time zone.
type sendTime struct {
	loc  *time.Location
	days map[int64]*moments // civil day number (days since 1970-01-01) → moments
	week [7][24]moments     // [ISO weekday−1][hour]
	n    int64
}

func newSendTime(loc *time.Location) *sendTime {
	return &sendTime{loc: loc, days: map[int64]*moments{}}
}

// add records one danmaku sent at Unix ms with its valence and label.
func (s *sendTime) add(ms int64, v float64, label string) {
	t := time.UnixMilli(ms).In(s.loc)
	y, m, d := t.Date()
	day := civilDay(y, m, d)
	c := s.days[day]
	if c == nil {
		c = new(moments)
		s.days[day] = c
	}
	c.add(v, label, nlp.NoEmotion) // send-time trends report no emotions
	// 1970-01-01 was a Thursday (ISO weekday 4).
	weekday := ((day+3)%7 + 7) % 7
	s.week[weekday][t.Hour()].add(v, label, nlp.NoEmotion)
	s.n++
}

// civilDay numbers a calendar date: days since 1970-01-01.
func civilDay(y int, m time.Month, d int) int64 {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// isoWeekday returns 1 for Monday … 7 for Sunday.
func isoWeekday(w time.Weekday) int {
	if w == time.Sunday {
		return 7
	}
	return int(w)
}

// SendTime holds the send-time trends of a video.
type SendTime struct {
	// Zone names the time zone of days, hours and weekdays.
	Zone string
	// Days has one entry per calendar day from the first danmaku's to the
	// last one's, empty days included.
	Days []SendDay
	// Week has one entry per hour of the week, Monday 0:00 first.
	Week []SendHour
}

// SendDay is one calendar day of send times.
type SendDay struct {
	// Day counts days since the first danmaku's day (0 for that day).
	Day int
	// Date is the day as YYYY-MM-DD.
	Date string
	// Weekday is 1 for Monday … 7 for Sunday.
	Weekday int
	Summary
}

// SendHour is one hour of the week: every danmaku sent on that weekday at
// that hour, whatever the date.
type SendHour struct {
	Weekday int // 1 Monday … 7 Sunday
	Hour    int // 0–23
	Summary
}

// maxSendDays bounds the days listed: beyond it (a send time decades off),
// only days with danmaku are listed.
const maxSendDays = 20_000

// result returns the trends, or false when no danmaku had a send time.
func (s *sendTime) result() (SendTime, bool) {
	if s.n == 0 {
		return SendTime{}, false
	}
	keys := sortedKeys(s.days)
	first, last := keys[0], keys[len(keys)-1]
	out := SendTime{Zone: s.loc.String()}
	emit := func(k int64) {
		var m moments
		if c := s.days[k]; c != nil {
			m = *c
		}
		date := time.Unix(k*86400, 0).UTC()
		out.Days = append(out.Days, SendDay{Day: int(k - first), Date: date.Format(time.DateOnly),
			Weekday: isoWeekday(date.Weekday()), Summary: m.summary()})
	}
	if last-first < maxSendDays {
		for k := first; k <= last; k++ {
			emit(k)
		}
	} else {
		for _, k := range keys {
			emit(k)
		}
	}
	for wd := 0; wd < 7; wd++ {
		for h := 0; h < 24; h++ {
			out.Week = append(out.Week, SendHour{Weekday: wd + 1, Hour: h, Summary: s.week[wd][h].summary()})
		}
	}
	return out, true
}
