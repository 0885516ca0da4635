package io.jwire.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders the guide's Markdown into the site's pages: {@code index.html} from
 * {@code docs/guide/index.md} and {@code guide/NAME.html} from each chapter, with a sidebar of
 * the chapters, the site header, and links rewritten for the site: another guide page, an image
 * (copied into {@code assets/}), a repository file (its source view or the source URL), or an
 * {@code api:} link to a Dokka page (see {@link ApiIndex}). A line
 * {@code <!-- include: PATH -->} inserts another Markdown file there, its links resolved from its
 * own folder (the performance page includes {@code benchmarks/RESULTS.md} this way).
 */
final class GuidePages {
    private static final Pattern INCLUDE = Pattern.compile("^<!-- include: (\\S+) -->\\s*$", Pattern.MULTILINE);
    private static final Set<String> IMAGES = Set.of("png", "jpg", "jpeg", "gif", "svg");

    private final Path repo;
    private final Path site;
    private final Guide guide;
    private final ApiIndex api;
    private final SourceViews sources;
    private final Parser parser;
    private final List<String> problems = new ArrayList<>();

    GuidePages(Path repo, Path site, Guide guide, ApiIndex api, SourceViews sources) {
        this.repo = repo;
        this.site = site;
        this.guide = guide;
        this.api = api;
        this.sources = sources;
        this.parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    }

