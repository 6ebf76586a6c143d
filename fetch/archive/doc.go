// Package archive keeps the raw replies of network sources on disk and
// decodes them into record batches.
//
// Every page or segment reply is written to the archive (atomically: a
// temporary file, then a rename) before it is decoded. A fetch that is
// killed and started again finds the replies it already has and asks the
// service only for the rest; once a video's fetch has run to its end, a
// completion record makes later runs read the archive alone. [NewStream]
// then reads the archived replies in order, drops danmaku whose dmid was
// already read, and yields bounded batches, so the output depends only on
// the archive.
package archive
