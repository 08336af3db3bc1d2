"""From extractions to RDF: vocabulary, builder, store and saved queries."""
