// Package synth generates realistic synthetic danmaku for tests and
// benchmarks, deterministically from a seed, with the right answers known by
// construction: planted bursts at known times with a known mood and emotion,
// passages whose mood differs from the rest of the video, ritual bursts
// (打卡, 前排… at the start; 完结撒花, 下次一定… at the end), a user who
// floods one window, and a term that bursts at a known time without any
// change in density.
//
// A video has a background of chatter whose rate drifts slowly, phrases drawn
// with a heavy-tailed (Zipf) frequency so that memes repeat thousands of
// times, exact duplicates, a few very active users, and send times spread over
// days after publication. Every phrase is written for this package.
package synth
