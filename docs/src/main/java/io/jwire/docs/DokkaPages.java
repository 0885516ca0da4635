package io.jwire.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Joins a Dokka run's pages to the site: the site header (guide, Java API, Kotlin DSL) in Dokka's
 * own header, a title that says which reference this is, and relative URLs where Dokka could only
 * write absolute ones: links to the other run's pages (Dokka's external documentation links need an
 * absolute URL, so the build gives it a stand-in) and source links (to the source views, or to the
 * configured source URL).
 */
final class DokkaPages {
    private static final Pattern LIBRARY_NAME = Pattern.compile(
            "(<a class=\"library-name--link\" href=\"[^\"]*\"[^>]*>)\\s*[^<]*?\\s*(</a>)");
    private static final String VERSION_DIV = "<div class=\"library-version\" id=\"library-version\">";

    private final Path site;
    private final String placeholder;
    private final Pattern sourceLink;
    private final SourceViews sources;

    DokkaPages(Path site, String placeholder, SourceViews sources) {
        this.site = site;
        this.placeholder = placeholder;
        this.sourceLink = Pattern.compile(Pattern.quote(placeholder + "/source/") + "([^\"#]+)(#L\\d+)?");
        this.sources = sources;
    }

    /** Rewrites every HTML page under {@code runRoot}; {@code title} names the reference. */
    List<String> finish(Path runRoot, String title) throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> pages;
        try (Stream<Path> files = Files.walk(runRoot)) {
            pages = files.filter(p -> p.toString().endsWith(".html")).toList();
        }
        if (pages.isEmpty()) {
            problems.add(site.relativize(runRoot) + " has no pages: did the Dokka run fail?");
        }
        for (Path page : pages) {
            String html = Files.readString(page);
            String out = rewrite(html, page, title, problems);
            if (!out.equals(html)) {
                Files.writeString(page, out);
            }
        }
        return problems;
    }

    private String rewrite(String html, Path page, String title, List<String> problems) {
        Path dir = page.getParent();
        String root = Html.rootFrom(site, page);
        String out = html.replace(placeholder + "/api/java/", Html.relative(dir, site.resolve("api/java")) + "/");
        Matcher m = sourceLink.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String href;
            try {
                href = sources.href(dir, m.group(1)) + (m.group(2) == null ? "" : m.group(2));
            } catch (IllegalArgumentException e) {
                problems.add(site.relativize(page) + ": source link to " + m.group(1) + ": " + e.getMessage());
                href = m.group();
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(href));
        }
        m.appendTail(sb);
        out = sb.toString();
        if (out.contains("<head>") && out.contains(VERSION_DIV) && !out.contains("jwire-site-nav")) {
            out = out.replace("</head>", "<link href=\"" + root + "assets/site.css\" rel=\"Stylesheet\">\n</head>");
            out = out.replace(VERSION_DIV, VERSION_DIV + Html.siteNav(root, title));
            out = LIBRARY_NAME.matcher(out).replaceFirst("$1" + Matcher.quoteReplacement("jwire · " + title) + "$2");
        }
        return out;
    }
}
