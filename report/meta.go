package report

import (
	"strconv"

	"github.com/parquet-go/parquet-go"
)

// EngineVersion is the version of danmakuscope written into every output.
// Same input and same EngineVersion give byte-identical outputs.
const EngineVersion = "0.1.0"

// SchemaVersion is the version of the report contract: file names, columns
// and their types. It changes when a column is renamed, removed or changes
// type (adding columns does not change it); `analyze diff` refuses to compare
// trees of different schema versions.
const SchemaVersion = 1

// Keys of the key-value metadata in every Parquet file.
const (
	MetaEngineVersion = "danmakuscope.engine_version"
	MetaSchemaVersion = "danmakuscope.schema_version"
	MetaLexiconDigest = "danmakuscope.lexicon_digest"
	MetaParams        = "danmakuscope.params"
	MetaVideoKey      = "danmakuscope.video_key"
)

// Meta describes how outputs were produced. It goes into every Parquet
// file's key-value metadata and into summary.json.
type Meta struct {
	VideoKey      string
	LexiconDigest string
	// Params is the run's parameters as JSON (a plain struct marshalled by
	// the caller).
	Params string
}

// writerOptions are the Parquet settings every file shares: data page v1,
// plain or dictionary encodings, zstd pages, bounded row groups, and a fixed
// created_by so that output bytes depend only on input and version.
func (m Meta) writerOptions(schema *parquet.Schema) []parquet.WriterOption {
	return []parquet.WriterOption{
		schema,
		parquet.DataPageVersion(1),
		parquet.Compression(&parquet.Zstd),
		parquet.MaxRowsPerRowGroup(rowGroupRows),
		parquet.CreatedBy("danmakuscope", EngineVersion, ""),
		parquet.KeyValueMetadata(MetaEngineVersion, EngineVersion),
		parquet.KeyValueMetadata(MetaSchemaVersion, strconv.Itoa(SchemaVersion)),
		parquet.KeyValueMetadata(MetaLexiconDigest, m.LexiconDigest),
		parquet.KeyValueMetadata(MetaParams, m.Params),
		parquet.KeyValueMetadata(MetaVideoKey, m.VideoKey),
	}
}

// rowGroupRows bounds a row group, and with it the writer's memory.
const rowGroupRows = 1 << 17
