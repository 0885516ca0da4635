/**
 * Not API: exported only to jwire's own modules ({@code io.jwire.epoll}, {@code io.jwire.kotlin})
 * and free to change in any release.
 *
 * <p>Layer 1, the switch layer ({@code SwitchLayer}, {@code Coroutine}: "run this coroutine until
 * it yields or ends", over {@code jdk.internal.vm.Continuation} or a virtual-thread hand-off), the
 * timer heap, and the wait layer's one park-with-optional-deadline mechanism ({@code Waiter},
 * {@code WaitQueue}) that every blocking site of jwire uses, plus confinement and argument checks.
 * <b>Layering:</b> uses only {@code io.jwire.spi}; the scheduler layer installs the
 * {@code Waiter} access at its class initialisation, so this package never names it.
 */
package io.jwire.internal;
