/**
 * The side-by-side benchmark: DEPAF beside the peer GDSC SMLM (uk.ac.sussex.gdsc:gdsc-smlm, GPL-3) and a random
 * baseline on the same data in the same run, written to docs/benchmarks.md with PNG charts. Not part of the default
 * build or the test suite (Maven profile {@code bench}; run with {@code ./bench.sh}). Unlike the engine, this package
 * may use ND4J directly (the convolution reference) and third-party fitters.
 */
package org.knime.depaf.bench;
