// Package fakeapi holds loopback fake servers of Bilibili, Just One API and
// Polyv VOD for tests. Each follows the documented protocol (see
// ../../../shared/research/protocols.md in the project's notes): deflated
// XML, protobuf segments that leave zero values off the wire, pagination,
// business codes, the Polyv signature and ptime window. Faults (connection
// resets, replies slower than a deadline, truncated bodies, error codes)
// can be queued per endpoint, and every request is recorded.
//
// It is imported by tests only.
package fakeapi