    /** The existing files that {@code markdown} includes with {@code <!-- include: PATH -->}. */
    static List<Path> includes(Path markdown) throws IOException {
        List<Path> out = new ArrayList<>();
        Matcher m = INCLUDE.matcher(Files.readString(markdown));
        while (m.find()) {
            Path p = markdown.getParent().resolve(m.group(1)).normalize();
            if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Writes every page of the guide; returns the broken links and other problems found. */
    List<String> render() throws IOException {
        List<Guide.Chapter> pages = guide.pages();
        for (int i = 0; i < pages.size(); i++) {
            Guide.Chapter page = pages.get(i);
            Path out = site.resolve(page.output());
            Files.createDirectories(out.getParent());
            String[] title = {page.title()};
            String body = renderMarkdown(page.source(), out, title);
            Files.writeString(out, layout(page, title[0], body, out,
                    i > 0 ? pages.get(i - 1) : null, i + 1 < pages.size() ? pages.get(i + 1) : null));
        }
        return problems;
    }

    private String renderMarkdown(Path source, Path out, String[] title) throws IOException {
        String text = Files.readString(source);
        StringBuilder html = new StringBuilder();
        Set<String> ids = new HashSet<>();
        Matcher m = INCLUDE.matcher(text);
        int from = 0;
        boolean first = true;
        while (m.find()) {
            html.append(renderPart(text.substring(from, m.start()), source, out, ids, first ? title : null));
            first = false;
            Path included = source.getParent().resolve(m.group(1)).normalize();
            if (!Files.isRegularFile(included)) {
                problems.add(where(source) + " includes " + m.group(1) + ", which does not exist");
            } else {
                html.append(renderPart(Files.readString(included), included, out, ids, null));
            }
            from = m.end();
        }
        html.append(renderPart(text.substring(from), source, out, ids, first ? title : null));
        return html.toString();
    }

    private String renderPart(String markdown, Path source, Path out, Set<String> ids, String[] title) {
        Node doc = parser.parse(markdown);
        boolean[] titled = {false};
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                link.setDestination(rewrite(link.getDestination(), source, out, false));
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                image.setDestination(rewrite(image.getDestination(), source, out, true));
                visitChildren(image);
            }

            @Override
            public void visit(Heading heading) {
                if (title != null && heading.getLevel() == 1 && !titled[0]) {
                    title[0] = textOf(heading);
                    titled[0] = true;
                }
                visitChildren(heading);
            }
        });
        HtmlRenderer renderer = HtmlRenderer.builder()
                .extensions(List.of(TablesExtension.create()))
                .attributeProviderFactory(ctx -> new HeadingIds(ids))
                .build();
        return renderer.render(doc);
    }

    /** The site URL for a link written in {@code source}, as seen from the page {@code out}. */
    private String rewrite(String dest, Path source, Path out, boolean image) {
        if (dest.isEmpty() || dest.startsWith("#") || dest.matches("^(https?|mailto):.*")) {
            return dest;
        }
        String fragment = "";
        int hash = dest.indexOf('#');
        if (hash >= 0) {
            fragment = dest.substring(hash);
            dest = dest.substring(0, hash);
        }
        Path outDir = out.getParent();
        if (dest.startsWith("api:")) {
            String key = dest.substring(4);
            Path page = api.page(key);
            if (page == null) {
                problems.add(where(source) + ": no API page for link " + dest + " (see ApiIndex for the forms)");
                return dest;
            }
            return Html.relative(outDir, page) + fragment;
        }
        Path target = source.getParent().resolve(dest).normalize();
        Guide.Chapter chapter = guide.bySource(target);
        if (chapter != null) {
            return Html.relative(outDir, site.resolve(chapter.output())) + fragment;
        }
        if (!target.startsWith(repo) || !Files.exists(target)) {
            problems.add(where(source) + ": link " + dest + " leads to no file of the repository");
            return dest;
        }
        String path = repo.relativize(target).toString().replace('\\', '/');
        String ext = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (image || IMAGES.contains(ext)) {
            Path copy = site.resolve("assets/" + path);
            try {
                Files.createDirectories(copy.getParent());
                Files.copy(target, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Html.relative(outDir, copy) + fragment;
        }
        if (Files.isDirectory(target)) {
            problems.add(where(source) + ": link " + dest + " leads to a folder; link a file in it");
            return dest;
        }
        return sources.href(outDir, path) + fragment;
    }

    private String where(Path source) {
        return repo.relativize(source).toString();
    }

    private String layout(Guide.Chapter page, String title, String body, Path out, Guide.Chapter prev, Guide.Chapter next) {
        String root = Html.rootFrom(site, out);
        Path outDir = out.getParent();
        StringBuilder toc = new StringBuilder();
        for (Guide.Chapter c : guide.pages()) {
            toc.append("<li><a href=\"").append(Html.relative(outDir, site.resolve(c.output()))).append('"')
                    .append(c == page ? " aria-current=\"page\"" : "").append('>')
                    .append(Html.escape(c.title())).append("</a></li>\n");
        }
        StringBuilder pager = new StringBuilder("<nav class=\"pager\" aria-label=\"Previous and next\">");
        if (prev != null) {
            pager.append("<a class=\"prev\" href=\"").append(Html.relative(outDir, site.resolve(prev.output())))
                    .append("\">← ").append(Html.escape(prev.title())).append("</a>");
        }
        if (next != null) {
            pager.append("<a class=\"next\" href=\"").append(Html.relative(outDir, site.resolve(next.output())))
                    .append("\">").append(Html.escape(next.title())).append(" →</a>");
        }
        pager.append("</nav>");
        String current = page.source().getFileName().toString().equals("ARCHITECTURE.md") ? "Architecture" : "Guide";
        return """
                <!DOCTYPE html>
                <html lang="en" class="jwire-page">
                <head>
                <meta charset="UTF-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · jwire</title>
                <link rel="stylesheet" href="%sassets/site.css">
                <link rel="stylesheet" href="%sapi/java/styles/prism.css">
                </head>
                <body class="guide">
                <header class="site-header"><a class="brand" href="%sindex.html">jwire</a>%s</header>
                <div class="guide-layout">
                <nav class="guide-toc" id="guide-toc" aria-label="Guide"><p class="guide-toc-title">Guide</p><ul>
                %s</ul></nav>
                <main class="guide-content" id="content">
                %s
                %s
                </main>
                </div>
                <script src="%sapi/java/scripts/prism.js"></script>
                </body>
                </html>
                """.formatted(Html.escape(title), root, root, root, Html.siteNav(root, current), toc, body, pager, root);
    }

    private static String textOf(Node node) {
        StringBuilder sb = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                sb.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                sb.append(code.getLiteral());
            }
        });
        return sb.toString().trim();
    }

    /** Gives each heading an id made of its text, unique on the page, for links to sections. */
    private static final class HeadingIds implements AttributeProvider {
        private final Set<String> ids;

        HeadingIds(Set<String> ids) {
            this.ids = ids;
        }

        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            if (node instanceof Heading h) {
                String base = textOf(h).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
                String id = base.isEmpty() ? "section" : base;
                for (int n = 2; !ids.add(id); n++) {
                    id = base + "-" + n;
                }
                attributes.put("id", id);
            }
        }
    }
}
