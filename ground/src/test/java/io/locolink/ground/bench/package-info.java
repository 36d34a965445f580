/** The ground station's benchmark harness (main classes, kept out of the test run; see BENCHMARKS.md). */
package io.locolink.ground.bench;
