// Package bilixml reads and writes Bilibili danmaku XML documents: the
// `list.so` / `{cid}.xml` replies of Bilibili and the files that downloaders
// and live recorders save.
//
// A document looks like this:
//
//	<?xml version="1.0" encoding="UTF-8"?><i><chatserver>chat.bilibili.com</chatserver>
//	<chatid>10000001</chatid>…
//	<d p="490.19100,1,25,16777215,1584268892,0,a16fe0dd,29950852386521095">前方高能</d>
//	<d p="181.37900,1,25,16777215,1665842893,0,78695de5,1163933565554070784,11">哈哈哈哈</d>
//	</i>
//
// [NewStream] decodes one document from any reader into record batches of
// the canonical schema of package fetch; [File] is the same as a
// [fetch.Source]. The reader recognises plain, gzip, zlib and raw deflate input
// by content. It does not use encoding/xml: files in the wild are truncated,
// carry control characters or invalid UTF-8, or have a second document
// appended, and a small tolerant scanner keeps every intact danmaku, skips the
// damaged ones and reports each skip with its line.
//
// [Writer] writes danmaku back as a document, for tests and generated corpora.
package bilixml
