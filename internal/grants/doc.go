// Package grants imports funders' 360Giving grants files, links grant
// recipients to the OpenActive organisers and publishers feedgauge harvests,
// and works out each grant's open-data compliance at every quarter end.
//
// # Import
//
// Import reads a JSON package, a CSV or an XLSX workbook. Spreadsheet columns
// are matched to the standard's titles case-insensitively with spaces around
// ':' ignored ("Grant Programme: Title"), rolled-up and numbered titles
// ("Recipient Org:0:Identifier"), JSON-path titles, a few known variants
// ("Programme Name") and GrantNav export columns ("Recipient Org: Org ID(s)",
// district codes). CSV text may be UTF-8 (with or without a byte-order
// mark), UTF-16 or Windows-1252. Excel serial dates are converted (silently
// for workbook cells, with a warning for CSV); amounts written as "£1,000"
// are read with a warning; DD/MM/YYYY dates are errors, because 03/04/2014
// could be either month. Every grant is validated against the 360Giving 1.4.3
// JSON Schema shipped in schema/ (format assertion on, every $ref resolved to
// the local copies), plus calendar-date checks and the Data Quality tool's
// critical checks that matter here: £0 or negative amounts, line breaks or
// formula text in identifiers, and duplicate Identifiers (rows sharing one
// are merged only when they agree, the standard's multiple-rows rule).
// Warnings (kept, reported): unrecognised org-id prefixes, charity and
// company number shapes, future award dates, planned dates out of order,
// postcodes as geocodes, formula text outside identifiers.
//
// # When a file is usable
//
// A file is imported when it has no file-level error (readable, not over the
// size cap, recognisably 360Giving: a JSON {"grants": [...]} package or a
// sheet with an Identifier column and at least three standard columns) and
// at least one grant passes validation. Then every valid grant is stored and
// every invalid one is listed with its rows, fields and reasons; otherwise
// nothing is stored. Either way the report is kept in grant_imports. Grants
// are keyed by funder and Identifier: importing the same file again changes
// nothing, an updated file updates grants in place, and grants missing from a
// later file are kept.
//
// In strict mode (the default) a valid grant passes the schema. In lenient
// mode a grant that fails the schema is still imported, with the failures as
// warnings and schema_valid = 0, when it has what compliance needs: an
// Identifier, the funder's identifier and name, a recipient name, a numeric
// Amount Awarded, a real Award Date and a Currency (older conversions such as
// Sport England's 2015 files lack Description and recipient identifiers).
//
// # Linking and compliance
//
// Link matches recipients to organisers and publishers, strongest first:
// org-id, a person's confirmed link, web domain, and name suggestions that a
// person confirms or rejects (link.go). Refresh computes each grant's status
// at every quarter end into grant_status, which the `grants` named query
// reads (compliance.go).
package grants
