package io.jwire.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guide's pages and their order: the front page ({@code docs/guide/index.md}) and every
 * Markdown file it links to, in the order of its links. The link text is the chapter's title in
 * the sidebar; {@code name.md} becomes {@code guide/name.html}.
 */
final class Guide {
    private static final Pattern MD_LINK = Pattern.compile("\\[([^\\]]+)\\]\\(([^)#\\s]+\\.md)(#[^)]*)?\\)");

    /** One page of the guide. */
    record Chapter(String title, Path source, String output) {
    }

    private final Chapter front;
    private final List<Chapter> chapters;

    private Guide(Chapter front, List<Chapter> chapters) {
        this.front = front;
        this.chapters = chapters;
    }

    static Guide load(Path repo, Path index) throws IOException {
        List<Chapter> chapters = new ArrayList<>();
        Matcher m = MD_LINK.matcher(Files.readString(index));
        while (m.find()) {
            Path source = index.getParent().resolve(m.group(2)).normalize();
            if (!Files.exists(source)) {
                throw new IllegalStateException(repo.relativize(index) + " links " + m.group(2) + ", which does not exist");
            }
            if (chapters.stream().noneMatch(c -> c.source().equals(source))) {
                String stem = source.getFileName().toString().replaceFirst("\\.md$", "").toLowerCase(Locale.ROOT);
                chapters.add(new Chapter(m.group(1), source, "guide/" + stem + ".html"));
            }
        }
        return new Guide(new Chapter("Overview", index, "index.html"), List.copyOf(chapters));
    }

    Chapter front() {
        return front;
    }

    List<Chapter> chapters() {
        return chapters;
    }

    /** The front page, then the chapters. */
    List<Chapter> pages() {
        List<Chapter> all = new ArrayList<>();
        all.add(front);
        all.addAll(chapters);
        return all;
    }

    List<Path> markdownSources() {
        return pages().stream().map(Chapter::source).toList();
    }

    /** The page made from {@code source}, or null when it is not part of the guide. */
    Chapter bySource(Path source) {
        for (Chapter c : pages()) {
            if (c.source().equals(source)) {
                return c;
            }
        }
        return null;
    }
}
