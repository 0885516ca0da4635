/**
 * The poller service-provider interface: what a {@link io.jwire.WireScheduler} calls when no
 * wire is ready (wait for an event, a deadline or a wake-up). sdk-java ships a portable poller;
 * jwire-sdk-epoll adds the Linux epoll one, found through {@link java.util.ServiceLoader}.
 *
 * <p><b>Layering:</b> the bottom of jwire: uses nothing of jwire (its Javadoc names the
 * scheduler it serves).
 */
package io.jwire.spi;
