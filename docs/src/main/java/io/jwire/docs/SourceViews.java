package io.jwire.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where links to repository files go. With a source URL (a repository browser) they go there;
 * without one, to a read-only view of the file inside the site, {@code source/PATH.html}, whose
 * line numbers are anchors ({@code #L42}), so the site works on its own, offline and on any host.
 */
final class SourceViews {
    private final Path repo;
    private final Path site;
    private final String sourceUrl;
    private final Set<String> wanted = new TreeSet<>();

    SourceViews(Path repo, Path site, String sourceUrl) {
        this.repo = repo;
        this.site = site;
        this.sourceUrl = sourceUrl;
    }

    /**
     * The URL, from a page in {@code fromDir}, of the repository file {@code path} (relative to
     * the repository root, '/'-separated).
     *
     * @throws IllegalArgumentException when the file does not exist or is a directory
     */
    String href(Path fromDir, String path) {
        Path file = repo.resolve(path).normalize();
        if (!file.startsWith(repo) || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no file " + path + " in the repository");
        }
        if (!sourceUrl.isEmpty()) {
            return sourceUrl + "/" + path;
        }
        wanted.add(path);
        return Html.relative(fromDir, site.resolve("source/" + path + ".html"));
    }

    /** Writes the views of every file linked so far. */
    void write() throws IOException {
        for (String path : wanted) {
            Path out = site.resolve("source/" + path + ".html");
            Files.createDirectories(out.getParent());
            Files.writeString(out, page(path, Files.readAllLines(repo.resolve(path))));
        }
    }

    private String page(String path, List<String> lines) {
        String root = Html.rootFrom(site, site.resolve("source/" + path + ".html"));
        String lang = path.endsWith(".kt") ? "kotlin" : path.endsWith(".java") ? "java" : "none";
        StringBuilder gutter = new StringBuilder();
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            gutter.append("<a id=\"L").append(n).append("\" href=\"#L").append(n).append("\">").append(n).append("</a>\n");
            code.append(Html.escape(lines.get(i))).append('\n');
        }
        return """
                <!DOCTYPE html>
                <html lang="en" class="jwire-page">
                <head>
                <meta charset="UTF-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · jwire source</title>
                <link rel="stylesheet" href="%sassets/site.css">
                <link rel="stylesheet" href="%sapi/java/styles/prism.css">
                </head>
                <body class="source-view">
                <header class="site-header"><a class="brand" href="%sindex.html">jwire</a>%s</header>
                <main class="source-main">
                <h1 class="source-path">%s</h1>
                <div class="source-lines"><pre class="gutter">%s</pre><pre class="code"><code class="language-%s">%s</code></pre></div>
                </main>
                <script src="%sapi/java/scripts/prism.js"></script>
                </body>
                </html>
                """.formatted(Html.escape(path), root, root, root, Html.siteNav(root, ""), Html.escape(path),
                gutter, lang, code, root);
    }
}
