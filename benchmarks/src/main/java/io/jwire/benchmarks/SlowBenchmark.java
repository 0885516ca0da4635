package io.jwire.benchmarks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a benchmark class whose invocations take seconds (such as {@link MemoryBench}, a million
 * units per invocation): {@link BenchmarkMain} runs it in a second pass with the profile's fewer
 * forks and iterations ({@link Profile#applySlow}), so the short profile stays short.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SlowBenchmark {
}
