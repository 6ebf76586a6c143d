// Package httpx is what the network sources share: an HTTP client with a
// deadline on every request, bounded retries with exponential backoff and
// jitter, one request-rate budget per service for the whole run, errors that
// name the service, endpoint, HTTP status and API code (and say whether a
// retry can help), and redaction of secrets from everything it reports.
//
// It knows nothing of danmaku: each service package builds its requests and
// classifies its replies (see [Request.Check]).
package httpx
