package io.jwire.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The jwire / peer chart of one switch: one horizontal bar per comparison, its label on the left
 * where it can be read, a log axis centred on 1.0 (below is better for times and bytes, above for
 * throughput), each bar coloured by its verdict and its target drawn as a tick. Plain Java2D:
 * XChart's category chart stacks 60 rotated labels on top of each other.
 */
final class RatioChart {
    private static final int WIDTH = 1100;
    private static final int ROW = 22;
    private static final int TOP = 70;
    private static final int BOTTOM = 50;
    private static final int LABEL_WIDTH = 520;
    private static final int RIGHT = 90;
    private static final Color MET = new Color(0x2e7d32);
    private static final Color MISSED = new Color(0xc62828);
    private static final Color NO_TARGET = new Color(0x5c6bc0);

    private RatioChart() {
    }

    /** Draws the chart of {@code comparisons} (all of one switch) into {@code png}. */
    static void write(String jwireSwitch, List<Comparison> comparisons, Path png) throws IOException {
        int height = TOP + BOTTOM + ROW * comparisons.size();
        BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            draw(g, jwireSwitch, comparisons, height);
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", png.toFile());
    }

    private static void draw(Graphics2D g, String jwireSwitch, List<Comparison> comparisons, int height) {
        double lo = Math.log10(0.001);
        double hi = Math.log10(10);
        for (Comparison c : comparisons) {
            double r = Math.log10(c.ratio().value());
            lo = Math.min(lo, Math.floor(r));
            hi = Math.max(hi, Math.ceil(r));
        }
        int x0 = LABEL_WIDTH;
        int x1 = WIDTH - RIGHT;
        double span = hi - lo;
        int plotBottom = height - BOTTOM;

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("jwire (" + jwireSwitch + " switch) / peer, measured in the same run", 12, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("log scale; times and bytes: left of 1 is better; throughput (Echo): right of 1 is better. "
                + "Green: target met, red: missed, blue: no target; black tick: the target.", 12, 44);

        // grid: a line per power of ten, 1.0 in bold
        for (int p = (int) lo; p <= (int) hi; p++) {
            int x = xOf(p, lo, span, x0, x1);
            g.setColor(p == 0 ? Color.DARK_GRAY : new Color(0xdddddd));
            g.setStroke(new BasicStroke(p == 0 ? 2f : 1f));
            g.drawLine(x, TOP - 6, x, plotBottom);
            g.setColor(Color.DARK_GRAY);
            String label = p >= 0 ? String.format(Locale.ROOT, "%,d", (long) Math.pow(10, p)) : "1e" + p;
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, plotBottom + 16);
        }
        g.drawString("jwire / peer", (x0 + x1) / 2 - 30, plotBottom + 36);

        FontMetrics fm = g.getFontMetrics();
        int one = xOf(0, lo, span, x0, x1);
        for (int i = 0; i < comparisons.size(); i++) {
            Comparison c = comparisons.get(i);
            int y = TOP + i * ROW;
            String label = c.jwire().comparisonKey() + " vs " + Catalog.displayName(c.peer().peer());
            while (fm.stringWidth(label) > LABEL_WIDTH - 16 && label.length() > 4) {
                label = label.substring(0, label.length() - 2);
            }
            g.setColor(Color.BLACK);
            g.drawString(label, LABEL_WIDTH - 8 - fm.stringWidth(label), y + ROW / 2 + 5);
            double ratio = c.ratio().value();
            int x = xOf(Math.log10(ratio), lo, span, x0, x1);
            g.setColor(c.target().isEmpty() ? NO_TARGET : c.target().get().isMet(ratio) ? MET : MISSED);
            g.fillRect(Math.min(one, x), y + 4, Math.max(2, Math.abs(x - one)), ROW - 8);
            if (c.target().isPresent()) {
                int tx = xOf(Math.log10(c.target().get().bound()), lo, span, x0, x1);
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(2f));
                g.drawLine(tx, y + 1, tx, y + ROW - 1);
            }
            g.setColor(Color.BLACK);
            String value = String.format(Locale.ROOT, ratio < 0.1 ? "%.3fx" : "%.2fx", ratio);
            int vx = x >= one ? x + 4 : x - 4 - fm.stringWidth(value);
            g.drawString(value, Math.max(x0 + 2, Math.min(vx, x1 + RIGHT - 4 - fm.stringWidth(value))), y + ROW / 2 + 5);
        }
    }

    private static int xOf(double log, double lo, double span, int x0, int x1) {
        return x0 + (int) Math.round((log - lo) / span * (x1 - x0));
    }
}
