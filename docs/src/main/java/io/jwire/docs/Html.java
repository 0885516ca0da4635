package io.jwire.docs;

import java.nio.file.Path;

/** Small HTML helpers shared by the page writers. */
final class Html {
    private Html() {
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The relative URL from a page in directory {@code fromDir} to {@code target}. */
    static String relative(Path fromDir, Path target) {
        String r = fromDir.relativize(target).toString().replace('\\', '/');
        return r.isEmpty() ? "./" : r;
    }

    /** The relative URL from the page {@code page} to the site's root directory, ending in '/' (or empty). */
    static String rootFrom(Path site, Path page) {
        int depth = site.relativize(page).getNameCount() - 1;
        return "../".repeat(depth);
    }

    /**
     * The header every page of the site shares: the project name and links to the guide and the
     * two API references. {@code root} is the relative URL of the site's root.
     */
    static String siteNav(String root, String current) {
        return "<nav class=\"jwire-site-nav\" aria-label=\"Site\">"
                + link(root + "index.html", "Guide", current.equals("Guide"))
                + link(root + "api/java/index.html", "Java API", current.equals("Java API"))
                + link(root + "api/kotlin/index.html", "Kotlin DSL", current.equals("Kotlin DSL"))
                + link(root + "guide/architecture.html", "Architecture", current.equals("Architecture"))
                + "</nav>";
    }

    private static String link(String href, String text, boolean current) {
        return "<a href=\"" + href + "\"" + (current ? " aria-current=\"page\"" : "") + ">" + text + "</a>";
    }
}
