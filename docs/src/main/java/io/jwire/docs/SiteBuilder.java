package io.jwire.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finishes the documentation site after the two Dokka runs have written {@code api/java} and
 * {@code api/kotlin}: checks the guide's code samples against the compiled sample sources, renders
 * the guide and the front page, writes source views, joins the Dokka pages to the rest of the site
 * (one header, relative cross-links, source links), and fails when a package has no summary or a
 * link of the site leads nowhere.
 *
 * <pre>
 * java io.jwire.docs.SiteBuilder --repo=DIR --site=DIR --placeholder=URL [--source-url=URL] [--sync-samples=true]
 * </pre>
 */
public final class SiteBuilder {
    private final Path repo;
    private final Path site;
    private final String placeholder;
    private final String sourceUrl;
    private final boolean syncSamples;

    SiteBuilder(Path repo, Path site, String placeholder, String sourceUrl, boolean syncSamples) {
        this.repo = repo.toAbsolutePath().normalize();
        this.site = site.toAbsolutePath().normalize();
        this.placeholder = placeholder;
        this.sourceUrl = sourceUrl.endsWith("/") ? sourceUrl.substring(0, sourceUrl.length() - 1) : sourceUrl;
        this.syncSamples = syncSamples;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + a);
            }
            opts.put(a.substring(2, eq), a.substring(eq + 1));
        }
        long start = System.nanoTime();
        List<String> problems = new SiteBuilder(Path.of(required(opts, "repo")), Path.of(required(opts, "site")),
                required(opts, "placeholder"), opts.getOrDefault("source-url", ""),
                Boolean.parseBoolean(opts.getOrDefault("sync-samples", "false"))).build();
        if (!problems.isEmpty()) {
            System.err.println("The documentation site has " + problems.size() + " problem(s):");
            problems.forEach(p -> System.err.println("  - " + p));
            System.exit(1);
        }
        System.out.printf("site ready: %s (%d ms)%n", Path.of(opts.get("site"), "index.html"),
                (System.nanoTime() - start) / 1_000_000);
    }

    private static String required(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("--" + name + "= is required");
        }
        return v;
    }

    /** Builds the site; returns what is wrong with it (empty when it is good). */
    List<String> build() throws IOException {
        List<String> problems = new ArrayList<>();
        Path docs = repo.resolve("docs");

        SampleRegions samples = SampleRegions.load(docs.resolve("src/test/java"), docs.resolve("src/test/kotlin"));
        Guide guide = Guide.load(repo, docs.resolve("guide/index.md"));
        for (Path md : guide.markdownSources()) {
            problems.addAll(samples.check(repo, md, syncSamples));
            // files a page includes (such as sdk-kotlin-dsl/Bridges.md) are checked, never rewritten
            for (Path included : GuidePages.includes(md)) {
                problems.addAll(samples.check(repo, included, false));
            }
        }
        // Module.md of the DSL is part of the site too (Dokka renders it).
        problems.addAll(samples.check(repo, repo.resolve("sdk-kotlin-dsl/Module.md"), false));

        ApiIndex api = new ApiIndex(site.resolve("api"));
        api.load("java", site.resolve("api/java/jwire-java/package-list"));
        api.load("kotlin", site.resolve("api/kotlin/jwire-kotlin/package-list"));

        SourceViews sources = new SourceViews(repo, site, sourceUrl);

        GuidePages pages = new GuidePages(repo, site, guide, api, sources);
        problems.addAll(pages.render());
        copyResource("site.css", site.resolve("assets/site.css"));

        DokkaPages dokka = new DokkaPages(site, placeholder, sources);
        problems.addAll(dokka.finish(site.resolve("api/java"), "Java API"));
        problems.addAll(dokka.finish(site.resolve("api/kotlin"), "Kotlin DSL"));

        sources.write();

        problems.addAll(SiteChecks.packageSummaries(site, api));
        problems.addAll(SiteChecks.links(site, placeholder));
        return problems;
    }

    private static void copyResource(String name, Path to) {
        try (var in = SiteBuilder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the docs module");
            }
            Files.createDirectories(to.getParent());
            Files.write(to, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
