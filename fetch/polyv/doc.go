// Package polyv fetches danmaku from Polyv VOD's signed list endpoint
// (GET /v2/danmu/{userid}), for one video (vid) or for every video of an
// account, page by page (pageNum, numPerPage) until the last page.
//
// Requests are signed with SHA1 over the sorted parameters and the secret
// key, with a fresh ptime on every request and retry ([Sign]). Personal
// fields of live-chat senders (IP address, nickname, avatar) are removed
// before a reply is archived and never reach the schema; user_hash is a
// stable hash of the sender's id. See README.md.
package polyv
