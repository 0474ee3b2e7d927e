package dev.openrecog.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Markdown table, also readable as plain text on a terminal. */
final class Markdown {
    private final List<String[]> rows = new ArrayList<>();
    private final String[] header;

    Markdown(String... header) {
        this.header = header;
    }

    Markdown row(Object... cells) {
        String[] row = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            row[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
        }
        rows.add(row);
        return this;
    }

    String render() {
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths);
        String[] rule = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            rule[i] = "-".repeat(Math.max(3, widths[i]));
        }
        line(out, rule, widths);
        for (String[] row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < cells.length; i++) {
            out.append(' ').append(cells[i]).append(" ".repeat(Math.max(0, widths[i] - cells[i].length()))).append(" |");
        }
        out.append('\n');
    }

    /** Nanoseconds as milliseconds with the given number of decimals. */
    static String ms(double nanos, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", nanos / 1e6);
    }

    /** Nanoseconds as seconds, 3 decimals. */
    static String s(double nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    static String ratio(double value, double floor) {
        return floor <= 0 ? "–" : String.format(Locale.ROOT, "%.2f×", value / floor);
    }
}
