package io.jwire.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Opens the built site in headless Chromium over HTTP and checks that the front page, the Java
 * page of {@code WireChannel}, a Kotlin DSL page and a guide page render with their content, and
 * that navigation works: the site header, Dokka's sidebar (loaded with fetch), a DSL signature's
 * link to the Java type, and the guide's next-page link. Screenshots go to
 * {@code docs/target/screenshots/}.
 *
 * <p>Without Chromium the test fails under CI=true and is skipped elsewhere ({@code apt-get
 * install chromium}; {@code .ci/run} installs it).
 */
@Timeout(120)
class SiteBrowserTest {
    private static final Path SITE = Path.of(System.getProperty("docs.site", "target/site"));
    private static final Path SHOTS = Path.of(System.getProperty("docs.screenshots", "target/screenshots"));
    private static final String WIRE_CHANNEL = "api/java/jwire-java/io.jwire.channels/-wire-channel/index.html";

    private static SiteServer server;
    private static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isRegularFile(SITE.resolve("index.html")), "no site at " + SITE.toAbsolutePath() + ": build it first");
        Path exe = Chromium.find();
        if (exe == null) {
            String how = "Chromium is not installed: apt-get install chromium (Debian package), or set CHROMIUM to its path";
            if ("true".equals(System.getenv("CI"))) {
                fail(how + "; .ci/run installs it when apt is reachable");
            }
            Assumptions.abort(how);
        }
        server = new SiteServer(SITE);
        browser = new Chromium(exe, 1280, 900);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void frontPageListsTheGuideAndLeadsToTheJavaReference() throws Exception {
        browser.open(server.url("index.html"));
        assertEquals("jwire", browser.eval("document.querySelector('main h1').textContent.trim()"));
        assertTrue(((Double) browser.eval("document.querySelectorAll('#guide-toc a').length")) >= 12, "the guide's chapters in the sidebar");
        assertTrue((Boolean) browser.eval("document.querySelector('main').innerText.includes('Getting started')"));
        browser.screenshot(SHOTS.resolve("index.png"));

        browser.eval("document.querySelector('.jwire-site-nav a[href$=\"api/java/index.html\"]').click()");
        browser.waitFor("location.pathname.endsWith('/api/java/index.html') && document.readyState === 'complete'", "the Java reference");
        browser.waitFor("document.querySelector('.library-name--link').textContent.includes('Java API')", "the Java reference's title");
        assertTrue((Boolean) browser.eval("document.body.innerText.includes('io.jwire.channels')"), "the package list");
    }

    @Test
    void wireChannelPageShowsJavaSignaturesAndItsSidebarNavigates() throws Exception {
        browser.open(server.url(WIRE_CHANNEL));
        assertEquals("WireChannel", browser.eval("document.querySelector('h1.cover').textContent.trim()"));
        String signature = (String) browser.eval("document.querySelector('.cover + .platform-hinted .symbol').textContent");
        assertTrue(signature.contains("public final class WireChannel"), "Java syntax: " + signature);
        assertTrue((Boolean) browser.eval("document.body.innerText.includes('Rendezvous')"), "the class comment");
        // Dokka's sidebar is fetched from navigation.html: it must load and lead to the other types
        browser.waitFor("document.querySelectorAll('#sideMenu a').length > 10", "Dokka's sidebar");
        browser.screenshot(SHOTS.resolve("wirechannel-java.png"));

        browser.eval("[...document.querySelectorAll('#sideMenu a')].find(a => a.textContent.trim() === 'WireSelect').click()");
        browser.waitFor("location.pathname.endsWith('/-wire-select/index.html') && document.readyState === 'complete'", "WireSelect via the sidebar");
        browser.waitFor("document.querySelector('h1.cover') && document.querySelector('h1.cover').textContent.trim() === 'WireSelect'", "WireSelect's page");
    }

    @Test
    void kotlinDslPageIsKotlinAndLinksToTheJavaType() throws Exception {
        browser.open(server.url("api/kotlin/jwire-kotlin/io.jwire.kotlin/receive.html"));
        String signature = (String) browser.eval("document.querySelector('.symbol').textContent");
        assertTrue(signature.contains("fun <T> WireChannel<T>.receive(timeout: Duration): T?"), "Kotlin syntax: " + signature);
        browser.waitFor("document.querySelectorAll('#sideMenu a').length > 10", "Dokka's sidebar");
        browser.screenshot(SHOTS.resolve("kotlin-dsl.png"));

        browser.eval("[...document.querySelectorAll('.symbol a')].find(a => a.textContent === 'WireChannel').click()");
        browser.waitFor("location.pathname.endsWith('/" + WIRE_CHANNEL + "') && document.readyState === 'complete'", "the Java WireChannel page");
        browser.waitFor("document.querySelector('h1.cover') && document.querySelector('h1.cover').textContent.trim() === 'WireChannel'", "its title");
    }

    @Test
    void guidePageRendersHighlightedSamplesAndLeadsToTheNextPage() throws Exception {
        browser.open(server.url("guide/channels.html"));
        assertEquals("Channels and select", browser.eval("document.querySelector('main h1').textContent.trim()"));
        assertEquals("Channels and select", browser.eval("document.querySelector('#guide-toc a[aria-current=page]').textContent.trim()"));
        browser.waitFor("document.querySelectorAll('main pre code .token').length > 20", "highlighted Java samples");
        browser.screenshot(SHOTS.resolve("guide-channels.png"));

        String next = (String) browser.eval("document.querySelector('.pager .next').textContent");
        browser.eval("document.querySelector('.pager .next').click()");
        browser.waitFor("!location.pathname.endsWith('/guide/channels.html') && document.readyState === 'complete'", "the next page");
        assertEquals(next.replace("→", "").trim(), browser.eval("document.querySelector('main h1').textContent.trim()"));
    }
}
