package io.jwire.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Callable;

/**
 * The JDK's {@code java.util.concurrent.StructuredTaskScope} (JEP 505, a preview API in JDK 25) as
 * a peer of {@link ScopeBench}. The module is not compiled with {@code --enable-preview} (that
 * would tie every class and every forked JVM to preview mode), so the scope is reached through
 * method handles resolved once; after JIT compilation a constant handle costs what a direct call
 * costs. Subtasks run in virtual threads, the scope's default.
 */
final class StructuredTaskScopePeer {
    private static final MethodHandle OPEN;
    private static final MethodHandle FORK;
    private static final MethodHandle JOIN;
    private static final MethodHandle CLOSE;
    private static final MethodHandle GET;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.publicLookup();
            Class<?> scope = Class.forName("java.util.concurrent.StructuredTaskScope");
            Class<?> subtask = Class.forName("java.util.concurrent.StructuredTaskScope$Subtask");
            OPEN = l.unreflect(scope.getMethod("open")).asType(MethodType.methodType(Object.class));
            FORK = l.unreflect(scope.getMethod("fork", Callable.class))
                    .asType(MethodType.methodType(Object.class, Object.class, Callable.class));
            JOIN = l.unreflect(scope.getMethod("join")).asType(MethodType.methodType(Object.class, Object.class));
            CLOSE = l.unreflect(scope.getMethod("close")).asType(MethodType.methodType(void.class, Object.class));
            GET = l.unreflect(subtask.getMethod("get")).asType(MethodType.methodType(Object.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private StructuredTaskScopePeer() {
    }

    /**
     * Opens a scope (all subtasks must succeed), forks {@code children} subtasks each returning its
     * index, joins, and sums the subtasks' values.
     */
    static long forkJoinAll(int children) throws Throwable {
        Object scope = (Object) OPEN.invokeExact();
        try {
            Object[] subtasks = new Object[children];
            for (int i = 0; i < children; i++) {
                int v = i;
                Callable<Integer> child = () -> v;
                subtasks[i] = (Object) FORK.invokeExact(scope, child);
            }
            Object ignored = (Object) JOIN.invokeExact(scope);
            long sum = 0;
            for (Object s : subtasks) {
                sum += (Integer) (Object) GET.invokeExact(s);
            }
            return sum;
        } finally {
            CLOSE.invokeExact(scope);
        }
    }
}
