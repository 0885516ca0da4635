package io.jwire.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The code regions of the compiled sample sources, and the check that every Java or Kotlin code
 * block of the guide is one of them, character for character.
 *
 * <p>A region is marked in a sample file by {@code // region NAME} and {@code // endregion} lines
 * (nested regions allowed; marker lines are left out of the text). A guide block names its region
 * with {@code <!-- sample: FileName.java#NAME -->} on the line before its fence; a block without
 * that line must equal some region of some sample file. With {@code sync}, named blocks are
 * rewritten from their regions instead of being reported.
 */
final class SampleRegions {
    private static final Pattern START = Pattern.compile("^\\s*// region (\\S+)\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*// endregion\\b.*$");
    private static final Pattern MARKER = Pattern.compile("^<!-- sample: (\\S+)#(\\S+) -->\\s*$");
    private static final Pattern FENCE = Pattern.compile("^```\\s*(\\w*)\\s*$");

    /** file name -> region name -> text. */
    private final Map<String, Map<String, String>> regions = new LinkedHashMap<>();

    private SampleRegions() {
    }

    static SampleRegions load(Path... roots) throws IOException {
        SampleRegions r = new SampleRegions();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".kt")).sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (r.regions.containsKey(name)) {
                        throw new IllegalStateException("two sample files are named " + name + "; names must be unique");
                    }
                    r.regions.put(name, parse(f, Files.readAllLines(f)));
                }
            }
        }
        return r;
    }

    private static Map<String, String> parse(Path file, List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> open = new ArrayList<>();
        Map<String, List<String>> bodies = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher s = START.matcher(line);
            if (s.matches()) {
                open.add(s.group(1));
                bodies.put(s.group(1), new ArrayList<>());
                continue;
            }
            if (END.matcher(line).matches()) {
                if (open.isEmpty()) {
                    throw new IllegalStateException(file + ": '// endregion' without a region");
                }
                String name = open.remove(open.size() - 1);
                out.put(name, dedent(bodies.get(name)));
                continue;
            }
            for (String name : open) {
                bodies.get(name).add(line);
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalStateException(file + ": region " + open + " has no '// endregion'");
        }
        return out;
    }

    private static String dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isBlank() ? "" : l.substring(indent).stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /**
     * Checks (or, with {@code sync}, rewrites) the Java and Kotlin blocks of {@code markdown}.
     *
     * @return one message per block that is not a compiled sample
     */
    List<String> check(Path repo, Path markdown, boolean sync) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> lines = new ArrayList<>(Files.readAllLines(markdown));
        String where = repo.relativize(markdown).toString();
        boolean changed = false;
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches() || fence.group(1).isEmpty()) {
                continue;
            }
            String lang = fence.group(1);
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).startsWith("```")) {
                end++;
            }
            if (!lang.equals("java") && !lang.equals("kotlin")) {
                i = end;
                continue;
            }
            String block = String.join("\n", lines.subList(i + 1, end)) + "\n";
            Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1)) : null;
            if (marker != null && marker.matches()) {
                String file = marker.group(1);
                String region = marker.group(2);
                Map<String, String> inFile = regions.get(file);
                String expected = inFile == null ? null : inFile.get(region);
                if (expected == null) {
                    problems.add(where + ":" + (i + 1) + ": no region '" + region + "' in a sample file named " + file
                            + " (under docs/src/test)");
                } else if (!expected.equals(block)) {
                    if (sync) {
                        List<String> replacement = List.of(expected.split("\n", -1)).subList(0, expected.split("\n", -1).length - 1);
                        lines.subList(i + 1, end).clear();
                        lines.addAll(i + 1, replacement);
                        end = i + 1 + replacement.size();
                        changed = true;
                    } else {
                        problems.add(where + ":" + (i + 1) + ": this " + lang + " block differs from " + file + "#" + region
                                + "; edit the sample, then copy it in with -Ddocs.syncSamples=true");
                    }
                }
            } else if (!anyRegionEquals(block)) {
                problems.add(where + ":" + (i + 1) + ": this " + lang + " block is not a compiled sample: put the code in a "
                        + "region of a sample under docs/src/test and name it with <!-- sample: File#region --> above the block");
            }
            i = end;
        }
        if (changed) {
            Files.write(markdown, lines);
            System.out.println("synced the samples of " + where);
        }
        return problems;
    }

    private boolean anyRegionEquals(String block) {
        for (Map<String, String> inFile : regions.values()) {
            if (inFile.containsValue(block)) {
                return true;
            }
        }
        return false;
    }
}
