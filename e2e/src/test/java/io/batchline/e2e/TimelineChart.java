package io.batchline.e2e;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws a {@link Timeline} as a PNG with four stacked panels sharing the time axis: load (events
 * produced per second), the autoscaling metric as the HPA read it, replicas (desired and ready) and
 * the consumer group's lag. Plain java.awt, so that the test needs nothing beyond the JDK.
 */
final class TimelineChart {

  private static final int WIDTH = 1100;
  private static final int PANEL = 170;
  private static final int LEFT = 90;
  private static final int RIGHT = 30;
  private static final int TOP = 50;
  private static final int GAP = 30;

  private TimelineChart() {}

  static void write(Timeline timeline, String title, String metricLabel, Path file) {
    var samples = timeline.samples();
    if (samples.size() < 2) {
      throw new IllegalStateException("too few samples to draw: " + samples.size());
    }
    var image = new BufferedImage(WIDTH, TOP + 4 * (PANEL + GAP) + 20, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, LEFT, 28);
    double seconds =
        Duration.between(timeline.start(), samples.get(samples.size() - 1).at()).toMillis()
            / 1000.0;
    double[] t =
        samples.stream()
            .mapToDouble(s -> Duration.between(timeline.start(), s.at()).toMillis() / 1000.0)
            .toArray();
    double[] rate = new double[samples.size()];
    for (int i = 1; i < samples.size(); i++) {
      rate[i] =
          (samples.get(i).produced() - samples.get(i - 1).produced())
              / Math.max(0.001, t[i] - t[i - 1]);
    }
    panel(g, 0, "load (events/s produced)", t, rate, seconds, new Color(0x2b6cb0), null, null);
    panel(
        g,
        1,
        metricLabel,
        t,
        values(samples, s -> s.metric().isPresent() ? s.metric().getAsDouble() : Double.NaN),
        seconds,
        new Color(0xdd6b20),
        null,
        null);
    panel(
        g,
        2,
        "replicas (desired, ready)",
        t,
        values(samples, Timeline.Sample::desiredReplicas),
        seconds,
        new Color(0x2f855a),
        values(samples, Timeline.Sample::readyReplicas),
        new Color(0x9ae6b4));
    panel(
        g,
        3,
        "consumer group lag (records)",
        t,
        values(samples, Timeline.Sample::lag),
        seconds,
        new Color(0xc53030),
        null,
        null);
    g.dispose();
    try {
      Files.createDirectories(file.getParent());
      ImageIO.write(image, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double[] values(
      List<Timeline.Sample> samples, ToDoubleFunction<Timeline.Sample> f) {
    return samples.stream().mapToDouble(f).toArray();
  }

  private static void panel(
      Graphics2D g,
      int index,
      String label,
      double[] t,
      double[] y,
      double seconds,
      Color color,
      double[] second,
      Color secondColor) {
    int top = TOP + index * (PANEL + GAP);
    int width = WIDTH - LEFT - RIGHT;
    double max = 0;
    for (var v : y) {
      if (!Double.isNaN(v)) {
        max = Math.max(max, v);
      }
    }
    if (second != null) {
      for (var v : second) {
        max = Math.max(max, v);
      }
    }
    // whole-number series (replicas) get whole-number ticks
    max = max <= 0 ? 1 : max <= 8 && max == Math.rint(max) ? max : max * 1.1;
    g.setColor(new Color(0xf7fafc));
    g.fillRect(LEFT, top, width, PANEL);
    g.setColor(Color.GRAY);
    g.drawRect(LEFT, top, width, PANEL);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(Color.BLACK);
    g.drawString(label, LEFT + 6, top + 15);
    for (int i = 0; i <= 4; i++) {
      double v = max * i / 4;
      int py = top + PANEL - (int) (PANEL * i / 4.0);
      g.setColor(new Color(0xe2e8f0));
      g.drawLine(LEFT + 1, py, LEFT + width - 1, py);
      g.setColor(Color.DARK_GRAY);
      g.drawString(
          v >= 10 || v == Math.rint(v) ? String.format("%.0f", v) : String.format("%.2f", v),
          8,
          py + 4);
    }
    for (int s = 0; s <= seconds; s += 30) {
      int px = LEFT + (int) (width * s / seconds);
      g.setColor(Color.DARK_GRAY);
      g.drawString(s + "s", px - 8, top + PANEL + 14);
    }
    if (second != null) {
      line(g, t, second, seconds, max, top, width, secondColor, 4f);
    }
    line(g, t, y, seconds, max, top, width, color, 2f);
  }

  private static void line(
      Graphics2D g,
      double[] t,
      double[] y,
      double seconds,
      double max,
      int top,
      int width,
      Color color,
      float stroke) {
    g.setColor(color);
    g.setStroke(new BasicStroke(stroke));
    for (int i = 1; i < t.length; i++) {
      if (Double.isNaN(y[i - 1]) || Double.isNaN(y[i])) {
        continue;
      }
      int x0 = LEFT + (int) (width * t[i - 1] / seconds);
      int x1 = LEFT + (int) (width * t[i] / seconds);
      int y0 = top + PANEL - (int) (PANEL * y[i - 1] / max);
      int y1 = top + PANEL - (int) (PANEL * y[i] / max);
      g.drawLine(x0, y0, x1, y1);
    }
    g.setStroke(new BasicStroke(1f));
  }
}
