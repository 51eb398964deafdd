// Package mutate holds the mutation test of every reader: each golden file
// of testdata and each file of the shared corpus, cut at every length and
// with every single bit flipped, goes through the reader of its kind
// (fit.Decode, tcx.DecodeFile, the YAML parsers, the roster reader). It
// has no code of its own.
package mutate
