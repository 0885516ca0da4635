package io.jwire.docs;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The finished site's checks: every package has a summary, and every link leads to a page. */
final class SiteChecks {
    private static final Pattern UNDER_COVER = Pattern.compile(
            "<div class=\"platform-hinted UnderCoverText\"[^>]*>(.*?)</div></div>", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]+>");
    private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"]*)\"");

    private SiteChecks() {
    }

    /** Each package page of each Dokka run shows a summary (package-info.java, or Module.md's "# Package"). */
    static List<String> packageSummaries(Path site, ApiIndex api) throws IOException {
        List<String> problems = new ArrayList<>();
        for (String run : api.runs()) {
            Map<String, Path> packages = api.packagePages(run);
            if (packages.isEmpty()) {
                problems.add("the " + run + " reference lists no package");
            }
            for (Map.Entry<String, Path> e : packages.entrySet()) {
                Matcher m = UNDER_COVER.matcher(Files.readString(e.getValue()));
                String text = m.find() ? TAG.matcher(m.group(1)).replaceAll("").trim() : "";
                if (text.isEmpty()) {
                    problems.add("package " + e.getKey() + " has no summary (" + site.relativize(e.getValue())
                            + "): write its package-info.java Javadoc, or a '# Package' section in the module's Markdown");
                }
            }
        }
        return problems;
    }

    /**
     * Every relative {@code href} and {@code src} of every HTML page resolves to a file of the site,
     * and no stand-in URL is left.
     */
    static List<String> links(Path site, String placeholder) throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> pages;
        try (Stream<Path> files = Files.walk(site)) {
            pages = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        for (Path page : pages) {
            String html = Files.readString(page);
            if (html.contains(placeholder)) {
                problems.add(site.relativize(page) + " still links " + placeholder);
            }
            Matcher m = LINK.matcher(html);
            while (m.find()) {
                String url = m.group(1).replace("&amp;", "&");
                if (url.isEmpty() || url.startsWith("#") || url.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // in-page anchors and absolute URLs (http, mailto, javascript, data)
                }
                int cut = url.length();
                for (char c : new char[] {'#', '?'}) {
                    int i = url.indexOf(c);
                    if (i >= 0) {
                        cut = Math.min(cut, i);
                    }
                }
                String path = URLDecoder.decode(url.substring(0, cut), StandardCharsets.UTF_8);
                Path target = page.getParent().resolve(path).normalize();
                if (Files.isDirectory(target)) {
                    target = target.resolve("index.html");
                }
                if (!target.startsWith(site) || !Files.exists(target)) {
                    problems.add(site.relativize(page) + ": link " + url + " leads nowhere");
                }
            }
        }
        return problems;
    }
}
